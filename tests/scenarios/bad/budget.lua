scenario { budgets = { energy = "1 nJ", deadline = "1 ms" } }
machine { image = "hello" }
run_until(function() return exited() end, "1 s")
