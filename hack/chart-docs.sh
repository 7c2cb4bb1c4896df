#!/usr/bin/env bash
# The chart's documentation from the "# --" comments in its values.yaml: README.md by helm-docs (built from its Go
# module by helm/build-helm-docs.sh; layout in README.md.gotmpl), the descriptions in values.schema.json by
# hack/chart-docs.py. Usage: hack/chart-docs.sh [--check]   (--check writes nothing and fails when either is
# stale; ChartDocsIT runs it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chart="$root/helm/wpoven-operator"
helm_docs=$("$root/helm/build-helm-docs.sh")
args=(--chart-search-root "$chart" --sort-values-order file --skip-version-footer --log-level warning)
if [ "${1:-}" = "--check" ]; then
  if ! diff -u "$chart/README.md" <("$helm_docs" "${args[@]}" --dry-run) >&2; then
    echo "chart-docs.sh: helm/wpoven-operator/README.md is stale: run hack/chart-docs.sh" >&2
    exit 1
  fi
  python3 "$root/hack/chart-docs.py" --check
else
  "$helm_docs" "${args[@]}"
  python3 "$root/hack/chart-docs.py"
fi
