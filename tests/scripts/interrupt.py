#!/usr/bin/env python3
"""SIGINT or SIGTERM during a run stops it and writes every report asked
for (the JSON report, the summary, the timeline, the HTML report), for the time simulated so far, marked as interrupted, with status
128 + the signal; the same for a scenario. No temporary file is left.

usage: interrupt.py PMSIM PMFW_ELF WORK_DIR
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

pmsim, elf, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def fail(msg):
    sys.exit("FAIL: " + msg)


def interrupt(args, sig):
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         stdin=subprocess.DEVNULL)
    time.sleep(1.0)
    p.send_signal(sig)
    try:
        err = p.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        p.kill()
        fail("%s did not stop %s" % (sig.name, " ".join(args)))
    return p.returncode, err


for sig, status in [(signal.SIGINT, 130), (signal.SIGTERM, 143)]:
    rep = os.path.join(work, sig.name + ".json")
    tl = os.path.join(work, sig.name + ".vcd")
    html = os.path.join(work, sig.name + ".html")
    st, err = interrupt([pmsim, "run", "--summary", "--report", rep, "--timeline", tl,
                         "--html", html, elf, "--", "quiet workload start constant"], sig)
    if st != status:
        fail("%s: status %d, want %d: %s" % (sig.name, st, status, err))
    if ("pmsim: interrupted by %s: the run stopped at " % sig.name) not in err:
        fail("%s: no message: %s" % (sig.name, err))
    if "pmsim power report" not in err:
        fail("%s: --summary was not written" % sig.name)
    doc = json.load(open(rep))
    if not doc["outcome"].startswith("interrupted by " + sig.name) or \
            doc["exit_status"] != status or not doc["sim_time_s"] > 0.1:
        fail("%s: report %r" % (sig.name, {k: doc[k] for k in ("outcome", "exit_status",
                                                                 "sim_time_s")}))
    # The HTML report is whole (well-formed) and says how the run ended.
    import xml.dom.minidom
    xml.dom.minidom.parse(html)
    if ("interrupted by " + sig.name) not in open(html, encoding="utf-8").read():
        fail("%s: the HTML report does not say the run was interrupted" % sig.name)
    # The timeline covers the time simulated: it integrates to the report.
    chk = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__),
                                                       "check_timeline.py"), rep, tl],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if chk.returncode:
        fail("%s: the timeline: %s" % (sig.name, chk.stdout))
leftovers = [f for f in os.listdir(work) if ".tmp." in f]
if leftovers:
    fail("temporary files left: %r" % leftovers)

lua = os.path.join(work, "long.lua")
with open(lua, "w") as f:
    f.write('machine { image = "%s", args = "quiet workload start constant" }\n' % elf)
    f.write('run_for("1000 s")\n')
st, err = interrupt([pmsim, "scenario", "--quiet", "--output", os.path.join(work, "scen"), lua],
                    signal.SIGINT)
if st != 130 or "run_for: the run ended: interrupted by SIGINT" not in err:
    fail("scenario: status %d: %s" % (st, err))
res = json.load(open(os.path.join(work, "scen", "result.json")))
rep = json.load(open(os.path.join(work, "scen", "report.json")))
if res["exit_status"] != 130 or not rep["outcome"].startswith("interrupted by SIGINT"):
    fail("scenario outputs: %r %r" % (res["exit_status"], rep["outcome"]))
print("interrupt: runs and scenarios stop with their reports, 130 and 143")
