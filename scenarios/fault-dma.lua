-- A DMA transfer that ends in a bus error must not bring the system
-- down: the copy is reported as failed, the driver recovers the channel,
-- the next copies succeed, and the shell still answers.
scenario {
  name = "DMA bus error survived",
  budgets = { deadline = "2 s" },
}
local sh = require("_lib.shell")
sh.boot()
sh.sh("workload start memcpy kib=4 period_ms=20")
run_for("0.2 s")
local before = sh.workload_stats("memcpy")
assert(tonumber(before.errors) == 0, "errors before the fault: " .. before.errors)
-- The next beat of any channel meets an AHB error response.
fault("dma", "bus-error")
local t_fault = now()
run_for("0.5 s")
local after = sh.workload_stats("memcpy")
assert(tonumber(after.errors) == 1, "copies failed: " .. after.errors .. " (want exactly the one)")
assert(tonumber(after.copies) > tonumber(before.copies) + 10,
       "copies stopped after the fault: " .. before.copies .. " -> " .. after.copies)
assert(after.state == "running", "the workload is " .. tostring(after.state))
-- The controller's error interrupt was taken, after the fault.
local errs = events { kind = "dma", var = "error" }
assert(#errs == 1 and errs[1].time >= t_fault, "DMA error events: " .. #errs)
-- The kernel said so, and the console still works.
assert(sh.sh("dmesg"):find("pl08x_irq error interrupt"), "no error in the kernel log")
assert(sh.sh("echo alive"):find("alive"), "the shell does not answer")
