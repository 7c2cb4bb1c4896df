-- Resume: the schedule runs again from its next time.
obj.spec.suspend = false
return obj
