machine { image = "spin" }
run_for("1000 s")
