-- Energy and residencies as the script sees them agree with the report.
machine { image = "pmfw", args = "quiet" }
expect("# ", "1 s")
run_for("0.3 s")
local e = energy()
local sum = 0
for _, j in pairs(e.components) do sum = sum + j end
assert(math.abs(sum - e.total) <= 1e-9 + 1e-6 * e.total, "components " .. sum .. " vs total " .. e.total)
assert(energy("total") == e.total)
assert(energy("cpu0") == e.components.cpu0)
local r = residency()
local t = r.busy + r.idle
assert(math.abs(t - r.time) < 1e-9, "busy+idle " .. t .. " vs " .. r.time)
