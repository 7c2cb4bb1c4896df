-- Suspend: no new scheduled runs start; a run already started finishes.
obj.spec.suspend = true
return obj
