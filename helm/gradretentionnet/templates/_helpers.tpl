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

{{/* REPOSITORY:TAG of the silo image, TAG-cuda for the CUDA flavour (deploy/docker/silo-cuda.Dockerfile). */}}
{{- define "grn.image" -}}
{{- $repository := required "image.repository is required: push the images built from deploy/docker/ and set --set image.repository=<registry>/<name>" .Values.image.repository -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- printf "%s:%s%s" $repository $tag (ternary "-cuda" "" (eq (include "grn.flavour" .) "cuda")) -}}
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

{{/* The image tag for the silo's flavour: TAG for cpu, TAG-cuda for cuda (auto: cuda when silo.gpus > 0). */}}
{{- define "grn.flavour" -}}
{{- if eq .Values.image.flavour "auto" -}}
{{- ternary "cuda" "cpu" (gt (int .Values.silo.gpus) 0) -}}
{{- else -}}
{{- .Values.image.flavour -}}
{{- end -}}
{{- end -}}

{{/* The pods' RuntimeClass, or nothing: auto is "nvidia" for GPU silos. */}}
{{- define "grn.runtimeClassName" -}}
{{- if eq .Values.silo.runtimeClassName "auto" -}}
{{- if gt (int .Values.silo.gpus) 0 }}nvidia{{ end -}}
{{- else -}}
{{- .Values.silo.runtimeClassName -}}
{{- end -}}
{{- end -}}

{{- define "grn.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "grn.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "grn.tlsSecret" -}}
{{- .Values.tls.existingSecret | default (printf "%s-tls" (include "grn.fullname" .)) -}}
{{- end -}}

{{/* Where the TLS secret is mounted (the contract of GRN_Silo__Tls__*: tls.crt, tls.key, ca.crt). */}}
{{- define "grn.tlsPath" -}}/etc/grn/tls{{- end -}}

{{- define "grn.siloSelectorLabels" -}}
{{ include "grn.selectorLabels" . }}
app.kubernetes.io/component: silo
{{- end -}}

{{/* "QUANTITY FACTOR" as a list: an integer quantity (4, 500m, 16Gi) times a whole number. */}}
{{- define "grn.multiply" -}}
{{- $quantity := toString (index . 0) -}}
{{- $digits := regexFind "^[0-9]+" $quantity -}}
{{- printf "%d%s" (mul (atoi $digits) (index . 1)) (trimPrefix $digits $quantity) -}}
{{- end -}}

{{/* The silo container's resources: silo.resources, and for GPU silos the GPUs and perGpu times gpus. */}}
{{- define "grn.siloResources" -}}
{{- $gpus := int .Values.silo.gpus -}}
{{- $requests := deepCopy (.Values.silo.resources.requests | default dict) -}}
{{- $limits := deepCopy (.Values.silo.resources.limits | default dict) -}}
{{- if gt $gpus 0 -}}
{{- with .Values.silo.resources.perGpu -}}
{{- if .cpu -}}
{{- $_ := set $requests "cpu" (include "grn.multiply" (list .cpu $gpus)) -}}
{{- end -}}
{{- if .memory -}}
{{- $_ := set $requests "memory" (include "grn.multiply" (list .memory $gpus)) -}}
{{- $_ := set $limits "memory" (include "grn.multiply" (list .memory $gpus)) -}}
{{- end -}}
{{- end -}}
{{- $_ := set $limits "nvidia.com/gpu" $gpus -}}
{{- end -}}
{{- toYaml (dict "requests" $requests "limits" $limits) -}}
{{- end -}}

{{/*
The pod-level settings every pod of the chart shares: its own service account without an API token
(grn-silo never calls the Kubernetes API) and the restricted security context.
*/}}
{{- define "grn.podSecurity" -}}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .Values.silo.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The writable /tmp of a read-only root filesystem: volume and mount. */}}
{{- define "grn.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.silo.tmpSize }}
{{- end -}}

{{- define "grn.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* The DaemonSet's node labels, for the install notes. */}}
{{- define "grn.daemonSetNodes" -}}
{{- $labels := list -}}
{{- range $key, $value := merge (deepCopy .Values.silo.nodeSelector) .Values.silo.daemonSet.nodeSelector -}}
{{- $labels = append $labels (printf "%s=%s" $key $value) -}}
{{- end -}}
{{- join "," $labels -}}
{{- end -}}
