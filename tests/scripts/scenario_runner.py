#!/usr/bin/env python3
"""pmsim test: one line per case in the order found, a summary, status 1
when a case fails, JUnit XML that parses and counts right, and, with
--no-host, byte-identical output, JUnit and reports at -j1 and -j2.

usage: scenario_runner.py PMSIM SUITE_DIR WORK_DIR
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

pmsim, suite, work = sys.argv[1:4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def run(jobs, tag):
    out = os.path.join(work, tag)
    junit = os.path.join(work, tag + ".xml")
    r = subprocess.run([pmsim, "test", "--no-host", "-j", str(jobs), "--output", out,
                        "--junit", junit, suite], capture_output=True, text=True)
    return r, out, junit


def fail(msg):
    sys.exit("FAIL: " + msg)


r1, out1, j1 = run(1, "j1")
r2, out2, j2 = run(2, "j2")
if r1.returncode != 1:
    fail("status %d, want 1 (a case fails)\n%s%s" % (r1.returncode, r1.stdout, r1.stderr))
lines = [l for l in r1.stdout.splitlines() if not l.startswith(" ")]
want = ["PASS  suite/boot[image=pmfw] ", "PASS  suite/boot[image=pmfw-hz100] ",
        "PASS  suite/energy ", "FAIL  suite/failing "]
for w, l in zip(want, lines):
    if not l.startswith(w):
        fail("line %r, want it to start with %r\n%s" % (l, w, r1.stdout))
if lines[-1] != "4 scenarios: 3 passed, 1 failed, 0 errors":
    fail("summary %r" % lines[-1])
if "suite/failing.lua:5: hello exited with status 0" not in r1.stdout:
    fail("the failure's message is not shown:\n" + r1.stdout)

# Determinism: -j1 and -j2 say and write the same.
if r1.stdout != r2.stdout:
    fail("-j1 and -j2 print differently:\n%s\n---\n%s" % (r1.stdout, r2.stdout))
if open(j1, "rb").read() != open(j2, "rb").read():
    fail("JUnit differs between -j1 and -j2")
cmp = filecmp.dircmp(out1, out2)


def same(c, path=""):
    diff = c.diff_files + c.left_only + c.right_only
    (_, mismatch, errors) = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)
    if diff or mismatch or errors:
        fail("outputs differ in %s: %s" % (path or ".", diff + mismatch + errors))
    for name, sub in c.subdirs.items():
        same(sub, os.path.join(path, name))


same(cmp)
for case in ["suite/boot[image=pmfw]", "suite/energy", "suite/failing"]:
    if not os.path.isfile(os.path.join(out1, case, "report.json")):
        fail("no report.json for " + case)
for f in ["mid.json", "mid.txt"]:
    if not os.path.isfile(os.path.join(out1, "suite/boot[image=pmfw]", f)):
        fail("write_report did not write " + f)

# JUnit: well-formed, the counts, one failure with its message.
root = ET.parse(j1).getroot()
if root.tag != "testsuites" or root.get("tests") != "4" or root.get("failures") != "1" \
        or root.get("errors") != "0":
    fail("testsuites attributes %r" % root.attrib)
cases = root.findall("./testsuite/testcase")
if [c.get("name") for c in cases] != ["suite/boot[image=pmfw]", "suite/boot[image=pmfw-hz100]",
                                      "suite/energy", "suite/failing"]:
    fail("testcase names %r" % [c.get("name") for c in cases])
failures = root.findall("./testsuite/testcase/failure")
if len(failures) != 1 or "hello exited with status 0" not in failures[0].get("message"):
    fail("failure elements %r" % [f.attrib for f in failures])
props = {p.get("name"): p.get("value") for p in cases[0].findall("./properties/property")}
if "simulated_seconds" not in props or not props.get("budget.avg_power", "").endswith(": ok"):
    fail("properties %r" % props)
if any(c.get("time") is not None for c in cases):
    fail("--no-host JUnit has host times")
# Baselines: written, then met; a changed one fails its case with the table.
base = os.path.join(work, "baseline")
r = subprocess.run([pmsim, "test", "--no-host", "--baseline", base, "--update-baseline",
                    "--output", os.path.join(work, "b1"), suite], capture_output=True, text=True)
if not os.path.isfile(os.path.join(base, "suite", "energy.json")):
    fail("--update-baseline wrote no baseline:\n" + r.stdout + r.stderr)
r = subprocess.run([pmsim, "test", "--no-host", "--baseline", base, "--output",
                    os.path.join(work, "b2"), suite], capture_output=True, text=True)
if r.returncode != 1 or "3 passed, 1 failed" not in r.stdout:
    fail("against its own baseline: " + r.stdout)
p = os.path.join(base, "suite", "energy.json")
doc = json.load(open(p))
doc["energy"]["total_j"] *= 1.5
json.dump(doc, open(p, "w"))
r = subprocess.run([pmsim, "test", "--no-host", "--baseline", base, "--rel", "0.02", "--output",
                    os.path.join(work, "b3"), suite], capture_output=True, text=True)
if "2 passed, 2 failed" not in r.stdout or "1 figure past tolerance against the baseline" \
        not in r.stdout or "total_j" not in r.stdout:
    fail("a changed baseline: " + r.stdout)
print("runner: lines, summary, status, JUnit, outputs and baselines as expected, identical at -j1 and -j2")
