-- Argo CD actions of a Backup. For a scheduled Backup: backup-now (a one-off Backup with the same site, content
-- and storage, run at once), suspend and resume (the schedule). A one-off Backup has none.
local actions = {}
local scheduled = obj.spec ~= nil and obj.spec.schedule ~= nil and obj.metadata.deletionTimestamp == nil
local suspended = scheduled and obj.spec.suspend == true
actions["backup-now"] = {["disabled"] = not scheduled, ["iconClass"] = "fa fa-fw fa-play", ["displayName"] = "Back up now"}
actions["suspend"] = {["disabled"] = not scheduled or suspended, ["iconClass"] = "fa fa-fw fa-pause"}
actions["resume"] = {["disabled"] = not suspended, ["iconClass"] = "fa fa-fw fa-play-circle"}
return actions
