-- Moving data: 16 KiB copied ten times a second by the DMA controller or
-- by the CPU (the memcpy workload's engine=dma|cpu: the same fill, copy
-- and check). Each point must copy every buffer intact within its energy
-- budget; `pmsim sweep scenarios/dma-vs-cpu.lua` puts the two side by side
-- (sweep.csv: total_j, energy.cpu0_j, energy.dma@40030000_j, ...).
scenario {
  name = "DMA against CPU copy",
  params = { engine = { "dma", "cpu" } },
  budgets = { energy = "45 mJ", avg_power = "18 mW" },
}
local sh = require("_lib.shell")
local engine = param("engine")
sh.boot()
local e0, t0 = energy().total, now()
sh.sh("workload start memcpy kib=16 period_ms=100 engine=" .. engine)
run_for("2 s")
local st = sh.workload_stats("memcpy")
assert(tonumber(st.errors) == 0, engine .. ": copies with errors: " .. st.errors)
local copies = tonumber(st.copies)
assert(copies >= 20, engine .. ": only " .. copies .. " copies")
local per_copy = (energy().total - e0) / copies
print(string.format("%s: %d copies, %.1f uJ per copy (with the idle time between them), "
                    .. "%.1f s of CPU", engine, copies, per_copy * 1e6, tonumber(st.cpu:match("[%d.]+"))))
-- With the DMA engine, the controller completed every copy (besides the
-- console's transmissions, which it also carries).
if engine == "dma" then
  assert(#events { kind = "dma", var = "done" } >= copies, "fewer DMA completions than copies")
end
print(string.format("dma@40030000: %.1f uJ", (energy().components["dma@40030000"] or 0) * 1e6))
