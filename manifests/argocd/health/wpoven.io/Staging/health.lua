-- Argo CD health of a Staging, read from the conditions and the last push the operator reports.
-- Progressing until the operator has seen the current spec; then Degraded when the staging site cannot exist
-- (live site missing, name taken) or its first copy failed, Degraded when the last push failed and was not
-- rolled back (live may be changed, or nothing ran for want of a checkpoint), Progressing while a push or
-- refresh runs, Healthy once Ready (a rolled-back push left live unchanged, so it is still Healthy, with its
-- reason as the message), Progressing otherwise.
local hs = {}

-- Being deleted: the operator's finalizers (a Backup's artifacts, a Restore's or Staging's fence and Jobs) run
-- first; until they are done the object stays, and Argo CD shows what it waits for.
if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  local finalizers = obj.metadata.finalizers or {}
  if #finalizers > 0 then
    hs.message = "Deleting the staging environment: waiting for " .. table.concat(finalizers, ", ")
  else
    hs.message = "Deleting the staging environment"
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
  hs.message = "Waiting for the operator to report the staging's status"
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
local ready = condition(conditions, "Ready")
if ready ~= nil and ready.status == "False"
  and (ready.reason == "LiveSiteNotFound" or ready.reason == "NameTaken") then
  hs.status = "Degraded"
  hs.message = ready.message or ready.reason
  return hs
end

local cloned = condition(conditions, "Cloned")
if cloned ~= nil and cloned.status == "False" and cloned.reason == "CloneFailed" then
  hs.status = "Degraded"
  hs.message = cloned.message or "The copy of the live site failed"
  return hs
end

local push = obj.status.lastPush
if push ~= nil and push.outcome == "Failed" then
  hs.status = "Degraded"
  hs.message = push.message or ("Push " .. (push.id or "") .. " failed")
  return hs
end

local syncing = condition(conditions, "Syncing")
if syncing ~= nil and syncing.status == "True" then
  hs.status = "Progressing"
  hs.message = syncing.message or "A push or refresh is running"
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  if push ~= nil and push.outcome == "RolledBack" then
    hs.message = "Last push " .. (push.id or "") .. " rolled back: " .. (push.message or "live is unchanged")
  else
    hs.message = ready.message or "The staging site is serving"
  end
  return hs
end

hs.status = "Progressing"
if ready ~= nil and ready.message ~= nil then
  hs.message = ready.message
else
  hs.message = "Waiting for the staging site to become Ready"
end
return hs
