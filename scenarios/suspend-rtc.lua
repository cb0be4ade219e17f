-- Suspend to RAM until an RTC alarm, three times (+2: at least one whole
-- second of the RTC's, which counts whole seconds): the SoC must
-- sleep each time, wake from the RTC, and suspend and resume quickly.
scenario {
  name = "suspend on an RTC alarm",
  budgets = {
    -- resume: the devices' resume and the crystals' 1 ms start-up
    latency = { resume = "12 ms", suspend = "60 ms" },
    energy = "30 mJ",
    deadline = "8 s",
  },
}
local sh = require("_lib.shell")
sh.boot()

for i = 1, 3 do
  sh.sh("echo +2 > /sys/class/rtc/rtc0/wakealarm")
  local t0 = now()
  sh.sh("echo mem > /sys/power/state", "3 s")
  assert(now() - t0 > 0.9, "the system did not sleep until the alarm")
end
local st = sh.sh("cat /sys/power/suspend_stats/success")
assert(tonumber(st) == 3, "suspend_stats/success: " .. st)
-- The trace stream saw each suspend and resume, and the RTC woke it.
local ev = events { kind = "suspend" }
local entries = 0
for _, e in ipairs(ev) do
  if e.value == 1 then entries = entries + 1 end
end
assert(entries == 3, "suspend entries in the trace: " .. entries)
assert(residency().suspended > 2.9, "suspended for " .. residency().suspended .. " s")
