#!/usr/bin/env python3
"""pmfw's gpio-keys as pmsim's trace sees it (docs/pmfw.md, *Keys*), on
the default SoC:

    pmfw_gpio_keys.py PMSIM IMAGE

Runs the KUnit suite gpio_keys from the shell with --report (through
pmfw_power.py's run) and checks the report's markers: each key event
the guest's input core hands on is an INSTANT "input:KEY_POWER" whose
ARG is the value (1 pressed, 0 released). The
suite presses and releases the key five times (a press and a release, a
bouncing press, a press that aborts a suspend, a press that wakes the
system from standby, and the two events evtest prints; its glitch is
not reported), so the markers are exactly 1, 0 five times over, in
order, and no other "input:" marker; the press that woke standby is
reported while that cycle resumes, so it lies in its "suspend:standby"
interval, which ends with 0 (success).

Exits 0 when every check passes; prints each failure and exits 1.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pmfw_power import check, failures, run  # noqa: E402


def main():
    pmsim, image = sys.argv[1], sys.argv[2]
    r = run(pmsim, image, "kunit run gpio_keys")
    if not r:
        return 1
    events = r["markers"]["events"]
    keys = [e for e in events if e["name"].startswith("input:")]
    check(all(e["kind"] == "instant" and e["name"] == "input:KEY_POWER" for e in keys),
          f"input markers other than INSTANT input:KEY_POWER: "
          f"{sorted({(e['kind'], e['name']) for e in keys})}")
    check([e["arg"] for e in keys] == [1, 0] * 5,
          f"key values {[e['arg'] for e in keys]}, wanted 1, 0 five times")

    # The suite's one real standby cycle (its pm_test ones are
    # "suspend:test-platform", the aborted one "suspend:freeze").
    cycles = list(zip(
        [e for e in events if e["kind"] == "begin" and e["name"] == "suspend:standby"],
        [e for e in events if e["kind"] == "end" and e["name"] == "suspend:standby"]))
    woken = [c for c in cycles
             if any(c[0]["time_s"] < k["time_s"] < c[1]["time_s"] for k in keys)]
    check(len(woken) == 1 and woken[0][1]["arg"] == 0,
          f"standby cycles holding a key event: {woken}, wanted one, ended with 0")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
