machine { image = "hello" }
after("10 us", function() error("boom from an action") end)
run_for("1 ms")
