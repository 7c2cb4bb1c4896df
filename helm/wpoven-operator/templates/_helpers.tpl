{{/* Names and labels live here, and only here. */}}

{{- define "wpoven-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-<chart>, or just <release> when it already contains the chart name. */}}
{{- define "wpoven-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "wpoven-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: a fixed, immutable subset. */}}
{{- define "wpoven-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wpoven-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "wpoven-operator.labels" -}}
helm.sh/chart: {{ include "wpoven-operator.chart" . }}
{{ include "wpoven-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: wpoven
{{- end }}

{{- define "wpoven-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "wpoven-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "wpoven-operator.image" -}}
{{- $repository := include "wpoven-operator.inRegistry" (dict "repository" .Values.image.repository "registry" .Values.imageRegistry) }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
A repository moved to imageRegistry, as the operator moves its default images (ImageRegistry.java): a registry
host (with a dot or a port, or localhost) is replaced, Docker Hub's official images gain library/.
*/}}
{{- define "wpoven-operator.inRegistry" -}}
{{- $repository := .repository }}
{{- if .registry }}
{{- $parts := splitList "/" $repository }}
{{- $first := first $parts }}
{{- if eq (len $parts) 1 }}
{{- $repository = printf "library/%s" $repository }}
{{- else if or (contains "." $first) (contains ":" $first) (eq "localhost" $first) }}
{{- $repository = join "/" (rest $parts) }}
{{- end }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .registry) $repository }}
{{- end }}
{{- $repository }}
{{- end }}

{{- define "wpoven-operator.leaseName" -}}
{{- default (printf "%s-leader" (include "wpoven-operator.fullname" .) | trunc 63 | trimSuffix "-") .Values.leaderElection.leaseName }}
{{- end }}

{{/*
The rules for a site's objects: the same in the ClusterRole (all namespaces) and in each Role (watchNamespaces).
Verbs: server-side apply is a patch; create for Secrets and claims made once; delete for deletionPolicy and
disabled features.
*/}}
{{- define "wpoven-operator.siteRules" -}}
- apiGroups: ["wpoven.io"]
  resources: ["stagings"]
  verbs: ["get", "list", "watch", "patch", "update"]
# Sites: also created and deleted (a Staging's site); Backups (a site's spec.backup, a push's checkpoint) and
# Restores (a failed push's rollback) likewise.
- apiGroups: ["wpoven.io"]
  resources: ["wordpresssites", "backups", "restores"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["wpoven.io"]
  resources: ["wordpresssites/status", "backups/status", "restores/status", "stagings/status"]
  verbs: ["get", "patch", "update"]
# Owner references with blockOwnerDeletion need update on the owner's finalizers.
- apiGroups: ["wpoven.io"]
  resources: ["wordpresssites/finalizers", "backups/finalizers", "restores/finalizers", "stagings/finalizers"]
  verbs: ["update"]
# Backup, restore and staging runs are Jobs of the operator's tool; scheduled backups are CronJobs.
- apiGroups: ["batch"]
  resources: ["jobs", "cronjobs"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# A finished tool pod's termination message carries the run's result (artifact, sizes, checksums, error).
# A site's pods the scheduler cannot place give its reason to the site's Ready message.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
# The malware scan checks the core in each running WordPress pod's own document root: one fixed command (sha256sum
# against the image's manifest) in its php-fpm container. create is what Kubernetes 1.35+ authorizes an exec as; older
# clusters authorize its WebSocket upgrade as get.
- apiGroups: [""]
  resources: ["pods/exec"]
  verbs: ["create", "get"]
- apiGroups: [""]
  resources: ["secrets", "configmaps", "services", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses", "networkpolicies"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# TLSReady names a missing issuer (IssuerNotFound); ClusterIssuers only with the ClusterRole (all namespaces)
- apiGroups: ["cert-manager.io"]
  resources: ["issuers", "clusterissuers"]
  verbs: ["get"]
# a site's ServiceMonitor (spec.monitoring.serviceMonitor), where the Prometheus Operator is installed
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# a site's HTTPRoute (spec.gateway), where the Gateway API CRDs are installed; its status says if the Gateway accepted it
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# get and patch: the same Event again counts up (EventRecorder), instead of one Event per retry
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "get", "patch"]
{{- end }}

{{/* The CRDs' labels: the chart's, without the operator's component (a CRD belongs to no pod). */}}
{{- define "wpoven-operator.crdLabels" -}}
helm.sh/chart: {{ include "wpoven-operator.chart" . }}
app.kubernetes.io/name: {{ include "wpoven-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: crd
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: wpoven
{{- end }}
