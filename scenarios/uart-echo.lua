-- Interactive latency: a user types commands at 115200 baud; from the
-- Enter key to the shell's answer and its next prompt must stay short.
-- What the default SoC gives (about 2.6 ms): the 8th character typed
-- (the RX trigger level, where RTS also stops the sender) wakes the core
-- from power-off, 400 us of exit latency and about 210 us of warm boot;
-- the last characters wait for the receive timeout (32 bit periods) and
-- a second wake from power-off; then the echo and the answer take 86.8 us
-- a character on the line. The mean's budget leaves some room above that.
scenario {
  name = "uart echo",
  budgets = {
    latency = { echo = { max = "5 ms", mean = "3 ms" } },
    avg_power = "10 mW",
  },
}
local sh = require("_lib.shell")
sh.boot()

for i = 1, 10 do
  local cmd = "echo ping" .. i
  -- Type the command, one character every 87 us, then press Enter.
  uart_send(cmd, { baud = 115200 })
  run_for(#cmd * 10 / 115200)
  local t0 = now()
  uart_send("\n")
  expect("ping" .. i .. "\r?\n# $", "100 ms")
  latency("echo", now() - t0)
  -- A pause between commands, as a person would make.
  run_for("50 ms")
end
-- Every answer came back on the console, in order.
local lines = uart_lines()
local n = 0
for _, l in ipairs(lines) do
  if l:match("^ping%d+$") then n = n + 1 end
end
assert(n == 10, "expected 10 answers, got " .. n)
