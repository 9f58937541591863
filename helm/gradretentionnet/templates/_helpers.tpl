{{/* Release-scoped name of every object, at most 63 characters. */}}
{{- define "grn.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "grn.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "grn.labels" -}}
{{ include "grn.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "grn.image" -}}
{{- $repository := required "image.repository is required: push the image built from deploy/Dockerfile and set --set image.repository=<registry>/<name>" .Values.image.repository -}}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{/* The secret holding api-token and connection-string: the user's, or the chart's own. */}}
{{- define "grn.apiSecret" -}}
{{- .Values.api.existingSecret | default (printf "%s-secrets" (include "grn.fullname" .)) -}}
{{- end -}}

{{- define "grn.postgresSecret" -}}
{{- .Values.postgres.existingSecret | default (printf "%s-secrets" (include "grn.fullname" .)) -}}
{{- end -}}

{{- define "grn.outputClaim" -}}
{{- .Values.storage.existingClaim | default (printf "%s-runs" (include "grn.fullname" .)) -}}
{{- end -}}

{{- define "grn.dataClaim" -}}
{{- .Values.data.existingClaim | default (printf "%s-data" (include "grn.fullname" .)) -}}
{{- end -}}

{{/* The data volume and its mount, shared by the silos and the data Job. */}}
{{- define "grn.dataVolume" -}}
- name: data
  persistentVolumeClaim:
    claimName: {{ include "grn.dataClaim" . }}
{{- end -}}
