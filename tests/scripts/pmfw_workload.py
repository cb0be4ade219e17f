#!/usr/bin/env python3
"""pmfw's workloads (docs/pmfw.md, "Workloads"), driven as a user drives
them: commands typed into the guest shell through --uart-in.

    pmfw_workload.py PMSIM IMAGE DEFAULT_DTS MCU_DTS

 - default SoC, under --coherency=fatal: `busy` (5 ms every 20 ms),
   `memcpy` (8 KiB by DMA every 50 ms) and `adc` (the sensor streamed by
   DMA at 2 kHz) run side by side for 2 s: the iterations match the
   periods and the rate, no copy or sample is wrong, the busy thread's run
   time is (most of) its duty cycle, the coherency checker has nothing to say, and
   stopping them leaves them stopped;
 - the MCU, which has neither a DMA controller nor an ADC: `memcpy` and
   `adc` refuse to start with ENODEV, `busy` runs;
 - bad input gets Linux's errors and the session goes on.

Exits 0 when every check passes; prints each failure and exits 1.
"""
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


def session(pmsim, image, dts, lines, fatal=False):
    """(status, console output, report) of a shell session."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "input.txt")
        rep = os.path.join(tmp, "report.json")
        with open(inp, "w") as f:
            f.write("\n".join(lines) + "\n")
        cmd = [pmsim, "run", "--no-host", "--config", dts, "--uart-in", inp,
               "--report", rep]
        if fatal:
            cmd.append("--coherency=fatal")
        p = subprocess.run(cmd + [image, "--", "quiet"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=600)
        report = None
        if os.path.exists(rep):
            with open(rep) as f:
                report = json.load(f)
        return p.returncode, p.stdout + p.stderr, report


def workloads(out):
    """Each `workload list` table: [{name: (state, iterations, errors)}]."""
    tables, cur = [], None
    for line in out.splitlines():
        if line.startswith("NAME ") and "ITERATIONS" in line:
            cur = {}
            tables.append(cur)
            continue
        m = re.match(r"^(\w+)\s+(running|stopped|ended)\s+(\S+)\s+(\S+)\s", line)
        if cur is not None and m:
            cur[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return tables


def main():
    pmsim, image, default_dts, mcu_dts = sys.argv[1:5]

    st, out, rep = session(pmsim, image, default_dts, [
        "workload start busy run_ms=5 period_ms=20",
        "workload start memcpy kib=8 period_ms=50",
        "workload start adc hz=2000",
        "sleep 2",
        "workload list",
        "ps",
        "workload stop busy",
        "workload stop memcpy",
        "workload stop adc",
        "workload list",
        "exit",
    ], fatal=True)
    check(st == 0, f"default: status {st}, wanted 0 (--coherency=fatal)\n{out}")
    t = workloads(out)
    check(len(t) == 2, f"default: {len(t)} workload tables, wanted 2\n{out}")
    if len(t) == 2:
        busy, mc = t[0].get("busy"), t[0].get("memcpy")
        check(busy and busy[0] == "running" and 99 <= int(busy[1]) <= 103
              and busy[2] == "0", f"default: busy after 2 s: {busy}, wanted ~100 iterations")
        check(mc and mc[0] == "running" and 39 <= int(mc[1]) <= 42 and mc[2] == "0",
              f"default: memcpy after 2 s: {mc}, wanted ~40 iterations, no error")
        adc = t[0].get("adc")
        # 2 kHz for 2 s, less what waits in the DMA period being filled
        # (32 samples) when the list is printed.
        check(adc and adc[0] == "running" and 3940 <= int(adc[1]) <= 4002 and adc[2] == "0",
              f"default: adc after 2 s at 2 kHz: {adc}, wanted ~4000 samples, no error")
        check(all(v[0] == "stopped" for v in t[1].values()) and len(t[1]) >= 3,
              f"default: after stop: {t[1]}")
        m = re.search(r"^\s*\d+\s+\d+\s+\S\s+(\d+\.\d+)\s+\d+\s+\d+\s+wl/busy$", out, re.M)
        check(m is not None, "default: no wl/busy in ps")
        if m and busy:
            want = int(busy[1]) * 0.005
            # Its 5 ms are wall time from the period's start: interrupts
            # and the other threads take some of them, and so does the
            # wake-up from the idle state the core slept in before (from
            # power-off, about 0.8 ms).
            check(0.6 * want <= float(m.group(1)) <= 1.01 * want,
                  f"default: wl/busy ran {m.group(1)} s, wanted 60-100 % of {want:.3f}")
    if rep:
        check(all(v == 0 for v in rep["coherency"]["counts"].values()),
              f"default: coherency events {rep['coherency']['counts']}")

    st, out, _ = session(pmsim, image, mcu_dts, [
        "workload start memcpy",
        "workload start adc",
        "workload start busy run_ms=1 period_ms=10",
        "sleep 1",
        "workload list",
        "exit",
    ])
    check("workload: start memcpy: No such device" in out,
          f"MCU: memcpy without a DMA controller\n{out}")
    check("workload: start adc: No such device" in out, f"MCU: adc without an ADC\n{out}")
    t = workloads(out)
    if t:
        busy = t[0].get("busy")
        check(busy and busy[0] == "running" and 99 <= int(busy[1]) <= 103,
              f"MCU: busy after 1 s: {busy}")
    check(st == 0, f"MCU: status {st}")

    st, out, _ = session(pmsim, image, default_dts, [
        "workload start nosuch",
        "workload start busy period_ms=0",
        "workload start busy run_ms=fast",
        "workload start busy depth=3",
        "workload stop busy",
        "workload start busy",
        "workload start busy",
        "workload stop all",
        "workload list",
        "exit",
    ])
    for msg in ("workload: start nosuch: No such file or directory",
                "workload: start busy: period_ms: out of range 1..100000: Invalid argument",
                "workload: start busy: run_ms: not a number: Invalid argument",
                "workload: start busy: depth: no such parameter: Invalid argument",
                "workload: stop busy: No such process",
                "workload: start busy: Device or resource busy"):
        check(msg in out, f"bad input: no '{msg}'\n{out}")
    t = workloads(out)
    check(t and t[-1].get("busy", ("",))[0] == "stopped", "bad input: busy not stopped by 'all'")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
