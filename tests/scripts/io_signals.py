#!/usr/bin/env python3
"""Signals during `pmsim run` (docs/cli.md, "Signals"): an interrupted run
leaves no temporary file behind, and a closed output pipe stops it with a
message.

    io_signals.py CASE PMSIM FIRMWARE-DIR CONFIGS-DIR

Cases:
  dtc-int, dtc-term   SIGINT / SIGTERM while dtc compiles the --config
                      file. A stand-in dtc on PATH records the output file
                      it was told to write and waits; once it is waiting,
                      pmsim gets the signal. Nothing dtc was to write may be
                      left, and dtc must not outlive pmsim.
  run-int, run-term   the signal during the run, once the report's
                      temporary file exists: the run stops and its report
                      is written, marked as interrupted (status 128 + sig).
  run-int-twice       two SIGINTs at once: the second ends pmsim; either way
                      no partial file is left.
  sigpipe             standard output is a pipe whose reader has gone: the
                      run ends by SIGPIPE with a message, and the report's
                      temporary file is removed.

Every wait is for an event (a file appearing, a process ending), never for
a length of time, so the test does not depend on the host's speed.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

FAKE_DTC = """#!/bin/sh
# Stand-in dtc: note the output file it is given and its pid, then wait
# on a FIFO nobody writes.
out=-
while [ $# -gt 0 ]; do
	[ "$1" = -o ] && out=$2
	shift
done
echo "$$ $out" >"{d}/dtc.tmp-info"
mv "{d}/dtc.tmp-info" "{d}/dtc.info"
read x <"{d}/never"
"""


def wait_for(cond, what, proc, limit=60.0):
    """Wait until cond() is true; fail if pmsim ends first. `limit` only
    guards against a hang: the event comes in milliseconds."""
    end = time.monotonic() + limit
    while not cond():
        if proc.poll() is not None:
            sys.exit(f"FAIL: pmsim ended (status {proc.returncode}) before {what}")
        if time.monotonic() > end:
            proc.kill()
            sys.exit(f"FAIL: no {what}")
        time.sleep(0.01)


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def temps(d):
    return [n for n in os.listdir(d) if ".tmp." in n]


def main():
    case, pmsim, fw, configs = sys.argv[1:5]
    hello = os.path.join(fw, "hello", "hello.elf")
    spin = os.path.join(fw, "tests", "spin.elf")
    fail = []
    with tempfile.TemporaryDirectory() as d:
        report = os.path.join(d, "r.json")
        if case in ("dtc-int", "dtc-term"):
            sig = signal.SIGINT if case == "dtc-int" else signal.SIGTERM
            bindir = os.path.join(d, "bin")
            os.mkdir(bindir)
            os.mkfifo(os.path.join(d, "never"))
            with open(os.path.join(bindir, "dtc"), "w") as f:
                f.write(FAKE_DTC.replace("{d}", d))
            os.chmod(os.path.join(bindir, "dtc"), 0o755)
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
            dts = os.path.join(d, "soc.dts")
            with open(dts, "w") as f:
                f.write('/include/ "%s/default.dts"\n' % configs)
            p = subprocess.Popen([pmsim, "run", "--report", report, "--config", dts, hello],
                                 env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            info = os.path.join(d, "dtc.info")
            wait_for(lambda: os.path.exists(info), "dtc started", p)
            with open(info) as f:
                dtc_pid, dtc_out = f.read().split()
            p.send_signal(sig)
            p.wait()
            if p.returncode != -sig:
                fail.append(f"status {p.returncode}, wanted death by signal {int(sig)}")
            end = time.monotonic() + 60
            while alive(int(dtc_pid)) and time.monotonic() < end:
                time.sleep(0.01)
            if alive(int(dtc_pid)):
                os.kill(int(dtc_pid), signal.SIGKILL)
                fail.append("dtc outlived pmsim")
            if dtc_out != "-" and os.path.exists(dtc_out):
                os.unlink(dtc_out)
                fail.append(f"dtc's output file {dtc_out} was left behind")
        elif case in ("run-int", "run-term"):
            sig = signal.SIGINT if case == "run-int" else signal.SIGTERM
            p = subprocess.Popen([pmsim, "run", "--report", report, spin],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
            wait_for(lambda: temps(d), "temporary report file", p)
            p.send_signal(sig)
            p.wait()
            # The run stops where it is and writes its report, marked.
            if p.returncode != 128 + sig:
                fail.append(f"status {p.returncode}, wanted {128 + int(sig)}")
            elif not os.path.exists(report):
                fail.append("no report for the interrupted run")
            else:
                with open(report) as f:
                    doc = json.load(f)
                if not doc["outcome"].startswith(f"interrupted by {sig.name}"):
                    fail.append(f"the report's outcome: {doc['outcome']!r}")
        elif case == "run-int-twice":
            # A second SIGINT ends pmsim at once. Whether it comes before
            # the report is written or after, no partial file is left: a
            # complete report and status 130, or none and death by SIGINT.
            p = subprocess.Popen([pmsim, "run", "--report", report, spin],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
            wait_for(lambda: temps(d), "temporary report file", p)
            p.send_signal(signal.SIGINT)
            p.send_signal(signal.SIGINT)
            p.wait()
            if p.returncode == -signal.SIGINT:
                if os.path.exists(report):
                    fail.append("killed by the second SIGINT, yet a report was written")
            elif p.returncode == 130:
                with open(report) as f:
                    json.load(f)
            else:
                fail.append(f"status {p.returncode}, wanted 130 or death by SIGINT")
        elif case == "sigpipe":
            r, w = os.pipe()
            os.close(r)
            p = subprocess.Popen([pmsim, "run", "--report", report, hello],
                                 stdin=subprocess.DEVNULL, stdout=w, stderr=subprocess.PIPE)
            os.close(w)
            p.wait()
            err = p.stderr.read().decode()
            if p.returncode != -signal.SIGPIPE:
                fail.append(f"status {p.returncode}, wanted death by SIGPIPE")
            if "pmsim: an output pipe was closed by its reader (SIGPIPE)" not in err:
                fail.append(f"no message on stderr: {err!r}")
            if os.path.exists(report):
                fail.append("a report was written")
        else:
            sys.exit(f"unknown case {case}")
        left = temps(d)
        if left:
            fail.append(f"temporary files left: {left}")
    for f in fail:
        print("FAIL:", f)
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
