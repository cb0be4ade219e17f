#!/usr/bin/env python3
"""pmfw's workloads for governor studies (docs/pmfw.md, "Workloads"):
their figures, read with `workload stats`, checked against what they
must mean. Sessions through --uart-in, as pmfw_workload.py drives them.

    pmfw_workloads.py CASE PMSIM IMAGE CONFIGS_DIR

CASE is one of:
 periodic     default SoC, 25 MHz: a duty that fits (50 units, ~1.7 ms of
              10 ms) misses nothing, one that cannot (400 units, ~13 ms)
              misses every deadline; a 1 ms deadline is missed by every
              job of the first duty; duty 400 fits once the CPU clock is
              moved to the PLL (100 MHz) through the clk debugfs; jobs=N
              ends the run after exactly N jobs.
 periodic.mcu the same on the MCU (16 MHz: 50 units fit, 200 do not).
 interactive  the think times are the seed's: their count and total
              (exact, in µs) equal this script's own model of the
              documented generator and draws, for dist=exp and
              dist=uniform; another seed draws other ones; the bursts'
              latencies are at least their work's time.
 determinism  the same session (every workload of the default SoC, with
              seeds) twice: byte-identical console output.
 io           transfers complete and are checked (no error, bytes =
              transfers * kib KiB), the wait times are those of a DMA
              copy, under --coherency=fatal; the MCU refuses io (ENODEV).
 pipeline     the lines on the UART carry the sensor's sawtooth and its
              moving average exactly (this script computes both from k),
              one line every line_blocks blocks, nothing dropped, under
              --coherency=fatal; the MCU refuses pipeline (ENODEV).
 constant     iterations in the last second scale with the CPU's clock:
              x4 from 25 to 100 MHz on the default SoC (within 2 %).
 constant.mcu x3 in clock from 16 to 48 MHz on the MCU gives x2.5-3.0 in
              rate: its flash (40 ns) costs a wait state more at 48 MHz.
 cmdline      workload=NAME:P=V,... on the kernel command line starts
              the workload before the shell; bad ones are logged.
 errors       bad parameters, stats of a stopped or unknown workload.

Exits 0 when every check passes; prints each failure and exits 1.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pmfw_workload import check, failures, session  # noqa: E402

M32 = 0xFFFFFFFF


def stats(out, name):
    """The last `workload stats NAME` of a session: {key: value text}."""
    blocks = out.split("workload: " + name + "\n")
    if len(blocks) < 2:
        return {}
    figures = {}
    for line in blocks[-1].splitlines():
        m = re.match(r"^([a-z_]+): (.*)$", line)
        if not m or m.group(1) == "workload":
            break
        figures[m.group(1)] = m.group(2)
    return figures


def hist(text):
    """"n=3 min=1.000 ... mean=2.000 ms" -> {"n": 3, "min": 1.0, ...} (ms)."""
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", text or "")}


def num(figures, key):
    m = re.match(r"^(\d+)", figures.get(key, ""))
    return int(m.group(1)) if m else -1


# ---- the generator and draws of kernel/workload/random.h, as documented ----

def taus(s, a, b, c, d):
    return ((((s & c) << d) & M32) ^ ((((s << a) & M32) ^ s) >> b))


class Prandom:
    def __init__(self, seed):
        i = ((seed >> 32) ^ (seed << 10) ^ seed) & M32
        self.s = [i + m if i < m else i for m in (2, 8, 16, 128)]
        for _ in range(10):
            self.next()

    def next(self):
        s1, s2, s3, s4 = self.s
        self.s = [taus(s1, 6, 13, 4294967294, 18), taus(s2, 2, 27, 4294967288, 2),
                  taus(s3, 13, 21, 4294967280, 7), taus(s4, 3, 12, 4294967168, 13)]
        return self.s[0] ^ self.s[1] ^ self.s[2] ^ self.s[3]


def log2_q16(v):
    n = v.bit_length() - 1
    y = v << (31 - n) if n <= 31 else v >> (n - 31)
    r = n << 16
    bit = 1 << 15
    while bit:
        y = (y * y) >> 31
        if y >> 32:
            y >>= 1
            r |= bit
        bit >>= 1
    return r


def think_total_us(seed, dist, mean_ms, n):
    rnd, mean, total = Prandom(seed), mean_ms * 1000, 0
    for _ in range(n):
        x = rnd.next()
        if dist == "uniform":
            total += (x * (2 * mean + 1)) >> 32
        else:
            nl = (((32 << 16) - log2_q16(x + 1)) * 45426) >> 16
            total += (mean * nl + (1 << 15)) >> 16
    return total


def ms_to_us(text):
    a, b = text.split(".")
    return int(a) * 1000 + int(b)


# ---- the cases ---------------------------------------------------------------------

def periodic(pmsim, image, dts, cpu_clk, fit, overload, fast):
    """fit fits at the boot clock, overload does not; with `fast` written
    to the CPU clock's clk_parent, overload fits too."""
    run = ["workload start periodic period_ms=10 duty=%d duration_ms=2000" % fit,
           "sleep 2.1", "workload stats periodic", "workload stop periodic",
           "workload start periodic period_ms=10 duty=%d duration_ms=2000" % overload,
           "sleep 2.1", "workload stats periodic", "workload list", "workload stop periodic",
           "workload start periodic period_ms=10 duty=%d deadline_ms=1 duration_ms=1000" % fit,
           "sleep 1.1", "workload stats periodic", "workload stop periodic",
           "workload start periodic duty=%d jobs=37" % fit,
           "sleep 1", "workload stats periodic", "workload stop periodic"]
    if fast:
        run += ["echo 1 > /sys/kernel/debug/clk/%s/clk_parent" % cpu_clk,
                "workload start periodic period_ms=10 duty=%d duration_ms=2000" % overload,
                "sleep 2.1", "workload stats periodic", "workload stop periodic"]
    st, out, _ = session(pmsim, image, dts, run + ["exit"])
    check(st == 0, f"periodic: status {st}\n{out}")
    runs = out.split("workload: periodic\n")[1:]
    check(len(runs) == (5 if fast else 4), f"periodic: {len(runs)} stats, wanted 4-5\n{out}")
    figs = [stats("workload: periodic\n" + r, "periodic") for r in runs]
    if len(figs) < 4:
        return
    ok, over, tight, counted = figs[:4]
    # 2 s of 10 ms periods: 200 jobs (the last may not have completed).
    check(199 <= num(ok, "jobs") <= 201 and num(ok, "misses") == 0 and ok.get("state") == "done",
          f"periodic duty {fit}: {ok}, wanted ~200 jobs, none missed, done")
    r = hist(ok.get("response"))
    check(0 < r.get("max", 99) < 10 and r.get("n") == num(ok, "jobs"),
          f"periodic duty {fit}: response {r}, wanted all under 10 ms")
    # Overloaded: every job late, the response growing with each.
    check(num(over, "jobs") > 10 and num(over, "misses") == num(over, "jobs"),
          f"periodic duty {overload}: {over}, wanted every deadline missed")
    r2 = hist(over.get("response"))
    check(r2.get("min", 0) > 10 and r2.get("max", 0) > 10 * r2.get("min", 0),
          f"periodic duty {overload}: response {r2}, wanted > 10 ms and growing")
    check(num(over, "units") == overload * num(over, "jobs"),
          f"periodic duty {overload}: units {over.get('units')} for {over.get('jobs')} jobs")
    check("periodic    done" in out and "missed, response p50" in out,
          f"periodic: no summary line in workload list\n{out}")
    # A 1 ms deadline: the same duty's ~1.7 ms (or more) misses it each time.
    check(tight.get("deadline") == "1.000 ms" and num(tight, "jobs") > 90 and
          num(tight, "misses") == num(tight, "jobs"),
          f"periodic deadline_ms=1: {tight}, wanted every job missed")
    # jobs=37: exactly 37, done.
    check(num(counted, "jobs") == 37 and counted.get("state") == "done",
          f"periodic jobs=37: {counted}")
    if fast:
        f = figs[4]
        check(199 <= num(f, "jobs") <= 201 and num(f, "misses") == 0,
              f"periodic duty {overload} at the PLL's clock: {f}, wanted no miss")


def interactive(pmsim, image, dts):
    st, out, _ = session(pmsim, image, dts, [
        "workload start interactive burst=100 think_ms=40 seed=12345 duration_ms=3000",
        "sleep 3.1", "workload stats interactive", "workload stop interactive",
        "workload start interactive burst=100 think_ms=40 dist=uniform seed=12345 duration_ms=3000",
        "sleep 3.1", "workload stats interactive", "workload stop interactive",
        "workload start interactive burst=100 think_ms=40 seed=54321 duration_ms=3000",
        "sleep 3.1", "workload stats interactive", "workload stop interactive",
        "exit"])
    check(st == 0, f"interactive: status {st}\n{out}")
    runs = [stats("workload: interactive\n" + r, "interactive")
            for r in out.split("workload: interactive\n")[1:]]
    check(len(runs) == 3, f"interactive: {len(runs)} stats\n{out}")
    if len(runs) != 3:
        return
    totals = []
    for f, seed, dist in zip(runs, (12345, 12345, 54321), ("exp", "uniform", "exp")):
        m = re.match(r"n=(\d+) total=([\d.]+) ms", f.get("think", ""))
        check(m is not None, f"interactive {dist} {seed}: no think line {f}")
        if not m:
            continue
        n, total = int(m.group(1)), ms_to_us(m.group(2))
        want = think_total_us(seed, dist, 40, n)
        check(total == want, f"interactive {dist} seed {seed}: {n} think times total {total} µs, "
              f"the generator's model says {want}")
        # 3 s at about 40 ms of thinking and ~3.3 ms of work a burst.
        check(50 <= n <= 90, f"interactive {dist} seed {seed}: {n} think times in 3 s")
        bursts = num(f, "bursts")
        check(bursts in (n - 1, n), f"interactive: {bursts} bursts for {n} think times")
        lat = hist(f.get("latency"))
        # 100 units at 25 MHz: ~3.3 ms; a latency includes the work.
        check(lat.get("n") == bursts and 3.0 < lat.get("min", 0) < lat.get("max", 0) < 10,
              f"interactive: latency {lat}")
        totals.append(total)
    if len(totals) == 3:
        check(totals[0] != totals[2], "interactive: two seeds drew the same think times")


def determinism(pmsim, image, dts):
    cmds = ["workload start periodic duty=60 duration_ms=1500",
            "workload start interactive seed=99 think_ms=30 duration_ms=1500",
            "workload start io kib=8 duration_ms=1500",
            "workload start pipeline hz=2000 line_blocks=10 duration_ms=1500",
            "workload start constant",
            "sleep 1.6", "workload list",
            "workload stats periodic", "workload stats interactive", "workload stats io",
            "workload stats pipeline", "workload stats constant", "workload stop all", "exit"]
    a = session(pmsim, image, dts, cmds)
    b = session(pmsim, image, dts, cmds)
    check(a[0] == 0 and b[0] == 0, f"determinism: status {a[0]}, {b[0]}\n{a[1]}")
    check(a[1] == b[1], "determinism: two runs of one session differ:\n"
          + "\n".join(f"{x!r}\n{y!r}" for x, y in zip(a[1].splitlines(), b[1].splitlines())
                      if x != y)[:3000])
    check("pipeline: k=" in a[1] and "think: n=" in a[1] and "response: n=" in a[1],
          f"determinism: the session printed no figures\n{a[1]}")


def io(pmsim, image, dts, mcu_dts):
    st, out, rep = session(pmsim, image, dts, [
        "workload start io kib=16 work=10 duration_ms=2000", "sleep 2.1",
        "workload stats io", "workload list", "exit"], fatal=True)
    check(st == 0, f"io: status {st} (--coherency=fatal)\n{out}")
    f = stats(out, "io")
    n = num(f, "transfers")
    check(n > 100 and num(f, "errors") == 0 and num(f, "bytes") == n * 16 * 1024,
          f"io: {f}, wanted >100 checked transfers of 16 KiB")
    w = hist(f.get("wait"))
    # 16 KiB by the PL080 (byte bursts at the AHB's 25 MHz): longer than
    # the wake-up, much shorter than the 1 s timeout.
    check(w.get("n") == n and 0.1 < w.get("min", 0) <= w.get("p50", 0) < 100,
          f"io: wait {w}")
    check("KiB, wait p50" in out, f"io: no summary line\n{out}")
    if rep:
        check(all(v == 0 for v in rep["coherency"]["counts"].values()),
              f"io: coherency events {rep['coherency']['counts']}")
    st, out, _ = session(pmsim, image, mcu_dts, ["workload start io", "exit"])
    check("workload: start io: No such device" in out, f"io on the MCU\n{out}")


def pipeline_avg(k, taps):
    total = sum((16 * j) % 4096 for j in range(k - taps + 1, k + 1) if j >= 0)
    return (total + taps // 2) // taps


def pipeline(pmsim, image, dts, mcu_dts):
    # (Lines whose window crosses the sawtooth's wrap check the filter; 8 of
    # these 125 need its rounding.)
    hz, block, taps, every = 2000, 16, 25, 3
    st, out, rep = session(pmsim, image, dts, [
        f"workload start pipeline hz={hz} block={block} taps={taps} line_blocks={every} "
        "duration_ms=3000",
        "sleep 3.2", "workload stats pipeline", "workload list", "exit"], fatal=True)
    check(st == 0, f"pipeline: status {st} (--coherency=fatal)\n{out}")
    f = stats(out, "pipeline")
    lines = re.findall(r"pipeline: k=(\d+) raw=(\d+) avg=(\d+)\n", out)
    blocks = num(f, "blocks")
    check(num(f, "lines") == len(lines) == blocks // every and len(lines) > 20,
          f"pipeline: {len(lines)} lines on the UART, stats {f}, wanted blocks/{every}")
    for i, (k, raw, avg) in enumerate(lines):
        k, raw, avg = int(k), int(raw), int(avg)
        want_k = (i + 1) * every * block - 1
        if (k, raw, avg) != (want_k, (16 * want_k) % 4096, pipeline_avg(want_k, taps)):
            check(False, f"pipeline: line {i}: k={k} raw={raw} avg={avg}, wanted k={want_k} "
                  f"raw={(16 * want_k) % 4096} avg={pipeline_avg(want_k, taps)}")
            break
    # 3 s at 2 kHz.
    # (The block completed as the run ends may be left unprocessed.)
    check(5900 <= num(f, "samples") <= 6000 and
          0 <= num(f, "samples") // block - blocks <= 1,
          f"pipeline: {f}, wanted ~6000 samples in blocks of {block}")
    check(num(f, "errors") == 0 and num(f, "dropped") == 0, f"pipeline: {f}")
    p = hist(f.get("processing"))
    check(p.get("n") == blocks and 0 < p.get("max", 0) < 12, f"pipeline: processing {p}")
    if rep:
        check(all(v == 0 for v in rep["coherency"]["counts"].values()),
              f"pipeline: coherency events {rep['coherency']['counts']}")
    st, out, _ = session(pmsim, image, mcu_dts, ["workload start pipeline", "exit"])
    check("workload: start pipeline: No such device" in out, f"pipeline on the MCU\n{out}")


def constant(pmsim, image, dts, cpu_clk, lo, hi):
    clk = f"/sys/kernel/debug/clk/{cpu_clk}"
    st, out, _ = session(pmsim, image, dts, [
        f"cat {clk}/clk_rate", "workload start constant work=10", "sleep 2.05",
        "workload stats constant", f"echo 1 > {clk}/clk_parent", f"cat {clk}/clk_rate",
        "sleep 2.05", "workload stats constant", "workload stop constant", "exit"])
    check(st == 0, f"constant: status {st}\n{out}")
    rates = [int(r) for r in re.findall(r"^(\d{7,})$", out, re.M)]
    seconds = re.findall(r"last_second: (\d+) iterations", out)
    check(len(rates) == 2 and len(seconds) == 2, f"constant: rates {rates}, {seconds}\n{out}")
    if len(rates) == 2 and len(seconds) == 2:
        clock, rate = rates[1] / rates[0], int(seconds[1]) / int(seconds[0])
        check(lo * clock <= rate <= hi * clock,
              f"constant: clock x{clock:.2f}, iterations in a second x{rate:.3f}, "
              f"wanted x{lo * clock:.2f}-{hi * clock:.2f}")


def cmdline(pmsim, image, dts):
    p = subprocess.run([pmsim, "run", "--no-host", "--config", dts, image, "--",
                        "quiet", "workload=periodic:duty=50,duration_ms=1000",
                        "workload=interactive:seed=3,dist=uniform,jobs=5", "workload=nosuch",
                        "workload=busy:run_ms=x", "--",
                        "sleep 1.2; workload stats periodic; workload stats interactive; "
                        "dmesg; poweroff"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    out = p.stdout
    check(p.returncode == 0, f"cmdline: status {p.returncode}\n{out}{p.stderr}")
    f = stats(out, "periodic")
    check(f.get("state") == "done" and f.get("parameters") ==
          "period_ms=10 duty=50 deadline_ms=0 duration_ms=1000" and num(f, "jobs") == 100,
          f"cmdline: periodic {f}")
    f = stats(out, "interactive")
    check(f.get("state") == "done" and num(f, "bursts") == 5 and "dist=uniform seed=3" in
          f.get("parameters", ""), f"cmdline: interactive {f}")
    for msg in ("workload: start nosuch: No such file or directory",
                "workload: start busy: run_ms: not a number: Invalid argument"):
        check(msg in out, f"cmdline: no '{msg}' in the log\n{out}")


def errors(pmsim, image, dts):
    st, out, _ = session(pmsim, image, dts, [
        "workload start interactive dist=gauss", "workload start periodic duty",
        "workload start periodic duration_ms=-1", "workload stats periodic",
        "workload stats nosuch", "workload start periodic jobs=3", "sleep 0.1",
        "workload list", "workload start periodic", "workload stats periodic",
        "workload stop periodic", "workload stats periodic", "workload", "exit"])
    for msg in ("workload: start interactive: dist: not one of exp|uniform: Invalid argument",
                "workload: start periodic: duty: no value: Invalid argument",
                "workload: start periodic: duration_ms: not a number: Invalid argument",
                "workload: stats periodic: No such process",
                "workload: stats nosuch: No such file or directory",
                "workload: start periodic: Device or resource busy",
                "Usage: workload list | start NAME [PARAM=VALUE]... | stats NAME | stop NAME|all",
                "; burst=200 units (0..10000000)",
                "dist=exp (exp|uniform)",
                "every one also takes duration_ms=0 and jobs=0"):
        check(msg in out, f"errors: no '{msg}'\n{out}")
    check(re.search(r"^periodic\s+done\s+3\s+0\s", out, re.M) is not None,
          f"errors: periodic jobs=3 not done with 3 jobs in the list\n{out}")
    check(out.count("workload: stats periodic: No such process") == 2,
          f"errors: stats after the stop\n{out}")


def main():
    case, pmsim, image, configs = sys.argv[1:5]
    default, mcu = os.path.join(configs, "default.dts"), os.path.join(configs, "mcu.dts")
    if case == "periodic":
        periodic(pmsim, image, default, "cpu_clk", 50, 400, True)
    elif case == "periodic.mcu":
        periodic(pmsim, image, mcu, "sysclk", 50, 200, False)
    elif case == "interactive":
        interactive(pmsim, image, default)
    elif case == "determinism":
        determinism(pmsim, image, default)
    elif case == "io":
        io(pmsim, image, default, mcu)
    elif case == "pipeline":
        pipeline(pmsim, image, default, mcu)
    elif case == "constant":
        constant(pmsim, image, default, "cpu_clk", 0.98, 1.02)
    elif case == "constant.mcu":
        constant(pmsim, image, mcu, "sysclk", 2.5 / 3, 1.0)
    elif case == "cmdline":
        cmdline(pmsim, image, default)
    elif case == "errors":
        errors(pmsim, image, default)
    else:
        print("unknown case", case)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
