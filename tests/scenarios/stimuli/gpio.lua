-- GPIO levels and edges from the script, seen by pmfw's gpio-keys.
machine { image = "pmfw", args = "quiet" }
expect("# ", "2 s")
-- A 2 ms glitch is shorter than the 5 ms debounce: not reported.
gpio_pulse(0, "2 ms", { level = 0 })
run_for("20 ms")
assert(#events { kind = "marker", label = "input:KEY_POWER" } == 0, "a glitch was reported")
-- A press by level, held, then released.
uart_send("evtest 2\n")
run_for("20 ms")
gpio_set(0, 0)
run_for("30 ms")
gpio_set(0, 1)
expect("code 116 %(KEY_POWER%), value 1\n.-code 116 %(KEY_POWER%), value 0\n", "1 s")
local m = events { kind = "marker", label = "input:KEY_POWER" }
assert(#m == 2 and m[1].value == 1 and m[2].value == 0, "markers: " .. #m)
-- Reported 5 ms (the debounce) after each edge, and a bit more.
assert(m[2].time - m[1].time > 0.029 and m[2].time - m[1].time < 0.031,
       "press to release: " .. (m[2].time - m[1].time))
