#!/usr/bin/env python3
"""pmsim sweep: the cross product run on the local pool gives one CSV row
per point (its parameters, its status, the headline figures) and a JSON
of all reports; the Slurm script's array steps, run one by one with
SLURM_ARRAY_TASK_ID as Slurm would, then --collect, give the same CSV.

usage: scenario_sweep.py PMSIM SCENARIO WORK_DIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys

pmsim, lua, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def fail(msg):
    sys.exit("FAIL: " + msg)


def sh(args, status=0, env=None):
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    if r.returncode != status:
        fail("%s: status %d, want %d\n%s%s" % (" ".join(args), r.returncode, status, r.stdout,
                                               r.stderr))
    return r


local = os.path.join(work, "local")
r = sh([pmsim, "sweep", "--no-host", "-j", "2", "--output", local, lua])
if "4 points: 4 passed, 0 failed" not in r.stdout:
    fail("summary: " + r.stdout)
rows = list(csv.DictReader(open(os.path.join(local, "sweep.csv"))))
if [(x["point"], x["governor"], x["run_ms"], x["status"]) for x in rows] != [
        ("0", "performance", "2", "pass"), ("1", "performance", "8", "pass"),
        ("2", "powersave", "2", "pass"), ("3", "powersave", "8", "pass")]:
    fail("rows %r" % [(x["point"], x["governor"], x["run_ms"], x["status"]) for x in rows])
for col in ["sim_seconds", "total_j", "avg_w", "budget.avg_power"]:
    if col not in rows[0]:
        fail("no column " + col)
e = [float(x["total_j"]) for x in rows]
# More work costs more energy, at either governor; performance costs more.
if not (e[1] > e[0] and e[3] > e[2] and e[0] > e[2]):
    fail("energies %r" % e)
doc = json.load(open(os.path.join(local, "sweep.json")))
if doc["schema"] != "pmsim-sweep/1" or len(doc["points"]) != 4 or \
        doc["points"][3]["params"] != {"governor": "powersave", "run_ms": "8"} or \
        doc["points"][3]["report"]["schema"] != "pmsim-report/2" or \
        doc["points"][3]["result"]["status"] != "pass":
    fail("sweep.json: %r" % {k: doc[k] for k in ("schema", "params")})

# The Slurm path: the script's array indexing, step by step.
sl = os.path.join(work, "slurm")
sh([pmsim, "sweep", "--no-host", "--emit-slurm", sl, lua])
script = open(os.path.join(sl, "sweep.sbatch")).read()
if "#SBATCH --array=0-3\n" not in script:
    fail("array: " + script)
for i in range(4):
    sh(["sh", os.path.join(sl, "sweep.sbatch")], env=dict(os.environ, SLURM_ARRAY_TASK_ID=str(i)))
sh([pmsim, "sweep", "--collect", sl])
if open(os.path.join(sl, "sweep.csv"), "rb").read() != \
        open(os.path.join(local, "sweep.csv"), "rb").read():
    fail("the Slurm steps' CSV differs from the local sweep's")
# A step not run: collected as missing, status 1.
part = os.path.join(work, "partial")
sh([pmsim, "sweep", "--no-host", "--emit-slurm", part, lua])
sh(["sh", os.path.join(part, "sweep.sbatch")], env=dict(os.environ, SLURM_ARRAY_TASK_ID="0"))
r = sh([pmsim, "sweep", "--collect", part], status=1)
if "3 points without a result" not in r.stdout:
    fail("partial collect: " + r.stdout)
# Bad use.
sh([pmsim, "sweep", "--point", "9", "--output", part, lua], status=64)
sh([pmsim, "sweep", "--collect", os.path.join(work, "nosuch")], status=66)
print("sweep: CSV, JSON and the Slurm steps agree")
