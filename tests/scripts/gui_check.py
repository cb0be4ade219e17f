#!/usr/bin/env python3
"""pmsim run --gui and --gui-screenshot (docs/gui.md), on pmfw:

    gui_check.py CASE PMSIM PMFW OUTDIR
    gui_check.py png FILE.bmp FILE.png     (a screenshot as PNG, for docs/)

Cases:
  screenshot  --gui-screenshot of a workload: the BMP's header and size,
              the rails' colours in the plot, two C-states in the C-state
              lane, text in the console; the report equals, byte for byte,
              the report of the same run without the window
  xvfb        the same in a real X window under xvfb-run (SDL_VIDEODRIVER=
              x11): the picture is the offscreen one, pixel for pixel; 77
              (skipped) without xvfb-run
  button      pmfw suspends to RAM; the window's click on gpio0's pin 0 (the
              power button), scripted by PMSIM_GUI_SCRIPT, wakes it: the
              report's suspend cycle was woken by the GPIO; without the
              click, nothing wakes it
  interactive the interactive window (offscreen driver): keys typed into
              the console reach the shell (a backspace erases), and closing
              the window ends the run with status 0 and its report; a run
              the guest ends keeps its status
  signal      SIGTERM stops the interactive window's run with its report
              and status 143, as without the window
  usage       the refusals: no --until, bad names and speeds, a bad script,
              no display; none leaves an output behind

The colours are docs/gui.md's. Exits 0 when every check passes, 77 for a
skip; prints each failure and exits 1.
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import zlib

failures = []

# docs/gui.md, "Colours".
TRACK_COLOURS = [(236, 239, 244), (255, 159, 67), (72, 219, 251), (255, 107, 129),
                 (29, 209, 161), (254, 202, 87), (165, 94, 234), (84, 160, 255)]
RUNNING = (46, 204, 113)
SUSPENDED = (155, 89, 182)
IDLE = [(52, 152, 219), (41, 98, 200), (90, 60, 190), (30, 40, 120), (20, 30, 80)]
CONSOLE_TEXT = (200, 214, 200)
# The layout: the plot, the first lane (the C-state), the console.
PLOT = (72, 54, 672, 324)
LANE_Y, LANE_STEP, LANE_H = 346, 15, 12
CSTATE_LANE = (72, LANE_Y, 672, LANE_Y + LANE_H)
CONSOLE = (8, 510, 912, 792)

# Without "quiet": the boot log fills the console.
WORKLOAD = "workload start busy; workload start adc; sleep 1; workload stop all"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def run(cmd, env=None, timeout=600):
    e = dict(os.environ)
    e.pop("PMSIM_GUI_SCRIPT", None)
    e.pop("SDL_VIDEODRIVER", None)  # offscreen for screenshots, unless a case says
    e.update(env or {})
    return subprocess.run(cmd, env=e, capture_output=True, timeout=timeout)


class Bmp:
    """A 24-bit BMP as SDL_SaveBMP writes it (BITMAPINFOHEADER)."""

    def __init__(self, path):
        data = open(path, "rb").read()
        self.ok = data[:2] == b"BM"
        size, off = struct.unpack_from("<I4xI", data, 2)
        hsize, w, h, planes, bpp, comp = struct.unpack_from("<IiiHHI", data, 14)
        self.size, self.len, self.w, self.h, self.bpp = size, len(data), w, abs(h), bpp
        self.comp, self.off, self.topdown = comp, off, h < 0
        self.pitch = (w * 3 + 3) & ~3
        self.data = data

    def px(self, x, y):
        row = y if self.topdown else self.h - 1 - y
        i = self.off + row * self.pitch + 3 * x
        b, g, r = self.data[i:i + 3]
        return (r, g, b)

    def colours(self, box):
        x0, y0, x1, y1 = box
        return {self.px(x, y) for y in range(y0, y1) for x in range(x0, x1)}

    def count(self, box, c):
        x0, y0, x1, y1 = box
        return sum(1 for y in range(y0, y1) for x in range(x0, x1) if self.px(x, y) == c)

    def png(self, path):
        raw = b"".join(b"\0" + bytes(v for x in range(self.w) for v in self.px(x, y))
                       for y in range(self.h))

        def chunk(kind, body):
            c = kind + body
            return struct.pack(">I", len(body)) + c + struct.pack(">I", zlib.crc32(c))
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
            f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)))
            f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
            f.write(chunk(b"IEND", b""))


def check_picture(bmp, report):
    check(bmp.ok and bmp.bpp == 24 and bmp.comp == 0, "not a 24-bit uncompressed BMP")
    check((bmp.w, bmp.h) == (1280, 800), f"picture {bmp.w}x{bmp.h}, wanted 1280x800")
    check(bmp.size == bmp.len == bmp.off + bmp.pitch * bmp.h,
          f"BMP size {bmp.len} (header says {bmp.size}), wanted "
          f"{bmp.off + bmp.pitch * bmp.h}")
    # Every rail that drew a share of the energy has its colour in the plot.
    total = report["energy"]["total_j"]
    plot = bmp.colours(PLOT)
    check(TRACK_COLOURS[0] in plot, "the total's colour is not in the plot")
    for i, (name, rail) in enumerate(report["energy"]["by_rail"].items()):
        if rail["out_j"] > 0.02 * total and i + 1 < len(TRACK_COLOURS):
            check(TRACK_COLOURS[i + 1] in plot,
                  f"rail {name}'s colour {TRACK_COLOURS[i + 1]} is not in the plot")
    lane = bmp.colours(CSTATE_LANE)
    states = [c for c in [RUNNING] + IDLE if c in lane]
    check(RUNNING in lane and len(states) >= 2,
          f"the C-state lane shows {states}, wanted running and an idle state")
    check(bmp.count(CONSOLE, CONSOLE_TEXT) > 200, "no text in the console")


def pmsim_run(pmsim, pmfw, out, name, args, cmdline, env=None):
    rep = os.path.join(out, name + ".json")
    r = run([pmsim, "run", "--quiet", "--report", rep, "--no-host"] + args +
            [pmfw, "--", cmdline], env)
    return r, rep


def case_screenshot(pmsim, pmfw, out, env=None):
    bmp = os.path.join(out, "gui.bmp")
    r, rep = pmsim_run(pmsim, pmfw, out, "gui", ["--gui-screenshot", bmp, "--until", "2s"],
                       WORKLOAD, env)
    check(r.returncode == 124, f"status {r.returncode}, wanted 124 (--until): {r.stderr}")
    r0, rep0 = pmsim_run(pmsim, pmfw, out, "plain", ["--until", "2s"], WORKLOAD)
    check(r0.returncode == r.returncode, f"status {r0.returncode} without the window")
    if not check(os.path.exists(bmp) and os.path.exists(rep), "no screenshot or report"):
        return None
    check(open(rep, "rb").read() == open(rep0, "rb").read(),
          "the report differs from the one without the window")
    check(r.stdout == r0.stdout, "the console output differs from the one without the window")
    b = Bmp(bmp)
    check_picture(b, json.load(open(rep)))
    return bmp


def case_lcd(pmsim, pmfw, out):
    """The LCD panel shows what the PL111 scans out: pmfw's fbtest colour
    bars, unblanked; and the report is the one without the window."""
    cmd = ("quiet fbtest; echo 0 > /sys/class/graphics/fb0/blank; "
           "echo 7 > /sys/class/backlight/backlight/brightness; workload start busy; "
           "workload start adc; sleep 1; workload stop all")
    bmp = os.path.join(out, "lcd.bmp")
    r, rep = pmsim_run(pmsim, pmfw, out, "lcd", ["--gui-screenshot", bmp, "--until", "2s"], cmd)
    r0, rep0 = pmsim_run(pmsim, pmfw, out, "plain", ["--until", "2s"], cmd)
    check(r.returncode == r0.returncode, f"status {r.returncode}, {r0.returncode} without")
    if not check(os.path.exists(bmp), "no screenshot"):
        return
    check(open(rep, "rb").read() == open(rep0, "rb").read(),
          "the report differs from the one without the window")
    b = Bmp(bmp)
    # The panel's 320 x 240 pixels drawn 1:1 at (940, 56) (front/gui.c
    # LCD_*); fbtest draws eight bars of 40 pixels.
    bars = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0), (255, 0, 255),
            (255, 0, 0), (0, 0, 255), (0, 0, 0)]
    for k, want in enumerate(bars):
        got = b.px(940 + 40 * k + 20, 56 + 120)
        check(tuple(got) == want, f"bar {k}: pixel {tuple(got)}, wanted {want}")


def case_xvfb(pmsim, pmfw, out):
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        print("SKIP: xvfb-run is not installed")
        return 77
    bmp = os.path.join(out, "x11.bmp")
    rep = os.path.join(out, "x11.json")
    r = run([xvfb, "-a", "-s", "-screen 0 1280x1024x24", pmsim, "run", "--quiet",
             "--report", rep, "--no-host", "--gui-screenshot", bmp, "--until", "2s", pmfw,
             "--", WORKLOAD], {"SDL_VIDEODRIVER": "x11"})
    check(r.returncode == 124, f"status {r.returncode} under Xvfb, wanted 124: {r.stderr}")
    if not check(os.path.exists(bmp), "no screenshot under Xvfb"):
        return 1
    off = os.path.join(out, "offscreen.bmp")
    r0 = run([pmsim, "run", "--quiet", "--report", os.path.join(out, "off.json"), "--no-host",
              "--gui-screenshot", off, "--until", "2s", pmfw, "--", WORKLOAD])
    check(r0.returncode == 124, f"status {r0.returncode} offscreen")
    check(open(rep, "rb").read() == open(os.path.join(out, "off.json"), "rb").read(),
          "the reports under X and offscreen differ")
    check(open(bmp, "rb").read() == open(off, "rb").read(),
          "the pictures under X and offscreen differ")
    check_picture(Bmp(bmp), json.load(open(rep)))
    return 0


def gpio_node(pmsim):
    info = run([pmsim, "info"]).stdout.decode()
    for line in info.splitlines():
        w = line.split()
        if len(w) == 2 and w[1] == "arm,pl061":
            return w[0].rsplit("/", 1)[-1]
    return None


def check_suspend_lane(bmp, rep, until):
    """The suspend lane (the last) against the report's cycle: purple in
    every column (slice) wholly inside the sleep, green in every one
    wholly before the cycle."""
    nlanes = 2 + len(rep["domains"]) + (1 if rep.get("dram") else 0) + 1
    y = LANE_Y + (nlanes - 1) * LANE_STEP + LANE_H // 2
    c = rep["suspend"]["cycles"][0]
    entry = c["begin_s"] + c["suspend_latency_s"]
    wake = entry + c["suspended_s"]
    s = until / 600
    inside = before = 0
    for k in range(600):
        t0, t1 = k * s, (k + 1) * s
        px = bmp.px(PLOT[0] + k, y)
        if entry <= t0 and t1 <= wake:
            inside += 1
            check(px == SUSPENDED, f"suspend lane at {t0:.3f} s: {px}, wanted suspended")
        elif t1 <= c["begin_s"]:
            before += 1
            check(px == RUNNING, f"suspend lane at {t0:.3f} s: {px}, wanted running")
    check(inside > 100 and before > 10, f"only {inside} columns asleep, {before} before")


def case_button(pmsim, pmfw, out):
    node = gpio_node(pmsim)
    if not check(node, "pmsim info lists no PL061"):
        return
    cmd = "quiet echo mem > /sys/power/state; poweroff"
    reports = {}
    for name, script in (("click", "1.5s click gpio0:0"), ("none", None)):
        env = {"PMSIM_GUI_SCRIPT": script} if script else {}
        r, rep = pmsim_run(pmsim, pmfw, out, name,
                           ["--gui-screenshot", os.path.join(out, name + ".bmp"),
                            "--until", "3s"], cmd, env)
        reports[name] = (r, json.load(open(rep)) if os.path.exists(rep) else None)
    r, rep = reports["click"]
    check(r.returncode == 0, f"with the click: status {r.returncode}, wanted 0 (poweroff "
          f"after the wake-up): {r.stderr.decode()[-500:]}")
    if rep:
        cycles = rep["suspend"]["cycles"]
        srcs = [c.get("wake_source") for c in cycles]
        check(node in srcs, f"suspend cycles woken by {srcs}, wanted {node}")
        check(rep["wakeups"].get(node, 0) >= 1, f"no wake-up from {node}: {rep['wakeups']}")
    if rep:
        check_suspend_lane(Bmp(os.path.join(out, "click.bmp")), rep, 3.0)
    r, rep = reports["none"]
    check(r.returncode == 124, f"without the click: status {r.returncode}, wanted 124 "
          f"(still asleep at --until)")
    if rep:
        srcs = [c.get("wake_source") for c in rep["suspend"]["cycles"]]
        check(node not in srcs, f"without the click, a suspend woken by {srcs}")


def case_interactive(pmsim, pmfw, out):
    rep = os.path.join(out, "closed.json")
    env = {"SDL_VIDEODRIVER": "offscreen",
           "PMSIM_GUI_SCRIPT": "0.5s type echo hellx\\bo-gui\\r; 1.5s quit"}
    r = run([pmsim, "run", "--gui", "--stats", "--report", rep, "--no-host", pmfw], env)
    err = r.stderr.decode()
    check(r.returncode == 0, f"closing the window: status {r.returncode}, wanted 0: {err}")
    check("the GUI window was closed" in err, f"--stats does not say why the run ended: {err}")
    check(b"\nhello-gui\n" in r.stdout, "the typed command's output is not on the console: "
          f"{r.stdout.decode()[-300:]}")
    if check(os.path.exists(rep), "no report after closing the window"):
        t = json.load(open(rep))["sim_time_s"]
        check(1.5 <= t < 1.6, f"the run ended at {t} s, wanted where the window closed (1.5 s)")

    # A screenshot's scripted quit ends the run there, as closing the
    # window does, and the picture is written.
    rep = os.path.join(out, "shot-quit.json")
    bmp = os.path.join(out, "shot-quit.bmp")
    r = run([pmsim, "run", "--quiet", "--gui-screenshot", bmp, "--until", "1s", "--report",
             rep, "--no-host", pmfw, "--", "quiet"], {"PMSIM_GUI_SCRIPT": "0.2s quit"})
    check(r.returncode == 0, f"a screenshot's quit: status {r.returncode}: {r.stderr}")
    check(os.path.exists(bmp), "a screenshot's quit: no picture")
    if check(os.path.exists(rep), "a screenshot's quit: no report"):
        j = json.load(open(rep))
        # At 0.2 s, or at the end of the instruction the core was in
        # then (less than a microsecond later) if it was not asleep.
        check(0.2 <= j["sim_time_s"] < 0.200001 and
              j["outcome"] == "the GUI window was closed",
              f"a screenshot's quit: ended at {j['sim_time_s']} s: {j['outcome']}")

    # The guest ends the run first: the window stays on the final state
    # until it is closed (the script's entries left are applied then),
    # and pmsim's status is the guest's.
    r = run([pmsim, "run", "--gui", "--stats", pmfw, "--", "quiet exit 3"],
            {"SDL_VIDEODRIVER": "offscreen", "PMSIM_GUI_SCRIPT": "100s quit"}, timeout=120)
    err = r.stderr.decode()
    check(r.returncode == 3, f"the guest's exit 3: status {r.returncode}: {err}")
    check("guest exited with status 3" in err, f"--stats: {err}")


def case_signal(pmsim, pmfw, out):
    """SIGTERM while the interactive window runs: the run stops with its
    report and status 128 + 15, as without the window. The signal is sent
    once the shell has prompted (the console's output says so), not after
    a host delay."""
    rep = os.path.join(out, "term.json")
    e = dict(os.environ)
    e.pop("PMSIM_GUI_SCRIPT", None)
    e["SDL_VIDEODRIVER"] = "offscreen"
    p = subprocess.Popen([pmsim, "run", "--gui", "--report", rep, pmfw, "--", "quiet"],
                         env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    while not seen.endswith(b"# "):
        b = p.stdout.read1(4096) if hasattr(p.stdout, "read1") else p.stdout.read(1)
        if not b:
            break
        seen += b
    check(seen.endswith(b"# "), f"no prompt on the console: {seen[-200:]!r}")
    p.send_signal(signal.SIGTERM)
    try:
        _, err = p.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        check(False, "SIGTERM did not end the run")
        return
    err = err.decode()
    check(p.returncode == 128 + signal.SIGTERM, f"status {p.returncode}, wanted 143: {err}")
    check("interrupted by SIGTERM" in err, f"no word of the signal: {err}")
    check(os.path.exists(rep), "no report after SIGTERM")


def case_usage(pmsim, pmfw, out):
    rep = os.path.join(out, "r.json")
    shot = os.path.join(out, "a.bmp")
    os.mkdir(os.path.join(out, "dir.bmp"))
    image = os.path.join(out, "image.bmp")
    shutil.copy(pmfw, image)
    no_display = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "SDL_VIDEODRIVER": ""}
    bad = [
        (["--gui-screenshot", shot], {}, 64, "--gui-screenshot needs --until"),
        (["--gui-screenshot", os.path.join(out, "a.png"), "--until", "1ms"], {}, 64,
         "ending in .bmp"),
        (["--gui", "--gui-speed", "5"], {}, 64, "--gui-speed needs max, 1, 10 or 100"),
        (["--gui-speed", "10"], {}, 64, "--gui-speed goes with --gui"),
        (["--gui", "--gui-screenshot", shot, "--until", "1ms"], {}, 64, "choose one"),
        (["--gui-screenshot", shot, "--until", "1ms"],
         {"PMSIM_GUI_SCRIPT": "1ms wiggle gpio0:0"}, 64,
         "PMSIM_GUI_SCRIPT: '1ms wiggle gpio0:0': the actions are"),
        (["--gui-screenshot", shot, "--until", "1ms"],
         {"PMSIM_GUI_SCRIPT": "1ms click gpio3:0"}, 64, "gpio3: the SoC has 1 PL061"),
        (["--gui-screenshot", shot, "--until", "1ms"],
         {"PMSIM_GUI_SCRIPT": "soon quit"}, 64, "PMSIM_GUI_SCRIPT: 'soon quit': "),
        # The screenshot's file is checked before the run as --report is.
        (["--gui-screenshot", os.path.join(out, "nodir", "a.bmp"), "--until", "1ms"], {}, 73,
         "--gui-screenshot"),
        (["--gui-screenshot", os.path.join(out, "dir.bmp"), "--until", "1ms"], {}, 73,
         "is a directory"),
        (["--gui-screenshot", shot, "--until", "1ms", "--report", os.path.join(out, ".", "a.bmp")],
         {}, 73, "name the same file"),
        (["--gui-screenshot", image, "--until", "1ms", "--image-is-next"], {}, 73,
         "an output must not overwrite an input"),
        (["--gui"], no_display, 64, "no display: set DISPLAY, or use --gui-screenshot"),
        # A display that cannot be opened: the same, and SDL does not go on
        # to an invisible window of its own choosing.
        (["--gui"], dict(no_display, DISPLAY=":7777"), 64,
         "no display (DISPLAY=:7777 cannot be opened): set DISPLAY, or use --gui-screenshot"),
    ]
    before = sorted(os.listdir(out))
    for args, env, want, msg in bad:
        img = pmfw
        if "--image-is-next" in args:
            args = [a for a in args if a != "--image-is-next"]
            img = image
        cmd = [pmsim, "run", "--report", rep] + args + [img, "--", "poweroff"]
        full = dict(os.environ)
        full.pop("PMSIM_GUI_SCRIPT", None)
        full.pop("SDL_VIDEODRIVER", None)
        for k, v in env.items():
            if v:
                full[k] = v
            else:
                full.pop(k, None)
        r = subprocess.run(cmd, env=full, capture_output=True, timeout=120)
        err = r.stderr.decode()
        check(r.returncode == want, f"{args} {env}: status {r.returncode}, wanted {want}: {err}")
        check(msg in err and err.startswith("pmsim: ") and err.count("\n") <= 2,
              f"{args} {env}: message {err!r}, wanted one with {msg!r}")
        left = sorted(set(os.listdir(out)) - set(before))
        check(not left, f"{args} {env}: left {left} behind")


def main():
    if sys.argv[1] == "png":
        Bmp(sys.argv[2]).png(sys.argv[3])
        return 0
    case, pmsim, pmfw, out = sys.argv[1:5]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    if case == "screenshot":
        case_screenshot(pmsim, pmfw, out)
    elif case == "lcd":
        case_lcd(pmsim, pmfw, out)
    elif case == "xvfb":
        rc = case_xvfb(pmsim, pmfw, out)
        if rc == 77:
            return 77
    elif case == "button":
        case_button(pmsim, pmfw, out)
    elif case == "interactive":
        case_interactive(pmsim, pmfw, out)
    elif case == "usage":
        case_usage(pmsim, pmfw, out)
    elif case == "signal":
        case_signal(pmsim, pmfw, out)
    else:
        print("unknown case", case)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
