#!/usr/bin/env python3
"""The simulator-control device's markers in the report (docs/report.md,
docs/devices/simctl.md), from firmware/tests/pm/simctl.c.

    check_simctl.py test PMSIM IMAGE    firmware/tests/pm/simctl.c
    check_simctl.py mem PMSIM IMAGE     firmware/tests/pm/simctl_mem.c

Runs the image twice with --report --no-host on the default SoC and checks
the JSON: the schema (check_report.py's), the exit through the device, that
the two reports are byte-identical, and
 - test: the pm_test cycle with its phases in order and its slowest device
   callbacks, the timer callback as the cause of the three wake-ups, the
   markers and their interval statistics;
 - mem: a real suspend cycle: its parts divide it in time and in energy,
   the saving, overhead and break-even by their definitions
   (docs/report.md), the wake-up causes.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_report as cr  # noqa: E402

PHASES = ["suspend_prepare", "suspend", "suspend_late", "suspend_noirq",
          "resume_noirq", "resume_early", "resume", "resume_complete"]


def ps(v):
    return cr.ps(v)


def close(a, b, rel=1e-6):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-15)


def check_mem(r):
    cr.check_schema(r, host=False)
    if r.get("outcome") != "guest exited with status 0 (simulator-control EXIT)":
        cr.fail(f"outcome {r.get('outcome')!r}")
    if r.get("diagnostics"):
        cr.fail(f"diagnostics {list(r.get('diagnostics'))}")
    causes = [(c.get("kind"), c.get("name"), int(c.get("count").text))
              for c in r.get("wakeup_causes")]
    if causes != [("irq", "timer@40005000", 3), ("timer", "tick_fn", 3),
                  ("irq", "rtc@40006000", 1)]:
        cr.fail(f"wakeup_causes {causes}")
    cycles = r.get("suspend").get("cycles")
    if len(cycles) != 1:
        cr.fail(f"{len(cycles)} cycles, expected 1")
        return
    c = cycles[0]
    for k, v in {"state": "mem", "test": False, "suspended": True, "sleep": "suspend",
                 "wake_source": "rtc@40006000"}.items():
        if c.get(k) != v:
            cr.fail(f"cycle {k} = {c.get(k)!r}, expected {v!r}")
    if c.get("result").text != "0":
        cr.fail(f"cycle result {c.get('result').text}")
    names = [p.get("name") for p in c.get("phases")]
    want = ["suspend_prepare", "suspend", "suspend_noirq", "suspend_machine",
            "resume_machine", "resume_noirq", "resume", "resume_complete"]
    if names != want:
        cr.fail(f"phases {names}")
    begin, end = ps(c.get("begin_s")), ps(c.get("end_s"))
    ls, lr, t = (ps(c.get(k)) for k in ("suspend_latency_s", "resume_latency_s",
                                         "suspended_s"))
    # The PMU's whole suspend was this cycle's; the parts divide the cycle.
    if t != ps(r.get("suspend").get("time_s")) or t < 9 * 10**11:
        cr.fail(f"suspended {t} ps, the PMU says {r.get('suspend').get('time_s').text}")
    if ls + t + lr != end - begin:
        cr.fail("suspend latency + suspended + resume latency != the cycle")
    ev = r.get("markers").get("events")
    e0 = [float(e.get("energy_j")) for e in ev if e.get("name") == "suspend:mem"]
    ej = [float(c.get(k)) for k in ("suspend_j", "suspended_j", "resume_j")]
    if len(e0) != 2 or not close(sum(ej), e0[1] - e0[0]):
        cr.fail(f"energies {ej} do not add up to the cycle's {e0}")
    idle = float(c.get("idle_w"))
    saved = idle * t * 1e-12 - ej[1]
    over = ej[0] + ej[2] - idle * (ls + lr) * 1e-12
    if not close(float(c.get("saved_j")), saved) or saved <= 0:
        cr.fail(f"saved_j {c.get('saved_j').text}, expected {saved:.9e} > 0")
    if not close(float(c.get("overhead_j")), over):
        cr.fail(f"overhead_j {c.get('overhead_j').text}, expected {over:.9e}")
    be = max(over, 0.0) / (idle - ej[1] / (t * 1e-12))
    if c.get("break_even_s") is None or not close(float(c.get("break_even_s")), be):
        cr.fail(f"break_even_s {c.get('break_even_s')}, expected {be:.9e}")
    devs = [(d.get("phase"), d.get("device")) for d in c.get("slowest_devices")]
    if devs != [("suspend", "40008000.adc"), ("resume", "40008000.adc")]:
        cr.fail(f"slowest_devices {devs}")


def run(pmsim, image, path):
    p = subprocess.run([pmsim, "run", "--no-host", "--report", path, image],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        cr.fail(f"exit status {p.returncode}: {p.stderr.strip()}")
    if "all checks passed" not in p.stdout:
        cr.fail(f"the guest did not pass: {p.stdout!r}")
    with open(path, "rb") as f:
        return f.read()


def check(r):
    cr.check_schema(r, host=False)
    if r.get("schema") != cr.SCHEMA:
        cr.fail(f"schema {r.get('schema')!r}")
    if r.get("outcome") != "guest exited with status 0 (simulator-control EXIT)":
        cr.fail(f"outcome {r.get('outcome')!r}")
    if r.get("diagnostics"):
        cr.fail(f"diagnostics {list(r.get('diagnostics'))}")

    causes = [(c.get("kind"), c.get("name"), int(c.get("count").text))
              for c in r.get("wakeup_causes")]
    if causes != [("irq", "timer@40005000", 3), ("timer", "tick_fn", 3)]:
        cr.fail(f"wakeup_causes {causes}")

    cycles = r.get("suspend").get("cycles")
    if len(cycles) != 1:
        cr.fail(f"{len(cycles)} cycles, expected 1")
        return
    c = cycles[0]
    want = {"state": "test-core", "test": True, "suspended": False, "sleep": None,
            "wake_source": None}
    for k, v in want.items():
        if c.get(k) != v:
            cr.fail(f"cycle {k} = {c.get(k)!r}, expected {v!r}")
    if c.get("result").text != "0":
        cr.fail(f"cycle result {c.get('result').text}")
    names = [p.get("name") for p in c.get("phases")]
    if names != PHASES:
        cr.fail(f"phases {names}")
    ph = {p.get("name"): p for p in c.get("phases")}
    begin, end = ps(c.get("begin_s")), ps(c.get("end_s"))
    # No PMU suspend: the latencies end and begin at the noirq phases.
    noirq = ph["suspend_noirq"]
    if ps(c.get("suspend_latency_s")) != ps(noirq.get("start_s")) + \
            ps(noirq.get("duration_s")) - begin:
        cr.fail("suspend latency does not end with suspend_noirq")
    if ps(c.get("resume_latency_s")) != end - ps(ph["resume_noirq"].get("start_s")):
        cr.fail("resume latency does not start with resume_noirq")
    # Not suspended: no energy balance; the idle baseline exists (3 WFIs).
    for k in ("saved_j", "overhead_j", "break_even_s"):
        if c.get(k) is not None:
            cr.fail(f"{k} is {c.get(k).text}, expected null")
    if c.get("idle_w") is None or float(c.get("idle_w")) <= 0:
        cr.fail("no idle baseline")
    devs = [(d.get("phase"), d.get("device"), int(d.get("result").text))
            for d in c.get("slowest_devices")]
    if devs != [("suspend", "40008000.adc", 0), ("suspend", "40004000.serial", 0),
                ("suspend", "40006000.rtc", 0), ("resume", "40008000.adc", -16)]:
        cr.fail(f"slowest_devices {devs}")
    # Busy waits of 50, 20, 5 and 10 µs: at least that, and not 1 µs more.
    for d, us in zip(c.get("slowest_devices"), (50, 20, 5, 10)):
        t = ps(d.get("duration_s"))
        if not us * 10**6 <= t < (us + 1) * 10**6:
            cr.fail(f"{d.get('device')} took {t} ps, expected {us} µs")

    m = r.get("markers")
    if m.get("dropped").text != "0" or m.get("recorded").text != "30":
        cr.fail(f"markers recorded {m.get('recorded').text}, dropped {m.get('dropped').text}")
    ev = m.get("events")
    last = ev[-1]
    if (last.get("kind"), last.get("name"), last.get("arg").text) != ("instant", "done", "42"):
        cr.fail(f"last marker {last}")
    times = [ps(e.get("time_s")) for e in ev]
    energies = [float(e.get("energy_j")) for e in ev]
    if times != sorted(times) or energies != sorted(energies) or energies[0] <= 0:
        cr.fail("markers not in time order with growing energy")
    names = [v.get("name") for v in m.get("intervals")]
    if names != sorted(names) or len(names) != 13:
        cr.fail(f"intervals {names}, expected 13 sorted by name")
    iv = {v.get("name"): v for v in m.get("intervals")}
    s = iv.get("suspend:test-core")
    if not s or ps(s.get("total_s")) != end - begin:
        cr.fail("suspend:test-core interval")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("test", "mem"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, pmsim, image = sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="check_simctl_") as tmp:
        a = run(pmsim, image, os.path.join(tmp, "a.json"))
        b = run(pmsim, image, os.path.join(tmp, "b.json"))
        if a != b:
            cr.fail("two runs gave different reports")
        (check if mode == "test" else check_mem)(cr.parse(a.decode()))
    for f in cr.failures:
        print("FAIL:", f)
    if not cr.failures:
        print(f"simctl {mode}: all report checks passed")
    return 1 if cr.failures else 0


if __name__ == "__main__":
    sys.exit(main())
