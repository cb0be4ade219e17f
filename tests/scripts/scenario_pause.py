#!/usr/bin/env python3
"""A run stopped and resumed by a scenario ends exactly as the same run
without one: the scenario pauses the machine every PERIOD (an action) and
on every console byte and trace event (run_until's condition), and its
report must be byte-identical to `pmsim run --report` of the same image,
SoC and arguments.

usage: scenario_pause.py PMSIM IMAGE CONFIG(default|path) PERIOD ARGS
"""
import os
import subprocess
import sys
import tempfile

pmsim, image, config, period, args = sys.argv[1:6]
with tempfile.TemporaryDirectory() as d:
    lua = os.path.join(d, "pause.lua")
    cfg = "" if config == "default" else 'config = "%s", ' % config
    with open(lua, "w") as f:
        f.write('machine { image = "%s", %sargs = [[%s]] }\n' % (image, cfg, args))
        f.write('local n = 0\nevery("%s", function() n = n + 1 end)\n' % period)
        f.write('assert(run_until(function() return exited() end, "60 s"), "no exit")\n')
        f.write('assert(n > 100, "only " .. n .. " pauses")\n')
    r = subprocess.run([pmsim, "scenario", "--quiet", "--no-host", "--output",
                        os.path.join(d, "out"), lua], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("scenario failed (%d): %s" % (r.returncode, r.stderr))
    run = [pmsim, "run", "--no-host", "--report", os.path.join(d, "run.json")]
    if config != "default":
        run += ["--config", config]
    r = subprocess.run(run + [image, "--", args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("run failed (%d): %s" % (r.returncode, r.stderr))
    a = open(os.path.join(d, "out", "report.json"), "rb").read()
    b = open(os.path.join(d, "run.json"), "rb").read()
    if a != b:
        al, bl = a.decode().splitlines(), b.decode().splitlines()
        for i, (x, y) in enumerate(zip(al, bl)):
            if x != y:
                sys.exit("reports differ at line %d:\n  scenario: %s\n  run:      %s" % (i + 1, x, y))
        sys.exit("reports differ in length")
    print("identical reports (%d bytes)" % len(a))
