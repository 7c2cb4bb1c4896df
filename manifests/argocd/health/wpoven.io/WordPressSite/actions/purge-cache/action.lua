-- Purge cache: a new value of the wpoven.io/purge-cache annotation empties the site's Varnish once; the operator
-- answers it in status.cachePurge (the request, the outcome, why).
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["wpoven.io/purge-cache"] = os.date("!%Y-%m-%dT%H:%M:%SZ")
return obj
