#!/usr/bin/env python3
"""pmfw's power management as the energy report sees it (docs/report.md),
on the default SoC: what a user does from the guest shell, and what the
report then says.

    pmfw_power.py PMSIM IMAGE

 - idle for a second after boot: the peripherals' devices are runtime-
   suspended, so genpd powers their domain (`periph`) off: the report
   shows it off for nearly all of that second, entered once, and its
   rail (vdd_io) delivers next to nothing;
 - the same with one device of the domain kept active from the shell
   (power/control = on): the domain stays on;
 - a device that runtime-suspends stops drawing its clocked power: the
   GPIO (in the always-on domain: only its clock gate changes) costs its
   leakage alone per second of sleep while suspended, and its leakage
   plus its switching power (its DT's pmsim,femtojoule-per-cycle × 24 MHz
   × 0.9²) when user
   space forbids runtime PM (power/control = on). A line in use keeps it
   active, and the board's power button (gpio-keys) holds one: these
   runs unbind gpio-keys first, and a third pays the price of the
   button, leakage and active power with gpio-keys bound. One second is
   isolated as the difference between a `sleep 2` and a `sleep 1` run, so
   boot does not count;
 - the PMU's idle operation: the KUnit suite `pmu` enters the retention
   state once, for the 2 ms of a timer, and the report's idle-state table
   counts exactly that;
 - after a suspend to RAM the peripherals' domain goes off again (genpd
   looks at it after the devices' complete): in 0.5 s, a 2 s suspend and
   2 s after it, periph is on only while booting and resuming;
 - the top causes of wake-ups: the `busy` workload's 50 periods in a
   second wake the core through the system timer's interrupt, and the
   timer callback that runs first is hrtimer_wakeup (the sleeping
   thread's hrtimer), named by pmsim from the address pmfw's `timer:`
   marker gives.

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


def run(pmsim, image, command, args=()):
    """The report of one run of `command` as init's command line."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        p = subprocess.run([pmsim, "run", "--no-host", "--report", path, *args, image,
                            "--", "quiet " + command + "; poweroff"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=600)
        if p.returncode != 0:
            failures.append(f"{command}: status {p.returncode}")
            print(f"FAIL: {command}: status {p.returncode}\n{p.stdout}{p.stderr}")
            return None
        with open(path) as f:
            return json.load(f)


def main():
    pmsim, image = sys.argv[1], sys.argv[2]

    r = run(pmsim, image, "sleep 1")
    if r:
        periph = r["domains"]["periph"]
        check(periph["off_s"] > 0.95,
              f"idle: periph off {periph['off_s']} s of a 1 s sleep, wanted > 0.95")
        check(periph["off_entries"] >= 1, "idle: periph never powered off")
        check(r["domains"]["aon"]["off_s"] == 0, "idle: the always-on domain went off")
        check(r["domains"]["dram"]["off_s"] == 0, "idle: the DRAM's domain went off")

    dma = "/sys/devices/platform/soc/40030000.dma/power/control"
    r = run(pmsim, image, f"echo on > {dma}; sleep 1")
    if r:
        periph = r["domains"]["periph"]
        check(periph["on_s"] > 1.0,
              f"DMA kept active: periph on {periph['on_s']} s, wanted > 1.0")
        check(periph["off_s"] < 0.2,
              f"DMA kept active: periph off {periph['off_s']} s, wanted < 0.2 (boot only)")

    # The GPIO: 5 uW of leakage, 30 uW more while its clock runs
    # (configs/default.dts).
    gpio = "gpio@40007000"
    unbind = "echo gpio-keys > /sys/bus/platform/drivers/gpio-keys/unbind; "
    ctl = "echo on > /sys/devices/platform/soc/40007000.gpio/power/control; "
    per_s = {}
    for name, prefix in (("auto", unbind), ("on", unbind + ctl), ("button", "")):
        r1 = run(pmsim, image, prefix + "sleep 1")
        r2 = run(pmsim, image, prefix + "sleep 2")
        if r1 and r2:
            per_s[name] = (r2["energy"]["by_component"][gpio] -
                           r1["energy"]["by_component"][gpio])
    if "auto" in per_s:
        check(abs(per_s["auto"] - 5e-6) < 0.1e-6,
              f"GPIO suspended: {per_s['auto'] * 1e6:.3f} uJ per second, wanted 5 (leakage)")
    if "on" in per_s:
        check(abs(per_s["on"] - 35e-6) < 0.5e-6,
              f"GPIO kept active: {per_s['on'] * 1e6:.3f} uJ per second, wanted 35 "
              "(leakage and clocked power)")
    if "button" in per_s:
        check(abs(per_s["button"] - 35e-6) < 0.5e-6,
              f"GPIO with the power button's line in use: {per_s['button'] * 1e6:.3f} uJ "
              "per second, wanted 35 (leakage and clocked power)")

    r = run(pmsim, image, "kunit run pmu")
    if r:
        ret = r["cpus"][0]["cstates"][1]
        # 2 ms in retention until the timer; the tick (every 4 ms while
        # the core is busy) may end one WFI sooner: then it is entered
        # again.
        check(ret["name"] == "retention" and 1 <= ret["usage"] <= 2
              and 0.0018 < ret["time_s"] < 0.0021,
              f"PMU idle: the retention state {ret}, wanted 1 or 2 entries, about 2 ms")

    r = run(pmsim, image, "sleep 0.5; echo +2 > /sys/class/rtc/rtc0/wakealarm; "
            "echo mem > /sys/power/state; sleep 2")
    if r:
        periph = r["domains"]["periph"]
        check(r["suspend"]["count"] == 1 and periph["on_s"] < 0.3 and periph["off_entries"] == 2,
              f"after suspend to RAM: periph {periph}, wanted off but for boot and resume")

    r = run(pmsim, image, "workload start busy; sleep 1")
    if r:
        causes = {(c["kind"], c["name"]): c["count"] for c in r["wakeup_causes"]}
        check(causes.get(("timer", "hrtimer_wakeup"), 0) >= 49
              and causes.get(("irq", "timer@40005000"), 0) >= 49,
              f"wake-up causes: {r['wakeup_causes']}, wanted about 50 each of the timer's "
              "interrupt and hrtimer_wakeup")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
