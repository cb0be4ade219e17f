#!/usr/bin/env python3
"""Suspend to RAM's machine part as pmsim's report sees it (docs/pmfw.md,
"Suspend to RAM: the machine part"; docs/report.md): the KUnit suite
`suspend-mem` on the default SoC suspends once, woken by the RTC's alarm
about a second later, and the report then says:

 - one system suspend, and about a second suspended (suspend.time_s
   between 0.9 and 1.1: the alarm is set a second after the start of a
   second, less the copies before and after);
 - the DRAM in self-refresh for that second, and never off;
 - no diagnostic: the DRAM's contents were not lost (it was in
   self-refresh) and no dirty D-cache line was lost at the power-offs
   (the D-cache was cleaned and turned off first); no coherency event;
 - the power-off idle state entered once (the suite's third case).

    pmfw_suspend_mem.py PMSIM IMAGE [PMSIM-RUN-OPTIONS...]

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def main():
    pmsim, image, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        p = subprocess.run([pmsim, "run", "--no-host", "--report", path, *opts, image, "--",
                            "quiet", "loglevel=7", "kunit_shutdown=poweroff",
                            "kunit.filter_glob=suspend-mem"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=600)
        check(p.returncode == 0, f"status {p.returncode}")
        check("# Totals: pass:3 fail:0 skip:0 total:3" in p.stdout,
              "the suite did not pass its 3 cases")
        if p.returncode != 0 or failures:
            print(p.stdout, p.stderr)
        with open(path) as f:
            r = json.load(f)
    s = r["suspend"]
    check(s["count"] == 1, f"suspend.count {s['count']}, wanted 1")
    check(0.9 <= s["time_s"] <= 1.1, f"suspend.time_s {s['time_s']}, wanted about 1")
    sr = r["dram"]["time_s"]["self_refresh"]
    check(sr >= s["time_s"], f"DRAM in self-refresh {sr} s, less than suspended")
    check(r["dram"]["time_s"]["off"] == 0, "the DRAM was off")
    diags = r["diagnostics"]
    check(not diags, f"diagnostics: {diags}")
    check(not any("lost" in str(d) for d in diags), "a diagnostic about lost data")
    coh = r["coherency"]["counts"]
    check(not any(coh.values()), f"coherency events: {coh}")
    off = [c for c in r["cpus"][0]["cstates"] if c["name"] == "power-off"]
    check(off and off[0]["usage"] == 1, f"power-off idle state: {off}")
    if failures:
        sys.exit(1)
    print("suspend to RAM: report checked")


if __name__ == "__main__":
    main()
