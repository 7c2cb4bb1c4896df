#!/usr/bin/env bash
# Regenerates the committed CRDs from the API classes (the build writes them to operator/target/kubernetes).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl operator package -DskipTests
rm -f crds/*.yaml
for f in operator/target/kubernetes/*-v1.yml; do
  name=$(basename "$f" -v1.yml)
  cp "$f" "crds/$name.yaml"
done
# the chart's CRD templates, manifests/install's copies, and the operator manifest rendered from the chart
helm/render-install.sh
ls crds
python3 hack/crd-reference.py
