#!/usr/bin/env python3
"""cpuidle on the simulated SoCs: the guest's statistics against pmsim's
report, states disabled by the user and by QoS, and every governor.

The guest's figures come from `powertop SECONDS`, whose C-state table is
cpuidle's own usage and time over its interval (docs/pmfw.md, powertop);
the interval is marked for pmsim (`powertop` BEGIN and END), and since a
run is deterministic, the same run cut at those two times (--until) gives
the report's C-state table at both ends: their difference is the report
over exactly the guest's interval.

Agreement, per state (docs/pmfw.md, *CPU idle*, "pmsim's view"):
 - entries: the same (an entry that does not sleep, its interrupt already
   pending, is counted by cpuidle and not by the PMU: allowed, at most
   one per wake-up of the interval);
 - time: cpuidle's residency runs from before the WFI to after the core
   runs again, the PMU's from the WFI to the wake-up event: per entry,
   cpuidle's exceeds the PMU's by the state's hardware exit (the PMU's
   exit latency, plus what is left of its entry latency) and a software
   path of at most PATH_US; for a power-off state also cpu_suspend's
   save (the D-cache cleaned) and the warm boot's restore, at most
   POWER_OFF_PATH_US more.

Behaviour:
 - a state disabled in sysfs is never entered (guest and report);
 - a CPU latency QoS request of 50 us keeps the core out of the states
   whose exit latency is longer (retention 60 us, power-off 500 us);
 - each governor (menu, teo, ladder) can be switched in at run time and
   then decides: the deepest state holds most of a long idle.

    pmfw_cpuidle.py PMSIM IMAGE CONFIG_DIR

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

failures = []
PATH_US = 100
POWER_OFF_PATH_US = 400
POWER_OFF = {"default": "power-off", "mcu": "standby"}
CPUIDLE = "/sys/devices/system/cpu/cpu0/cpuidle"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(pmsim, image, config, cmds, tmp, until=None):
    path = os.path.join(tmp, f"r-{until}.json")
    args = [pmsim, "run", "--no-host", "--config", config, "--report", path]
    if until is not None:
        args += ["--until", f"{until}ps"]
    p = subprocess.run(args + [image, "--", "quiet " + cmds], capture_output=True, text=True,
                       timeout=300)
    with open(path) as f:
        return p, json.load(f)


def guest_cstates(out):
    """powertop's C-state rows: name -> (entries, seconds)."""
    rows = {}
    for m in re.finditer(r"^  (\S+)\s+[0-9.]+ %\s+(\d+)\s+([0-9.]+) s\s", out, re.M):
        rows[m[1]] = (int(m[2]), float(m[3]))
    return rows


def window(pmsim, image, config, cmds, tmp):
    """The guest's powertop C-states and the report's over the same interval."""
    p, full = run(pmsim, image, config, cmds, tmp)
    check(p.returncode == 0, f"{cmds}: status {p.returncode}\n{p.stdout[-1500:]}")
    ev = [e for e in full["markers"]["events"] if e["name"] == "powertop"]
    if [e["kind"] for e in ev] != ["begin", "end"]:
        check(False, f"{cmds}: one powertop interval marked, got {ev}")
        return None, None, None
    t0, t1 = (round(e["time_s"] * 10**12) for e in ev)
    _, r0 = run(pmsim, image, config, cmds, tmp, t0)
    _, r1 = run(pmsim, image, config, cmds, tmp, t1)
    c0 = {c["name"]: c for c in r0["cpus"][0]["cstates"]}
    rep = {}
    for c in r1["cpus"][0]["cstates"]:
        a = c0[c["name"]]
        rep[c["name"]] = (c["usage"] - a["usage"], c["time_s"] - a["time_s"], c["latency_us"])
    wakeups = sum(r1["wakeups"].values()) - sum(r0["wakeups"].values())
    return guest_cstates(p.stdout), rep, wakeups


def agreement(pmsim, image, config, tag, tmp):
    guest, rep, wakeups = window(pmsim, image, config, "workload start busy run_ms=1 period_ms=7; "
                                 "sleep 0.2; powertop 3; exit", tmp)
    if guest is None:
        return
    check(set(guest) == set(rep), f"{tag}: states {sorted(guest)} vs {sorted(rep)}")
    total = 0
    for name, (n, t) in guest.items():
        if name not in rep:
            continue
        rn, rt, lat_us = rep[name]
        total += n
        check(rn <= n <= rn + wakeups,
              f"{tag} {name}: {n} entries in the guest, {rn} in the report")
        extra_us = (t - rt) * 1e6
        path = PATH_US + (POWER_OFF_PATH_US if name == POWER_OFF[tag] else 0)
        check(0 <= extra_us <= n * (lat_us + path),
              f"{tag} {name}: the guest's {t:.6f} s against the report's {rt:.6f} s: "
              f"{extra_us:.1f} us more over {n} entries (exit latency {lat_us} us)")
        print(f"{tag} {name}: guest {n} entries {t:.6f} s, report {rn} entries {rt:.6f} s")
    check(total > 0, f"{tag}: no idle entry in 3 s")


def main():
    pmsim, image, configs = sys.argv[1:4]
    default = os.path.join(configs, "default.dts")
    with tempfile.TemporaryDirectory() as tmp:
        for soc in ("default", "mcu"):
            agreement(pmsim, image, os.path.join(configs, f"{soc}.dts"), soc, tmp)

        # The power-off state disabled: never entered, in the guest and
        # in the report (the deepest enabled state, retention, instead).
        guest, rep, _ = window(pmsim, image, default,
                               f"echo 1 > {CPUIDLE}/state2/disable; powertop 2; exit", tmp)
        if guest:
            check(guest["power-off"][0] == 0 and rep["power-off"][0] == 0,
                  f"disabled power-off entered: guest {guest['power-off']}, "
                  f"report {rep['power-off']}")
            check(guest["retention"][1] > 1.9, f"disabled power-off: retention {guest}")

        # QoS: 50 us allows only WFI (2 us); retention (60) and power-off
        # (500) are too slow to leave.
        guest, rep, _ = window(pmsim, image, default,
                               "qos add cpu_latency 50; powertop 2; exit", tmp)
        if guest:
            for st in ("retention", "power-off"):
                check(guest[st][0] == 0 and rep[st][0] == 0,
                      f"QoS 50 us: {st} entered: guest {guest[st]}, report {rep[st]}")
            check(guest["wfi"][1] > 1.9, f"QoS 50 us: wfi {guest['wfi']}")

        # Each governor, switched at run time, idles in power-off for a
        # long sleep (ladder climbs one state per four long wake-ups, so
        # the sleep is cut into 50 ms pieces by a periodic workload).
        for gov in ("menu", "teo", "ladder"):
            cmds = (f"echo {gov} > /sys/devices/system/cpu/cpuidle/current_governor; "
                    "cat /sys/devices/system/cpu/cpuidle/current_governor; "
                    "workload start busy run_ms=0 period_ms=50; powertop 2; exit")
            p, r = run(pmsim, image, default, cmds, tmp)
            check(p.returncode == 0 and re.search(rf"^{gov}$", p.stdout, re.M),
                  f"{gov}: switched: {p.stdout[:300]}")
            g = guest_cstates(p.stdout)
            if g:
                check(g["power-off"][1] > 1.5,
                      f"{gov}: power-off only {g['power-off'][1]:.3f} s of 2 s idle: {g}")
                print(f"{gov}: {g}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
