-- The sensor's signal and the battery's voltage, from the script.
machine { image = "pmfw", args = "quiet" }
expect("# ", "2 s")
-- A shell command's output, without the echoed command line.
local function sh(cmd)
  uart_send(cmd .. "\n")
  local _, out = expect("^(.-)# $", "5 s")
  return (out:gsub("^[^\n]*\n", ""))
end
local function raw()
  return tonumber(sh("cat /sys/bus/iio/devices/iio:device0/in_voltage0_raw"):match("%d+"))
end
-- A constant, then a function of the sample number, then the sawtooth again.
sensor_signal(function(t, k) return 1234 end)
assert(raw() == 1234, "constant signal: " .. tostring(raw()))
sensor_signal(function(t, k) return 5000 end)
assert(raw() == 4095, "a code is clamped to 12 bits")
sensor_signal(function(t, k) return t < 0.5 and 100 or 200 end)
local a = raw()
run_until(0.6)
local b = raw()
assert(a == 100 and b == 200, "a signal of time: " .. a .. ", " .. b)
sensor_signal(nil)
local c = raw()
assert(c % 16 == 0 and c ~= 200, "the built-in sawtooth: " .. c)
-- The battery: its voltage is on the trace stream, and the regulators'
-- input power follows it (their quiescent current times the voltage).
local function input_power(dt)
  local e0, t0 = energy().total, now()
  run_for(dt)
  return (energy().total - e0) / (now() - t0)
end
local p37 = input_power("0.2 s")
battery_voltage("2.5 V")
local p25 = input_power("0.2 s")
local ev = events { kind = "battery" }
assert(ev[#ev].value == 2500000, "battery event " .. ev[#ev].value)
assert(p25 ~= p37, "the input power did not change with the battery's voltage")
print(string.format("idle power at the battery: %.1f uW at 3.7 V, %.1f uW at 2.5 V", p37 * 1e6, p25 * 1e6))
