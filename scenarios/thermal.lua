-- The thermal model (docs/power.md "Temperature"): a SoC in a 45 °C
-- enclosure starts at 45 °C; a busy core warms its die above the ambient
-- within the die's time constant; the ambient rising to 60 °C mid-run
-- reaches the die only through the board and the package, slowly.
scenario {
  name = "thermal: ambient and a busy core",
  budgets = { deadline = "3 s" },
}
machine { image = "pmfw", args = "quiet", ambient = 45 }
assert(temperature() == 45 and temperature("board") == 45,
       "the SoC does not start at the ambient: " .. temperature())
expect("# ", "2 s")
uart_send("workload start busy\n")
expect("# ", "1 s")
run_for("0.5 s")
local busy = temperature("die")
assert(busy > temperature("package") and temperature("package") > 45,
       "a busy core does not warm the die above the package: " .. busy)
ambient(60)
run_for("0.2 s")
-- The die follows the board and the package: after 0.2 s (the board's
-- time constant is 50 s) it has barely moved.
local d = temperature("die") - busy
assert(d >= 0 and d < 1, "the die moved " .. d .. " K in 0.2 s after the ambient")
run_for("1 s")
assert(temperature("board") > 45.1 and temperature("board") < 60,
       "the board follows the new ambient with its own time constant: " .. temperature("board"))
