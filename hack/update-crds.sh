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
if [ -d helm/wpoven-operator/crds ]; then
  rm -f helm/wpoven-operator/crds/*.yaml
  cp crds/*.yaml helm/wpoven-operator/crds/
fi
ls crds
