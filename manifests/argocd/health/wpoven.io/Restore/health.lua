-- Argo CD health of a Restore, read from the phase and conditions the operator reports.
-- Healthy once Succeeded, Degraded once Failed; Progressing before that (Pending, SafetyBackup, Quiescing,
-- Restoring, Resuming), with the reason a Pending restore waits when there is one.
local hs = {}

-- Being deleted: the operator's finalizers (a Backup's artifacts, a Restore's or Staging's fence and Jobs) run
-- first; until they are done the object stays, and Argo CD shows what it waits for.
if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  local finalizers = obj.metadata.finalizers or {}
  if #finalizers > 0 then
    hs.message = "Deleting the restore: waiting for " .. table.concat(finalizers, ", ")
  else
    hs.message = "Deleting the restore"
  end
  return hs
end

local function condition(conditions, type)
  for _, c in ipairs(conditions or {}) do
    if c.type == type then
      return c
    end
  end
  return nil
end

if obj.status == nil or obj.status.phase == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the restore's status"
  return hs
end

local phase = obj.status.phase
local conditions = obj.status.conditions

if phase == "Succeeded" then
  local complete = condition(conditions, "Complete")
  hs.status = "Healthy"
  hs.message = (complete ~= nil and complete.message) or "The restore succeeded"
  return hs
end

if phase == "Failed" then
  local failed = condition(conditions, "Failed")
  hs.status = "Degraded"
  hs.message = (failed ~= nil and (failed.message or failed.reason)) or "The restore failed"
  return hs
end

hs.status = "Progressing"
local progressing = condition(conditions, "Progressing")
if progressing ~= nil and progressing.status == "False" and progressing.message ~= nil then
  hs.message = progressing.message
else
  hs.message = "Restore in phase " .. phase
end
return hs
