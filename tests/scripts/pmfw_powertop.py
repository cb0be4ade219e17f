#!/usr/bin/env python3
"""The shell's powertop (docs/pmfw.md, "powertop") and its agreement with
pmsim's report (docs/report.md, "Top causes of wake-ups").

    pmfw_powertop.py rows PMSIM IMAGE
    pmfw_powertop.py agree PMSIM IMAGE DTB COMMANDS [PMSIM-RUN-OPTIONS...]

rows: the RTC's alarm armed a second ahead and `powertop 2` on the
default SoC: the summary line; the RTC's row, "[2] rtc-pl031", woke the
core once in two seconds (0.5 wakeups/s); the shell's own measurement
sleep ends with the hrtimer callback hrtimer_wakeup, once (0.5); the rows
most wake-ups first; busy and idle add up to 100 %.

agree: COMMANDS (a shell command line that runs `powertop`) under
--report. The guest marks its interval (`powertop` BEGIN and END, with
its counters read between the same instructions); pmsim is deterministic,
so the same run cut at those two times (--until) gives the report's
counts at each edge, and their differences are the report's counts for
exactly the guest's interval. The guest's rows (a rate to a tenth per
second, times the marked interval, is its count: the interval is short
enough for that to be exact) must equal them: each interrupt's wake-ups
(the guest's "[N] NAME" is the report's device with line N in its
`interrupts`, as pmsim names them), each timer callback's, and the total.

Exits 0 when every check passes; prints each failure and exits 1.
"""
import decimal
import json
import os
import re
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


ROW = re.compile(r"^\s*([0-9.]+)\s+([0-9.]+)\s+(Interrupt|Timer)\s+(.+)$")


def parse(out):
    """The summary's two rates and the rows, in order."""
    m = re.search(r"^Summary: ([0-9.]+) wakeups/second, ([0-9.]+) events/second$", out, re.M)
    rows = []
    for line in out.splitlines():
        r = ROW.match(line)
        if r:
            rows.append({"events": r[1], "wakeups": r[2], "category": r[3], "desc": r[4]})
    return (m[1], m[2]) if m else None, rows


def rows_test(pmsim, image):
    p = subprocess.run([pmsim, "run", image, "--", "quiet echo +1 > /sys/class/rtc/rtc0/"
                        "wakealarm; powertop 2; poweroff"], capture_output=True, text=True)
    out = p.stdout
    print(out)
    check(p.returncode == 0, f"exit status {p.returncode}")
    summary, rows = parse(out)
    check(summary is not None, "a line 'Summary: N.N wakeups/second, N.N events/second'")
    check(re.search(r"^\s+Events/s\s+Wakeups/s\s+Category\s+Description$", out, re.M),
          "the table's header")
    byname = {r["desc"]: r for r in rows}
    rtc = byname.get("[2] rtc-pl031")
    check(rtc and rtc["wakeups"] == "0.5" and rtc["category"] == "Interrupt",
          "the RTC's row: 0.5 wake-ups/s ([2] rtc-pl031)")
    sleep = byname.get("hrtimer_wakeup")
    check(sleep and sleep["wakeups"] == "0.5" and sleep["category"] == "Timer",
          "powertop's own sleep: hrtimer_wakeup, 0.5 wake-ups/s")
    wk = [float(r["wakeups"]) for r in rows]
    check(wk == sorted(wk, reverse=True), "rows most wake-ups first")
    if summary:
        irq = sum(float(r["wakeups"]) for r in rows if r["category"] == "Interrupt")
        check(abs(float(summary[0]) - irq) < 0.15,
              "every wake-up is in one interrupt row: the summary's wake-ups are theirs")
        ev = sum(float(r["events"]) for r in rows)
        check(abs(float(summary[1]) - ev) < 0.05 * len(rows) + 0.05,
              "the summary's events are the rows' added up")
    busy = re.search(r"^  busy\s+([0-9.]+) %$", out, re.M)
    idle = re.search(r"^  idle\s+([0-9.]+) %$", out, re.M)
    check(busy and idle and abs(float(busy[1]) + float(idle[1]) - 100.0) < 0.01,
          "Idle stats: busy and idle add up to 100 %")


def irq_names(dtb):
    """NVIC line -> the device pmsim names it after (the first node with
    the line in its `interrupts`, in the tree's order)."""
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", dtb], check=True,
                         capture_output=True, text=True).stdout
    names, node = {}, None
    for line in dts.splitlines():
        m = re.match(r"\s*(?:[\w-]+:\s*)?([\w,.@-]+) \{$", line)
        if m:
            node = m[1]
        m = re.match(r"\s*interrupts = <([^>]*)>;", line)
        if m and node:
            for cell in m[1].split():
                names.setdefault(int(cell, 0), node)
    return names


def report(pmsim, image, cmds, opts, tmp, until=None):
    path = os.path.join(tmp, f"report-{until}.json")
    args = [pmsim, "run", "--no-host", "--report", path, *opts]
    if until is not None:
        args += ["--until", f"{until}ps"]
    p = subprocess.run(args + [image, "--", cmds], capture_output=True, text=True)
    with open(path) as f:
        return p, json.load(f, parse_float=decimal.Decimal)


def counts(r):
    irq = {k: v for k, v in r["wakeups"].items()}
    timer = {c["name"]: c["count"] for c in r["wakeup_causes"] if c["kind"] == "timer"}
    return irq, timer


def agree_test(pmsim, image, dtb, cmds, opts):
    with tempfile.TemporaryDirectory() as tmp:
        p, full = report(pmsim, image, cmds, opts, tmp)
        print(p.stdout)
        check(p.returncode == 0, f"exit status {p.returncode}")
        ev = [e for e in full["markers"]["events"] if e["name"] == "powertop"]
        check([e["kind"] for e in ev] == ["begin", "end"], "one `powertop` interval marked")
        if failures:
            return
        t0, t1 = (int(e["time_s"] * 10**12) for e in ev)
        _, r0 = report(pmsim, image, cmds, opts, tmp, t0)
        _, r1 = report(pmsim, image, cmds, opts, tmp, t1)
    # The cut runs are the full run up to their ends.
    check(r1["markers"]["events"] == full["markers"]["events"][:len(r1["markers"]["events"])]
          and r1["markers"]["events"][-1]["name"] == "powertop",
          "the run cut at the interval's end is the full run up to there")
    (i0, c0), (i1, c1) = counts(r0), counts(r1)
    rep_irq = {k: v - i0.get(k, 0) for k, v in i1.items() if v - i0.get(k, 0)}
    rep_timer = {k: v - c0.get(k, 0) for k, v in c1.items() if v - c0.get(k, 0)}
    interval = decimal.Decimal(t1 - t0) / 10**12

    def count(rate):
        return int((decimal.Decimal(rate) * interval).to_integral_value())

    summary, rows = parse(p.stdout)
    names = irq_names(dtb)
    guest_irq, guest_timer = {}, {}
    for r in rows:
        n = count(r["wakeups"])
        if not n:
            continue
        if r["category"] == "Interrupt":
            m = re.match(r"\[(\d+)\] ", r["desc"])
            check(m, f"an interrupt row names its line: {r['desc']}")
            if m:
                dev = names.get(int(m[1]), f"irq{m[1]}")
                guest_irq[dev] = guest_irq.get(dev, 0) + n
        else:
            guest_timer[r["desc"]] = guest_timer.get(r["desc"], 0) + n
    print(f"interval {interval} s")
    print("report: irq", rep_irq, "timer", rep_timer)
    print("guest:  irq", guest_irq, "timer", guest_timer)
    check(guest_irq == rep_irq, "each interrupt's wake-ups: the guest's are the report's")
    check(guest_timer == rep_timer, "each timer callback's wake-ups: the guest's are the report's")
    check(summary and count(summary[0]) == sum(rep_irq.values()),
          "the total: the guest's wake-ups are the report's")
    check(sum(rep_irq.values()) > 10 and len(rep_timer) >= 2,
          "the interval has wake-ups of several kinds to compare")


def main():
    mode = sys.argv[1]
    if mode == "rows":
        rows_test(sys.argv[2], sys.argv[3])
    else:
        agree_test(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
