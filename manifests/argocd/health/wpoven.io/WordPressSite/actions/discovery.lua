-- Argo CD actions of a WordPressSite. purge-cache: empties the site's Varnish once (not while the site is
-- scaled to zero or being deleted: nothing would answer).
local actions = {}
local idle = (obj.spec ~= nil and obj.spec.replicas == 0) or obj.metadata.deletionTimestamp ~= nil
actions["purge-cache"] = {["disabled"] = idle, ["iconClass"] = "fa fa-fw fa-broom", ["displayName"] = "Purge cache"}
return actions
