machine { image = "hello" }
run_for("1 ms")
assert(now() > 1, "time is " .. now())
