-- pmfw boots to its prompt under each HZ, and idles there.
scenario { params = { image = { "pmfw", "pmfw-hz100" } }, budgets = { avg_power = "20 mW" } }
machine { image = param("image"), args = "quiet" }
expect("# ", "1 s")
run_for("50 ms")
write_report("mid.json")
write_report("mid.txt")
run_for("50 ms")
