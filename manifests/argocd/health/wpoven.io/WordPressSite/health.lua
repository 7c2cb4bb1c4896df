-- Argo CD health of a WordPressSite, read from the conditions the operator reports.
-- Progressing until the operator has seen the current spec; then Degraded, Progressing, Suspended
-- (scaled to zero) or Healthy, in that order.
local hs = {}

-- Being deleted: the operator's finalizers (a Backup's artifacts, a Restore's or Staging's fence and Jobs) run
-- first; until they are done the object stays, and Argo CD shows what it waits for.
if obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  local finalizers = obj.metadata.finalizers or {}
  if #finalizers > 0 then
    hs.message = "Deleting the site: waiting for " .. table.concat(finalizers, ", ")
  else
    hs.message = "Deleting the site"
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
  hs.message = "Waiting for the operator to report the site's status"
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
local degraded = condition(conditions, "Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = degraded.message or degraded.reason or "Degraded"
  return hs
end

local progressing = condition(conditions, "Progressing")
if progressing ~= nil and progressing.status == "True" then
  hs.status = "Progressing"
  hs.message = progressing.message or "Rolling out"
  return hs
end

local ready = condition(conditions, "Ready")
local readyIsCurrent = ready ~= nil and (ready.observedGeneration == nil or generation == nil
  or ready.observedGeneration == generation)
if ready ~= nil and ready.status == "True" and readyIsCurrent then
  hs.status = "Healthy"
  hs.message = ready.message or "The site is serving"
  return hs
end

local web = condition(conditions, "WebReady")
if web ~= nil and web.reason == "ScaledToZero" then
  hs.status = "Suspended"
  hs.message = web.message or "Scaled to zero replicas"
  return hs
end

hs.status = "Progressing"
if ready ~= nil and ready.message ~= nil then
  hs.message = ready.message
else
  hs.message = "Waiting for the site to become Ready"
end
return hs
