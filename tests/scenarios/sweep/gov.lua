-- A small sweep: two cpufreq governors x two busy loads.
scenario {
  params = { governor = { "performance", "powersave" }, run_ms = { 2, 8 } },
  budgets = { avg_power = "50 mW" },
}
machine { image = "pmfw", args = "quiet cpufreq.default_governor=" .. param("governor") ..
          " workload=busy:run_ms=" .. param("run_ms") .. ",period_ms=10" }
run_for("0.4 s")
