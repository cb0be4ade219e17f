-- A scenario that must fail: the runner reports it, with its line.
machine { image = "hello" }
run_until(function() return exited() end, "1 s")
local done, status = exited()
assert(done and status == 1, "hello exited with status " .. tostring(status))
