-- Argo CD health of a Backup, read from the conditions the operator reports.
-- Progressing until the operator has seen the current spec; then Degraded when the Backup cannot run
-- (Ready False), Suspended (a suspended schedule), Degraded when the latest finished run failed, Healthy when
-- it succeeded. Before any run has finished a schedule is Healthy (it waits for its time) and a one-off
-- Backup is Progressing.
local hs = {}

-- Being deleted: the operator's finalizers (a Backup's artifacts, a Restore's or Staging's fence and Jobs) run
-- first; until they are done the object stays, and Argo CD shows what it waits for.
if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  local finalizers = obj.metadata.finalizers or {}
  if #finalizers > 0 then
    hs.message = "Deleting the backup: waiting for " .. table.concat(finalizers, ", ")
  else
    hs.message = "Deleting the backup"
  end
  return hs
end

local function condition(conditions, type)
  for _, c in ipairs(conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

if obj.status == nil or obj.status.conditions == nil or #obj.status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report the backup's status"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to apply generation " .. generation
  return hs
end

local conditions = obj.status.conditions
local scheduled = obj.spec ~= nil and obj.spec.schedule ~= nil

local ready = condition(conditions, "Ready")
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.message or ready.reason or "The backup cannot run"
  return hs
end

if scheduled and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended: no new runs start"
  return hs
end

local failed = condition(conditions, "Failed")
if failed ~= nil and failed.status == "True" then
  hs.status = "Degraded"
  hs.message = failed.message or failed.reason or "The latest run failed"
  return hs
end

local complete = condition(conditions, "Complete")
if complete ~= nil and complete.status == "True" then
  hs.status = "Healthy"
  hs.message = complete.message or "The latest run succeeded"
  return hs
end

if scheduled then
  hs.status = "Healthy"
  hs.message = "Scheduled: no run has finished yet"
  return hs
end

hs.status = "Progressing"
local running = condition(conditions, "Running")
if running ~= nil and running.status == "True" and running.message ~= nil then
  hs.message = running.message
else
  hs.message = "Waiting for the backup to run"
end
return hs
