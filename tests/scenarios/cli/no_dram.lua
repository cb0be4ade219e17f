-- Passes only on a SoC without DRAM (pmsim scenario --config mcu).
machine { image = "pmfw", args = "quiet" }
run_for("0.1 s")
assert(residency().dram == nil, "this SoC has DRAM")
