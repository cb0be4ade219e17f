machine { image = "exc_lockup" }
run_for("10 ms")
