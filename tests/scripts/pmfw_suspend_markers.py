#!/usr/bin/env python3
"""pmfw's suspend sequence as pmsim records it: the KUnit suite `suspend`
(every pm_test level, devices that fail to suspend, freeze and standby)
runs with --report, and the JSON report's trace markers (the
simulator-control device: suspend:STATE around each cycle, phase:NAME
around each phase, dev:PHASE:DEVICE around each callback) are checked
against Linux's documented sequence (kernel/power/suspend.c,
drivers/base/power/main.c):

 - in every cycle, each resume phase calls the devices of its suspend
   counterpart in the reverse order (resume_complete / suspend_prepare,
   resume / suspend, resume_early / suspend_late, resume_noirq /
   suspend_noirq), leaving none out (a smart-suspended device, which
   skips the late and noirq suspend callbacks, is still resumed);
 - a cycle whose device callback failed stops at that phase: the
   devices done before it in that phase are resumed in reverse order, the
   failing one is not, no later suspend phase runs, every prepared
   device completes in reverse, and the cycle's result is the callback's
   error;
 - the report's suspend/resume section gives each phase the start and
   duration of its markers.

    pmfw_suspend_markers.py PMSIM IMAGE

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []
PAIRS = {"suspend_prepare": "resume_complete", "suspend": "resume",
         "suspend_late": "resume_early", "suspend_noirq": "resume_noirq"}
ORDER = ["suspend_prepare", "suspend", "suspend_late", "suspend_noirq"]


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def signed(v):
    return v - (1 << 32) if v >= 1 << 31 else v


def main():
    pmsim, image = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.json")
        p = subprocess.run([pmsim, "run", "--no-host", "--report", path, image, "--", "quiet",
                            "loglevel=7", "kunit.filter_glob=suspend", "kunit_shutdown=poweroff"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=600)
        check(p.returncode == 0, f"status {p.returncode}\n{p.stdout[-2000:]}")
        with open(path) as f:
            r = json.load(f)
    events = r["markers"]["events"]
    check(r["markers"]["dropped"] == 0, "markers dropped")
    cycles = r["suspend"]["cycles"]
    check(len(cycles) >= 10, f"{len(cycles)} cycles")
    failed = 0
    for c in cycles:
        tag = f"cycle {c['state']} at {c['begin_s']}"
        inside = [e for e in events if c["begin_s"] <= e["time_s"] <= c["end_s"]]
        calls = {}  # phase -> [(device, result)] in order
        for e in inside:
            if e["kind"] == "end" and e["name"].startswith("dev:"):
                _, phase, dev = e["name"].split(":", 2)
                calls.setdefault(phase, []).append((dev, signed(e["arg"])))
        # A negative result is an error (prepare's positive one asks for
        # direct_complete).
        bad = [(ph, d, v) for ph in ORDER for d, v in calls.get(ph, []) if v < 0]
        if bad:
            failed += 1
            ph, dev, err = bad[0]
            check(len(bad) == 1, f"{tag}: more than one failing callback {bad}")
            check(c["result"] == err, f"{tag}: result {c['result']}, the callback said {err}")
            done = [d for d, v in calls[ph] if v >= 0]
            check([d for d, _ in calls.get(PAIRS[ph], [])] == done[::-1],
                  f"{tag}: {dev} failed in {ph}; {PAIRS[ph]} called "
                  f"{calls.get(PAIRS[ph])}, wanted {done[::-1]}")
            later = ORDER[ORDER.index(ph) + 1:]
            check(not any(calls.get(x) for x in later),
                  f"{tag}: phases after {ph} ran: {[x for x in later if calls.get(x)]}")
            if ph != "suspend_prepare":
                prepared = [d for d, _ in calls.get("suspend_prepare", [])]
                check([d for d, _ in calls.get("resume_complete", [])] == prepared[::-1],
                      f"{tag}: resume_complete not the reverse of suspend_prepare")
        else:
            for sph, rph in PAIRS.items():
                s = [d for d, _ in calls.get(sph, [])]
                rr = [d for d, _ in calls.get(rph, [])]
                # A smart-suspended device skips its late and noirq
                # suspend callbacks but is resumed on the way back: only
                # the order of those both saw is checked, and none is left
                # suspended.
                check([d for d in rr if d in s] == s[::-1],
                      f"{tag}: {rph} called {rr}, wanted the reverse of {s}")
        # The report's phases against the phase markers.
        begins = {}
        for e in inside:
            if e["name"].startswith("phase:"):
                name = e["name"][6:]
                if e["kind"] == "begin":
                    begins[name] = e["time_s"]
                elif e["kind"] == "end" and name in begins:
                    rp = [x for x in c["phases"] if x["name"] == name]
                    check(rp and abs(rp[0]["start_s"] - begins[name]) < 1e-9
                          and abs(rp[0]["duration_s"] - (e["time_s"] - begins[name])) < 1e-9,
                          f"{tag}: phase {name}: report {rp}, markers {begins[name]} to "
                          f"{e['time_s']}")
    check(failed >= 3, f"only {failed} failing cycles (the suite injects failures in suspend, "
          "suspend_late and suspend_noirq)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
