machine { image = "hello"
run_for("1 ms")
