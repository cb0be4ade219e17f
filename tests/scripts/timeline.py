#!/usr/bin/env python3
"""--timeline from the command line (docs/timeline.md).

usage: timeline.py CASE PMSIM FW_DIR CONFIG_DIR WORK_DIR

formats      the demo's run in VCD, Perfetto JSON and CSV, each read back by
             check_timeline.py against the report of the same run
gtkwave      the VCD through GTKWave's vcd2fst and fst2vcd, then read back
mcu          the small MCU (no regulators: the total is the components' sum)
truncated    --timeline-limit: the file stops, the report says where
determinism  two runs, byte-identical timelines in every format; the report
             the same with and without a timeline
scenario     machine{ timeline = {...}, html = true } in a scenario: the files
             in its output folder
bad          an unknown extension (64), an unwritable place (73), the same
             file as another output (73), for --timeline and --html: refused
             before the run, nothing left
"""
import os
import shutil
import subprocess
import sys

case, pmsim, fw, configs, work = sys.argv[1:6]
here = os.path.dirname(os.path.abspath(__file__))
check = os.path.join(here, "check_timeline.py")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
pmfw = os.path.join(fw, "pmfw", "pmfw.elf")
DEMO = ("quiet workload start busy; workload start adc; sleep 0.3; workload stop all; "
        "sleep 0.3; echo +1 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state; "
        "poweroff")


def fail(msg):
    sys.exit("FAIL: " + msg)


def run(args, want=0):
    p = subprocess.run([pmsim, "run", "--no-host"] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    if p.returncode != want:
        fail("%s: status %d, want %d: %s" % (" ".join(args), p.returncode, want, p.stderr))
    return p.stderr


def checked(report, timeline, *extra):
    p = subprocess.run([sys.executable, check, report, timeline] + list(extra), text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print(p.stdout, end="")
    if p.returncode:
        fail("check_timeline.py %s %s" % (report, timeline))


def path(name):
    return os.path.join(work, name)


if case == "formats":
    for ext in ("vcd", "json", "perfetto.json", "csv"):
        rep, tl = path(ext + ".report.json"), path("t." + ext)
        run(["--report", rep, "--timeline", tl, pmfw, "--", DEMO])
        checked(rep, tl)
elif case == "gtkwave":
    vcd2fst, fst2vcd = shutil.which("vcd2fst"), shutil.which("fst2vcd")
    if not vcd2fst or not fst2vcd:
        print("SKIP: GTKWave's vcd2fst and fst2vcd are not installed (./setup installs gtkwave)")
        sys.exit(77)
    rep, tl = path("r.json"), path("t.vcd")
    run(["--report", rep, "--timeline", tl, pmfw, "--", DEMO])
    subprocess.run([vcd2fst, tl, path("t.fst")], check=True, stdout=subprocess.DEVNULL)
    with open(path("back.vcd"), "w") as out:
        subprocess.run([fst2vcd, path("t.fst")], check=True, stdout=out)
    checked(rep, path("back.vcd"))
elif case == "mcu":
    for ext in ("vcd", "csv"):
        rep, tl = path("mcu.json"), path("mcu." + ext)
        run(["--config", os.path.join(configs, "mcu.dts"), "--report", rep, "--timeline", tl,
             os.path.join(fw, "hello", "hello_mcu.elf")])
        checked(rep, tl)
elif case == "truncated":
    import xml.dom.minidom
    for ext in ("vcd", "json", "csv"):
        rep, tl, html = path("r.json"), path("t." + ext), path("r.html")
        err = run(["--summary", "--report", rep, "--timeline-limit", "5000", "--timeline", tl,
                   "--html", html, pmfw, "--", DEMO])
        if "the timeline reached its limit of 5000 records (--timeline-limit)" not in err:
            fail("the text report does not say the timeline stopped:\n" + err)
        checked(rep, tl, "--truncated")
        xml.dom.minidom.parse(html)
elif case == "determinism":
    # Recording changes nothing the report says, on the default SoC with
    # its efficiency curves and its cell: the thermal model and the
    # regulators' tick bring the lazily booked energies up to date at
    # fixed times, so a timeline's extra bookings only split them
    # (docs/power.md, "Observing a run").
    soc = ["--config", os.path.join(configs, "default.dts")]
    run(soc + ["--report", path("plain.json"), pmfw, "--", DEMO])
    for ext in ("vcd", "json", "csv"):
        a, b = path("a." + ext), path("b." + ext)
        run(["--timeline", a, pmfw, "--", DEMO])
        run(["--timeline", b, pmfw, "--", DEMO])
        if open(a, "rb").read() != open(b, "rb").read():
            fail("two runs gave different %s timelines" % ext)
        run(soc + ["--report", path("with.json"), "--timeline", a, pmfw, "--", DEMO])
        if open(path("with.json"), "rb").read() != open(path("plain.json"), "rb").read():
            fail("the report with --timeline %s differs from the one without" % ext)
    print("ok: byte-identical")
elif case == "bad":
    hello = os.path.join(fw, "hello", "hello.elf")
    for args, want, msg in [
        (["--timeline", path("t.txt")], 64,
         "pmsim: --timeline %s: the name must end in .vcd, .json (Perfetto) or .csv" % path("t.txt")),
        (["--timeline", path("t")], 64, "the name must end in .vcd"),
        (["--timeline", path("no/such/dir/t.vcd")], 73, "--timeline"),
        (["--timeline-limit", "0", "--timeline", path("t.vcd")], 64,
         "option --timeline-limit needs a positive whole number"),
        (["--report", path("same.json"), "--timeline", path("same.json")], 73,
         "name the same file"),
        (["--html", path("r.txt")], 64,
         "pmsim: --html %s: the name must end in .html or .htm" % path("r.txt")),
        (["--html", path("no/such/dir/r.html")], 73, "--html"),
        (["--timeline", path("same.json"), "--html", path("same.json")], 64, ".html or .htm"),
        (["--html", path("r.html"), "--uart-out", path("r.html")], 73, "name the same file"),
    ]:
        err = run(args + [hello], want)
        if msg not in err:
            fail("%s: want %r in: %s" % (" ".join(args), msg, err))
    left = os.listdir(work)
    if left:
        fail("files left behind: %r" % left)
    print("ok: refused before the run, nothing left")
elif case == "scenario":
    # machine{ timeline = {...}, html = true }: the files in the output folder.
    lua = os.path.join(here, "..", "scenarios", "cli", "timeline.lua")
    out = path("out")
    p = subprocess.run([pmsim, "scenario", "--quiet", "--no-host", "--output", out, lua],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode:
        fail("pmsim scenario: status %d: %s" % (p.returncode, p.stdout))
    rep = os.path.join(out, "report.json")
    for ext in ("vcd", "json", "csv"):
        checked(rep, os.path.join(out, "timeline." + ext))
    import xml.dom.minidom
    xml.dom.minidom.parse(os.path.join(out, "report.html"))
    print("ok: report.html is well-formed")
else:
    fail("unknown case " + case)
