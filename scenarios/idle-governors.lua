-- The cpuidle governors on a timer-driven workload: a real-time task
-- released every 7 ms that computes for about 0.4 ms. Each governor must
-- meet every deadline, and the deep states must pay off.
scenario {
  name = "idle governors",
  params = { governor = { "menu", "teo", "ladder" } },
  budgets = {
    latency = { response = { max = "3 ms", p99 = "2 ms" } },
    avg_power = "12 mW",
  },
}
local sh = require("_lib.shell")
local gov = param("governor")
sh.boot("cpuidle.governor=" .. gov)
assert(sh.sh("cat /sys/devices/system/cpu/cpuidle/current_governor"):match(gov),
       "the governor in use is not " .. gov)
sh.sh("workload start periodic period_ms=7 duty=12 duration_ms=2000")
run_for("2.05 s")
local st = sh.workload_stats("periodic")
assert(st.state == "done", "periodic: " .. tostring(st.state))
assert(tonumber(st.misses) == 0, "deadline misses: " .. st.misses)
-- The response times: the samples the latency budget checks.
local r = sh.latency_line(st.response)
assert(r.n and r.n > 280, "jobs: " .. tostring(r.n))
latency("response", r.max)
latency("response", r.p99)
-- Time was spent in an idle state deeper than WFI.
local res = residency()
local deep = 0
for name, s in pairs(res.cstates) do
  if name ~= "wfi" then deep = deep + s.time end
end
assert(deep > 0.5, gov .. ": only " .. deep .. " s in deep idle states")
