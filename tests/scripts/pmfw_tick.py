#!/usr/bin/env python3
"""Tickless idle against the periodic tick: what each costs in wake-ups.

pmfw idles for two seconds (`sleep 2`), once as built (NO_HZ_IDLE: the
tick stops in idle, and the sleep costs one interrupt at its end) and
once with `nohz=off` (the tick runs in idle too). For each tick rate
(the images built with HZ = 100, 250, 1000) the report's wake-ups of the
system timer over the run are compared: tickless, a handful (boot and the
shell's own work); periodic, HZ a second of idle at least.

    pmfw_tick.py PMSIM IMAGE_DIR

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []
TIMER = "timer@40005000"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def timer_wakeups(pmsim, image, args, tmp):
    path = os.path.join(tmp, "r.json")
    p = subprocess.run([pmsim, "run", "--no-host", "--report", path, image, "--", "quiet"] +
                       args + ["sleep 2; exit"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    check(p.returncode == 0, f"{image} {args}: status {p.returncode}\n{p.stderr[-1000:]}")
    with open(path) as f:
        r = json.load(f)
    return r["wakeups"].get(TIMER, 0), r["sim_time_s"]


def main():
    pmsim, images = sys.argv[1:3]
    with tempfile.TemporaryDirectory() as tmp:
        for hz, name in ((100, "pmfw-hz100.elf"), (250, "pmfw.elf"), (1000, "pmfw-hz1000.elf")):
            image = os.path.join(images, name)
            nohz, _ = timer_wakeups(pmsim, image, [], tmp)
            periodic, _ = timer_wakeups(pmsim, image, ["nohz=off"], tmp)
            print(f"HZ={hz}: {nohz} timer wake-ups tickless, {periodic} with nohz=off")
            check(nohz <= 10, f"HZ={hz}: {nohz} timer wake-ups in a tickless idle run")
            check(periodic >= 2 * hz * 0.95,
                  f"HZ={hz}: {periodic} timer wake-ups with nohz=off, wanted at least "
                  f"{2 * hz * 0.95:.0f} (HZ a second of the 2 s of idle)")
            check(periodic <= 2 * hz + 200,
                  f"HZ={hz}: {periodic} timer wake-ups with nohz=off: more than the tick's")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
