-- A scenario's timeline in every format and its HTML report, written into
-- its output folder at the end (tests/scripts/timeline.py checks them).
scenario { name = "timeline" }
machine {
  image = "pmfw",
  args = "quiet workload start busy; workload start adc; sleep 0.2; workload stop all; sleep 0.1; poweroff",
  timeline = { "vcd", "json", "csv" },
  html = true,
}
run_until(function() return exited() end, "2 s")
