-- Back up now: creates a one-off Backup (no schedule, so it runs once, at once) of the same site, content and
-- storage, named <backup>-now-<UTC time>. It keeps its artifacts when deleted (deletionPolicy Retain) whatever
-- the schedule's policy, and is owned by the scheduled Backup so Argo CD shows it under it (as Argo CD's own
-- CronJob create-job action does). The scheduled Backup itself is left as it is.
local os = require("os")

local backup = {}
backup.apiVersion = obj.apiVersion
backup.kind = obj.kind
backup.metadata = {}
-- object names are at most 253 characters; keep the suffix whole
backup.metadata.name = string.sub(obj.metadata.name, 1, 253 - 19) .. "-now-" .. os.date("!%Y%m%d%H%M%S")
backup.metadata.namespace = obj.metadata.namespace
backup.metadata.labels = {}
for k, v in pairs(obj.metadata.labels or {}) do
  if k ~= "app.kubernetes.io/instance" and k ~= "argocd.argoproj.io/instance" then
    backup.metadata.labels[k] = v
  end
end
backup.metadata.labels["wpoven.io/backup-now-of"] = string.sub(obj.metadata.name, 1, 63)
backup.metadata.ownerReferences = {{
  apiVersion = obj.apiVersion,
  kind = obj.kind,
  name = obj.metadata.name,
  uid = obj.metadata.uid
}}
backup.spec = {}
backup.spec.siteRef = obj.spec.siteRef
backup.spec.include = obj.spec.include
backup.spec.storage = obj.spec.storage
backup.spec.compression = obj.spec.compression
backup.spec.timeoutSeconds = obj.spec.timeoutSeconds
backup.spec.deletionPolicy = "Retain"

local result = {}
result[1] = {operation = "create", resource = backup}
result[2] = {operation = "patch", resource = obj}
return result
