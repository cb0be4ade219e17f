#!/usr/bin/env python3
"""Each sleep state's latencies, measured from the inside and in the report.

pmfw times every suspend cycle with the PMU's always-on counter (32768 Hz
on both SoCs) and shows the figures in /sys/power/suspend_stats:
last_suspend_latency, last_resume_latency and last_hw_sleep (µs), with
the definitions of pmsim's report (docs/report.md, "Suspend cycles"). The
report measures the same cycle exactly in simulated time. For each state
the SoC offers (freeze, standby, and mem on the default SoC), one run
suspends until the RTC alarm, prints the guest's figures, and writes the
JSON report; the two must agree to within the counter's resolution: each
end of an interval is read as whole ticks (one tick each way), and the
guest truncates to whole µs, and a few instructions lie between a counter
read and its marker (up to about a hundred at the 25 MHz boot clock: 4 µs).

    pmfw_suspend_latency.py PMSIM IMAGE CONFIG_DIR

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []
TICK_US = 1e6 / 32768
TOL_US = TICK_US + 1.0 + 4.0
STATS = "/sys/power/suspend_stats/"
FILES = ["last_suspend_latency", "last_resume_latency", "last_hw_sleep", "total_hw_sleep"]


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(pmsim, image, config, state, tmp):
    path = os.path.join(tmp, f"{state}.json")
    cmd = ("quiet echo +1 > /sys/class/rtc/rtc0/wakealarm; "
           f"echo {state} > /sys/power/state; cat " + " ".join(STATS + f for f in FILES) +
           "; exit")
    p = subprocess.run([pmsim, "run", "--no-host", "--config", config, "--report", path,
                        image, "--", cmd],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    if p.returncode != 0:
        check(False, f"{state}: status {p.returncode}\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
        return None, None
    lines = [x for x in p.stdout.splitlines() if x.strip().isdigit()]
    if len(lines) != len(FILES):
        check(False, f"{state}: the guest printed {lines}\n{p.stdout[-2000:]}")
        return None, None
    with open(path) as f:
        return dict(zip(FILES, map(int, lines))), json.load(f)


def main():
    pmsim, image, configs = sys.argv[1:4]
    socs = {"default": ["freeze", "standby", "mem"], "mcu": ["freeze", "standby"]}
    with tempfile.TemporaryDirectory() as tmp:
        for soc, states in socs.items():
            for state in states:
                tag = f"{soc} {state}"
                guest, r = run(pmsim, image, os.path.join(configs, f"{soc}.dts"), state, tmp)
                if guest is None:
                    continue
                cycles = r["suspend"]["cycles"]
                if len(cycles) != 1:
                    check(False, f"{tag}: {len(cycles)} cycles in the report")
                    continue
                c = cycles[0]
                check(c["suspended"] and c["result"] == 0, f"{tag}: cycle {c}")
                # mem: system suspend; freeze and standby: an idle state
                # of the core (the default SoC's "retention", the MCU's
                # "stop").
                states = [s["name"] for s in r["cpus"][0]["cstates"]]
                if state == "mem":
                    check(c["sleep"] == "suspend", f"{tag}: sleep {c['sleep']!r}")
                else:
                    check(c["sleep"] in states[1:], f"{tag}: sleep {c['sleep']!r}, not one "
                          f"of the deep idle states {states[1:]}")
                check(c["wake_source"] == "rtc@40006000", f"{tag}: woken by {c['wake_source']}")
                pairs = [("last_suspend_latency", c["suspend_latency_s"]),
                         ("last_resume_latency", c["resume_latency_s"]),
                         ("last_hw_sleep", c["suspended_s"])]
                for name, secs in pairs:
                    us = secs * 1e6
                    check(abs(guest[name] - us) <= TOL_US,
                          f"{tag}: {name} {guest[name]} us inside, {us:.3f} us in the report")
                    # Not a trivial agreement: each figure is a real
                    # interval (the resume of mem alone takes ms).
                    check(guest[name] > 100, f"{tag}: {name} only {guest[name]} us")
                check(guest["total_hw_sleep"] == guest["last_hw_sleep"],
                      f"{tag}: total_hw_sleep {guest['total_hw_sleep']} after one cycle, "
                      f"last {guest['last_hw_sleep']}")
                print(f"{tag}: suspend {guest['last_suspend_latency']} us, resume "
                      f"{guest['last_resume_latency']} us, slept {guest['last_hw_sleep']} us "
                      f"(report {c['suspend_latency_s'] * 1e6:.3f}, "
                      f"{c['resume_latency_s'] * 1e6:.3f}, {c['suspended_s'] * 1e6:.3f})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
