#!/usr/bin/env python3
"""Run a guest with `--report FILE` and check its exit status, its stdout and
the energy of some meters in the JSON report (docs/report.md: energy.by_meter).

    report_meters.py STATUS OUT [COMPONENT KIND JOULES]... -- PMSIM run [OPTIONS] IMAGE [-- ARGS]

OUT: text that stdout must contain. Each COMPONENT KIND JOULES triple names a
meter that must have drawn JOULES, within a relative 1e-6 (the report
prints ten significant digits). The report is written with --no-host, to a
temporary directory. Exits 0 when every check passes; prints each failure,
the command and its output, and exits 1 otherwise.
"""
import json
import os
import subprocess
import sys
import tempfile


def main(argv):
    if "--" not in argv:
        print("usage: report_meters.py STATUS OUT [COMPONENT KIND JOULES]... -- PMSIM run ...")
        return 2
    sep = argv.index("--")
    head, cmd = argv[:sep], argv[sep + 1:]
    if len(head) < 2 or (len(head) - 2) % 3 or len(cmd) < 2 or cmd[1] != "run":
        print("report_meters.py: bad arguments")
        return 2
    want_status, want_out = int(head[0]), head[1]
    meters = [(head[i], head[i + 1], float(head[i + 2])) for i in range(2, len(head), 3)]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        run = subprocess.run([cmd[0], "run", "--no-host", "--report", path] + cmd[2:],
                             stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if run.returncode != want_status:
            failures.append("status %d, wanted %d" % (run.returncode, want_status))
        if want_out not in run.stdout:
            failures.append("stdout does not contain '%s'" % want_out)
        report = None
        try:
            with open(path) as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            failures.append("no report: %s" % e)
        if report is not None:
            by_meter = report["energy"]["by_meter"]
            for comp, kind, joules in meters:
                got = [m["joules"] for m in by_meter
                       if m["component"] == comp and m["kind"] == kind]
                if len(got) != 1:
                    failures.append("%d meters %s/%s, wanted one" % (len(got), comp, kind))
                elif abs(got[0] - joules) > 1e-6 * abs(joules):
                    failures.append("meter %s/%s: %.9e J, wanted %.9e J"
                                    % (comp, kind, got[0], joules))
    if failures:
        for f in failures:
            print("FAIL: " + f)
        print("command: " + " ".join(cmd))
        print("--- stdout\n" + run.stdout + "--- stderr\n" + run.stderr, end="")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
