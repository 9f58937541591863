#!/usr/bin/env bash
# The EnhancedSGD study behind docs/results.md, from the committed specs to the committed page:
#   bash studies/enhanced-sgd/run.sh [--runs DIR]      (about an hour on 2 CPU cores)
# 1. original-setting.yaml: the original project's one published setting, reproduced;
# 2. study.yaml: the study (tune on validation, evaluate on 5 fresh seeds);
# 3. grn publish: docs/results.md and docs/results/*.png from the specs and the job folders.
# Each grn run reuses finished jobs in DIR (a run cut short continues where it stopped), so the
# page can be regenerated from the same results with step 3 alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=runs
[ "${1:-}" = "--runs" ] && runs=$2
here=studies/enhanced-sgd

bash build/offline-data.sh
dotnet build src/GradRetentionNet.Cli -c Release -warnaserror -v q -nologo >/dev/null
grn=(dotnet src/GradRetentionNet.Cli/bin/Release/net10.0/grn.dll)

started=$(date +%s)
"${grn[@]}" run "$here/original-setting.yaml" --out "$runs" --slots 2
"${grn[@]}" run "$here/study.yaml" --out "$runs" --slots 2
echo "study: $(( ($(date +%s) - started) / 60 )) minutes of training and evaluation"

"${grn[@]}" publish "$here/study.yaml" --original "$here/original-setting.yaml" --runs "$runs" --out docs/results.md
