#!/usr/bin/env bash
# Regenerates manifests/install/ (the `kubectl apply -k` install) from the chart, so both install paths
# carry the same RBAC, Deployment and Service: the chart's defaults, release "wpoven-operator" in namespace
# wpoven-system. Also copies crds/ into the chart and into manifests/install/crds/.
# Usage: helm/render-install.sh [output-root]   (default: the repository; InstallManifestsIT renders into a
# temporary root and compares, so it fails when the committed files are stale)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest_root="${1:-$root}"
helm=$("$root/helm/build-helm.sh")

for dest in "$dest_root/helm/wpoven-operator/crds" "$dest_root/manifests/install/crds"; do
  mkdir -p "$dest"
  rm -f "$dest"/*.yaml
  cp "$root"/crds/*.yaml "$dest/"
done

{
  echo "# Generated from helm/wpoven-operator by helm/render-install.sh: edit the chart, then rerun the script."
  "$helm" template wpoven-operator "$root/helm/wpoven-operator" --namespace wpoven-system --skip-tests --skip-crds \
    | sed -e '/^[[:space:]]*helm.sh\/chart: /d' -e 's/app.kubernetes.io\/managed-by: Helm/app.kubernetes.io\/managed-by: kustomize/'
} > "$dest_root/manifests/install/operator.yaml"
echo "wrote $dest_root/manifests/install/operator.yaml and the CRD copies" >&2
