-- Helpers for scenarios that drive pmfw's shell on UART0 (docs/scenarios.md,
-- "Modules"). Files and folders whose names start with '_' are not
-- scenarios: pmsim test skips them.
local M = {}

-- Boot pmfw with `args` on the kernel command line and wait for the
-- first prompt.
function M.boot(args, config)
  machine { image = "pmfw", config = config, args = "quiet " .. (args or "") }
  expect("# ", "2 s")
end

-- Run a shell command and return what it printed (without the echoed
-- command line and the next prompt). `timeout`: how long it may take.
function M.sh(cmd, timeout)
  uart_send(cmd .. "\n")
  local _, out = expect("^(.-)# $", timeout or "5 s")
  -- The first line is the shell's echo of the command.
  return (out:gsub("^[^\n]*\n", ""):gsub("\r", ""))
end

-- `workload stats NAME` as a table: key -> value string.
function M.workload_stats(name)
  local t = {}
  for k, v in M.sh("workload stats " .. name):gmatch("([%w_]+): ([^\n]*)") do
    t[k] = v
  end
  return t
end

-- A latency line ("n=200 min=1.680 p50=1.703 ... mean=1.739 ms") as a
-- table of seconds.
function M.latency_line(s)
  local t = {}
  for k, v in (s or ""):gmatch("(%w+)=([%d.]+)") do
    t[k] = k == "n" and tonumber(v) or tonumber(v) / 1000
  end
  return t
end

return M
