-- Suspend to RAM, then a press of the power button (gpio-keys on the
-- PL061's line 0, active-low) wakes the SoC: it must sleep until the
-- press, wake from the GPIO, report the key, and be back at the shell
-- quickly, three times.
scenario {
  name = "suspend, woken by the power button",
  budgets = {
    -- resume: the devices' resume and the crystals' 1 ms start-up
    latency = { resume = "12 ms", press_to_prompt = { max = "20 ms" } },
    energy = "30 mJ",
  },
}
local sh = require("_lib.shell")
sh.boot()
assert(sh.sh("cat /sys/class/input/input0/name"):match("gpio%-keys"), "no gpio-keys")

for i = 1, 3 do
  uart_send("echo mem > /sys/power/state\n")
  -- Asleep a second later, and still asleep: nothing else wakes it.
  run_for("1 s")
  assert(residency().suspends == i, "not suspended (" .. residency().suspends .. ")")
  local t = now()
  -- A 60 ms press (the line is pulled up: pressed is low).
  gpio_pulse(0, "60 ms", { level = 0 })
  expect("# $", "1 s")
  latency("press_to_prompt", now() - t)
  run_for("0.1 s")
end
-- The wake-up IRQ was the GPIO block's line (pmfw numbers GPIO
-- interrupts from 100), and the key was reported each time.
assert(sh.sh("cat /sys/power/pm_wakeup_irq"):match("^100"), "woken by something else")
assert(tonumber(sh.sh("cat /sys/power/suspend_stats/success")) == 3)
local presses = 0
for _, e in ipairs(events { kind = "marker", label = "input:KEY_POWER" }) do
  if e.value == 1 then presses = presses + 1 end
end
assert(presses == 3, "KEY_POWER presses reported: " .. presses)
