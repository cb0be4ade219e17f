machine { image = "hello" }
local t = nil
print(t.field)
