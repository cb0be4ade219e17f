#!/usr/bin/env python3
"""The display on the default SoC as pmfw drives it (docs/pmfw.md, "The
display"; docs/devices/pl111.md, docs/devices/pwm.md), from the guest
shell, checked in the report and the Perfetto timeline of each run.

    pmfw_display.py PMSIM IMAGE

 - blank/unblank: with the DRAM's self-refresh timer at 2 ms (sysfs
   sr_idle_ns), `fbtest` (draw and unblank), 0.3 s, blank, 0.3 s,
   unblank, 0.1 s. While the controller scans out (its trace state
   `scanning`) the DRAM never enters self-refresh (it powers down in each
   frame's blanking only); after blanking it reaches self-refresh, the
   controller's clock (clcd_clk) is gated, its state is no longer
   scanning, and the panel and the backlight draw nothing; unblanking
   scans again with the panel and backlight back on. The frame period in
   the timeline: the DRAM's power-down entries while scanning come one a
   frame, 14.88 ms apart;
 - the DRAM's energy: 0.5 s with the display shown costs the DRAM more
   than the same 0.5 s with the display blanked;
 - nothing at boot: a run that never shows anything has the panel and
   the backlight at no energy at all, and the controller and the PWM at
   the few nJ of their probes' ID reads;
 - brightness: two runs at brightness 7 (level 255 of 255, a 1200-cycle
   duty) and 4 (level 32: 150 cycles of 1200) draw backlight energy in the
   ratio of the duty cycles the PWM shows, 0.125, within 0.5 %; and the
   sysfs files read back what was set.

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []

DRAMC = "/sys/devices/platform/soc/40023000.memory-controller"
FB = "/sys/class/graphics/fb0"
BL = "/sys/class/backlight/backlight"
CLCD = "clcd@40009000"
FRAME_S = 14.88e-3
SYNC_S = 120e-6  # 2 lines of 60 us


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def run(pmsim, image, command, timeline=False):
    """The report, the timeline (or None) and the console of one run."""
    with tempfile.TemporaryDirectory() as tmp:
        rep = os.path.join(tmp, "report.json")
        tl = os.path.join(tmp, "run.json")
        args = [pmsim, "run", "--no-host", "--report", rep]
        if timeline:
            args += ["--timeline", tl]
        p = subprocess.run(args + [image, "--", "quiet " + command + "; poweroff"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=900)
        if p.returncode != 0:
            check(False, f"{command}: status {p.returncode}\n{p.stdout}{p.stderr}")
            return None, None, p.stdout
        with open(rep) as f:
            r = json.load(f)
        t = None
        if timeline:
            with open(tl) as f:
                t = json.load(f)
        return r, t, p.stdout


def states(doc, track):
    """[(start_s, end_s, label)] of a state track of the Perfetto file."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in doc["traceEvents"]
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    keys = [k for k, v in names.items() if v == track]
    if not keys:
        return []
    out = [(e["ts"] * 1e-6, (e["ts"] + e["dur"]) * 1e-6, e["name"]) for e in doc["traceEvents"]
           if e.get("ph") == "X" and (e["pid"], e["tid"]) == keys[0]]
    return sorted(out)


def power(doc, track):
    """[(t_s, W)] of a power counter ("component panel")."""
    return sorted((e["ts"] * 1e-6, e["args"]["W"]) for e in doc["traceEvents"]
                  if e.get("ph") == "C" and e.get("name") == track)


def power_at(points, t):
    w = 0.0
    for ts, v in points:
        if ts > t:
            break
        w = v
    return w


def component_j(r, name):
    return r["energy"]["by_component"].get(name, 0.0)


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def blank_cycle(pmsim, image):
    cmd = (f"echo 2000000 > {DRAMC}/sr_idle_ns; fbtest; cat {FB}/blank {BL}/bl_power "
           f"{BL}/actual_brightness; sleep 0.3; echo 1 > {FB}/blank; "
           f"cat {FB}/blank {BL}/bl_power {BL}/actual_brightness; sleep 0.3; "
           f"echo 0 > {FB}/blank; sleep 0.1")
    r, doc, out = run(pmsim, image, cmd, timeline=True)
    if not r:
        return
    check("fb0: 320x240 bars" in out, f"fbtest's line missing:\n{out}")
    # blank, bl_power, actual_brightness shown, then blanked (blank reads
    # the level written, bl_power FB_BLANK_POWERDOWN).
    check("0\n0\n6\n1\n4\n0\n" in out, f"sysfs while shown / blanked:\n{out}")
    clcd = states(doc, f"{CLCD} state")
    scans = [(a, b) for a, b, lab in clcd if lab == "scanning"]
    if not check(len(scans) == 2, f"two scanning spans wanted, got {clcd}"):
        return
    (s0, e0), (s1, e1) = scans
    # fbtest draws after unblanking: 0.3 s and the drawing.
    check(e0 - s0 > 0.29 and e0 - s0 < 0.45, f"first scan {e0 - s0} s, wanted 0.3 and a bit")
    # 0.3 s and the two 20 ms steps of the power sequences.
    check(s1 - e0 > 0.29 and s1 - e0 < 0.4, f"blanked {s1 - e0} s, wanted 0.3 and a bit")
    dram = states(doc, "dram state")
    sr = [(a, b) for a, b, lab in dram if lab == "self-refresh"]
    for a, b in sr:
        for s, e in scans:
            # The first fetch after LcdPwr, at the next back porch (the
            # timing started with LcdEn, 20 ms before: within a frame),
            # is what wakes a DRAM found in self-refresh.
            check(not overlaps(a, b, s + FRAME_S + SYNC_S, e),
                  f"the DRAM in self-refresh {a:.6f}-{b:.6f} s while scanning {s:.6f}-{e:.6f} s")
    check(any(e0 < a < s1 for a, b in sr),
          f"the DRAM never self-refreshed while the display was blanked ({e0}-{s1} s)")
    # While scanning, once fbtest has drawn (the CPU's writes to the
    # framebuffer are DRAM accesses too): one power-down a frame, in the
    # vertical blanking.
    pd = [a for a, b, lab in dram if lab == "power-down" and s0 + 0.15 < a < e0 - 0.02]
    if check(len(pd) > 10, f"too few DRAM power-downs while scanning: {len(pd)}"):
        gaps = [b - a for a, b in zip(pd, pd[1:])]
        check(all(abs(g - FRAME_S) < 1e-6 for g in gaps),
              f"power-downs not one a frame (14.88 ms): {sorted(set(round(g, 6) for g in gaps))}")
    # Blanked: clock gated, controller not scanning, panel and backlight off.
    mid = (e0 + s1) / 2
    clk = states(doc, "clcd_clk hz")
    # A clock's slices are named by its rate.
    check(any(a <= mid < b and lab == "0" for a, b, lab in clk),
          f"clcd_clk not gated while blanked: {[x for x in clk if x[0] <= mid]}")
    check(any(s0 < a < e0 and lab == "24000000" for a, b, lab in clk) or
          any(a <= s0 and b >= e0 and lab == "24000000" for a, b, lab in clk),
          f"clcd_clk not running while shown: {clk}")
    st = [lab for a, b, lab in clcd if a <= mid < b]
    check(st and st[0] in ("off", "idle"), f"the controller is {st} while blanked")
    for comp in ("panel", "backlight", CLCD):
        pts = power(doc, f"component {comp}")
        check(pts and power_at(pts, (s0 + e0) / 2) > 0, f"{comp} draws nothing while shown")
        check(pts and power_at(pts, mid) == 0, f"{comp} draws {power_at(pts, mid)} W blanked")
        check(pts and power_at(pts, (s1 + e1) / 2) > 0, f"{comp} draws nothing once unblanked")
    pan = power(doc, "component panel")
    check(abs(power_at(pan, (s0 + e0) / 2) - 0.030) < 1e-9, "the panel does not draw 30 mW")


def dram_energy(pmsim, image):
    shown, _, _ = run(pmsim, image, "fbtest; sleep 0.5")
    blanked, _, _ = run(pmsim, image, f"fbtest; echo 1 > {FB}/blank; sleep 0.5")
    if not shown or not blanked:
        return
    a, b = component_j(shown, "dram"), component_j(blanked, "dram")
    check(a > b * 1.05, f"DRAM energy shown {a} J, blanked {b} J: wanted shown > blanked")
    check(shown["dram"]["self_refresh_entries"] == 0,
          "the DRAM self-refreshed with the display shown")


def nothing_at_boot(pmsim, image):
    r, _, _ = run(pmsim, image, "sleep 0.2")
    if not r:
        return
    for comp in ("panel", "backlight"):
        check(component_j(r, comp) == 0,
              f"{comp} drew {component_j(r, comp)} J in a run that shows nothing")
    # The drivers' probes open the clock gates for a few microseconds to
    # read the ID registers: nJ, not the mJ of a display shown.
    for comp in (CLCD, "pwm@4000a000"):
        check(component_j(r, comp) < 1e-7,
              f"{comp} drew {component_j(r, comp)} J in a run that shows nothing")


def brightness(pmsim, image):
    got = {}
    for level in (7, 4):
        r, _, out = run(pmsim, image, f"echo {level} > {BL}/brightness; fbtest; sleep 0.5; "
                        f"cat {BL}/brightness {BL}/actual_brightness {BL}/max_brightness")
        if not r:
            return
        check(f"{level}\n{level}\n7\n" in out, f"brightness {level} reads back wrong:\n{out}")
        got[level] = component_j(r, "backlight")
    duty = {7: 1200 / 1200, 4: 150 / 1200}
    if check(got[7] > 0, "no backlight energy at full brightness"):
        ratio = got[4] / got[7]
        want = duty[4] / duty[7]
        check(abs(ratio / want - 1) < 0.005,
              f"backlight energy ratio {ratio:.5f}, the duty ratio is {want:.5f}")
        # 0.5 s and a bit at 200 mW.
        check(0.5 * 0.2 < got[7] < 0.6 * 0.2, f"backlight {got[7]} J at full brightness")


def main():
    pmsim, image = sys.argv[1], sys.argv[2]
    blank_cycle(pmsim, image)
    dram_energy(pmsim, image)
    nothing_at_boot(pmsim, image)
    brightness(pmsim, image)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("display: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
