-- A periodic sensor pipeline (ADC by DMA at 1 kHz, a FIR filter, a line
-- on the console every second) under each cpufreq governor: no block
-- dropped, no sample out of sequence, the processing latency and the
-- power within budget.
scenario {
  name = "sensor pipeline",
  params = { governor = { "performance", "powersave", "ondemand", "conservative", "schedutil" } },
  budgets = {
    latency = { processing = { p99 = "4 ms" } },
    avg_power = "15 mW",
  },
}
local sh = require("_lib.shell")
local gov = param("governor")
sh.boot("cpufreq.default_governor=" .. gov)
sh.sh("workload start pipeline")
-- Two lines of output, a second apart.
expect("pipeline: k=%d+ raw=%d+ avg=%d+\n", "1.5 s")
expect("pipeline: k=%d+ raw=%d+ avg=%d+\n", "1.5 s")
local st = sh.workload_stats("pipeline")
assert(tonumber(st.errors) == 0, "samples out of sequence: " .. st.errors)
assert(tonumber(st.dropped) == 0, "blocks dropped: " .. st.dropped)
local p = sh.latency_line(st.processing)
latency("processing", p.p99)
-- The frequencies the governor chose, from the trace: performance stays
-- at the top of what cpufreq offers, powersave at the bottom.
local opps = residency().opps
local top, bottom = 0, math.huge
for khz in sh.sh("cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_available_frequencies"):gmatch("%d+") do
  top = math.max(top, tonumber(khz))
  bottom = math.min(bottom, tonumber(khz))
end
if gov == "performance" then
  assert(opps[top].time > 0.9 * now(), "performance left the top OPP")
elseif gov == "powersave" then
  assert(opps[bottom].time > 0.9 * now(), "powersave left the bottom OPP")
end
