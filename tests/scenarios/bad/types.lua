machine { image = "hello" }
run_for({})
