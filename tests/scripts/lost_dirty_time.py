#!/usr/bin/env python3
"""The diagnostic of dirty D-cache lines lost at a power-off carries the
time the core powered off, not the time it woke up: the same time as the
coherency checker's `lost-dirty` event (docs/report.md), to the
microsecond the diagnostic shows, and earlier than the wake-up.

    lost_dirty_time.py PMSIM IMAGE [GUEST-ARGS...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    pmsim, image, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report.json")
        run = subprocess.run([pmsim, "run", "--no-host", "--report", path, image, "--"] + args,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, check=False)
        if run.returncode != 0:
            sys.exit(f"FAIL: status {run.returncode}\n{run.stderr.decode()}")
        with open(path, encoding="utf-8") as f:
            rep = json.load(f)
    diags = [d for d in rep["diagnostics"] if "dirty D-cache line" in d]
    events = [e for e in rep["coherency"]["events"] if e["kind"] == "lost-dirty"]
    if len(diags) != 1 or len(events) != 1:
        sys.exit(f"FAIL: wanted one diagnostic and one event, got {diags} and {events}")
    m = re.match(r"at (\d+)\.(\d{6}) s: ", diags[0])
    if not m:
        sys.exit(f"FAIL: the diagnostic has no time: {diags[0]}")
    diag_us = int(m.group(1)) * 1000000 + int(m.group(2))
    event_us = int(round(events[0]["time_s"] * 1e12)) // 1000000
    if diag_us != event_us:
        sys.exit(f"FAIL: the diagnostic says {diag_us} us, the power-off was at {event_us} us")
    # The core slept at least the test's 3 ms: the wake-up is well after.
    if rep["sim_time_s"] * 1e6 < diag_us + 3000:
        sys.exit("FAIL: the run is too short to tell the power-off from the wake-up")
    print(f"power-off at {diag_us} us in the diagnostic and in the coherency event")


if __name__ == "__main__":
    main()
