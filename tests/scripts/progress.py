#!/usr/bin/env python3
"""The progress line: shown on a terminal (stderr a pty) for a run with
--until and for pmsim test, never when stderr is not a terminal, nor with
--quiet; and a run that shows it ends exactly as one that does not (its
report is byte-identical).

usage: progress.py PMSIM PMFW_ELF SCENARIO_DIR WORK_DIR
"""
import os
import pty
import select
import shutil
import subprocess
import sys

pmsim, elf, scen, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
ARGS = "quiet workload start constant"


def fail(msg):
    sys.exit("FAIL: " + msg)


def on_pty(args):
    """Run with stderr on a pseudo-terminal; return (status, what it showed)."""
    m, s = pty.openpty()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=s, stdin=subprocess.DEVNULL)
    os.close(s)
    out = b""
    while True:
        r, _, _ = select.select([m], [], [], 120)
        if not r:
            break
        try:
            d = os.read(m, 4096)
        except OSError:
            break
        if not d:
            break
        out += d
    os.close(m)
    return p.wait(), out.decode(errors="replace")


def on_pipe(args):
    r = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return r.returncode, r.stderr


run = [pmsim, "run", "--until", "4s", "--no-host"]
st, shown = on_pty(run + ["--report", os.path.join(work, "tty.json"), elf, "--", ARGS])
if st != 124 or " s simulated (" not in shown or "MIPS, ETA" not in shown:
    fail("no progress on a terminal (status %d): %r" % (st, shown[-300:]))
if not shown.rstrip().endswith("pmsim: time limit reached (--until) at pc " +
                               shown.rstrip().split(" at pc ")[-1]):
    fail("the last message is not on a clean line: %r" % shown[-200:])
if "\r\x1b[Kpmsim: time limit" not in shown:
    fail("the progress line is not erased before the message: %r" % shown[-200:])
st, err = on_pipe(run + ["--report", os.path.join(work, "pipe.json"), elf, "--", ARGS])
if "simulated (" in err or "\r" in err:
    fail("progress shown on a pipe: %r" % err)
st, shown = on_pty(run + ["--quiet", elf, "--", ARGS])
if "simulated (" in shown:
    fail("progress shown with --quiet: %r" % shown[-200:])
if open(os.path.join(work, "tty.json"), "rb").read() != \
        open(os.path.join(work, "pipe.json"), "rb").read():
    fail("the report of a run with progress differs from one without")

test = [pmsim, "test", "--no-host", "-j", "2", "--output"]
st, shown = on_pty(test + [os.path.join(work, "t1"), scen])
if "[1/" not in shown or "ETA" not in shown or "PASS" in shown:
    fail("pmsim test: no progress on its terminal: %r" % shown[-300:])
st, err = on_pipe(test + [os.path.join(work, "t2"), scen])
if "[1/" in err or "\r" in err:
    fail("pmsim test: progress on a pipe: %r" % err)
print("progress: on a terminal only, erased before messages, the run unchanged")
