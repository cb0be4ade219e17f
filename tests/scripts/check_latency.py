#!/usr/bin/env python3
"""Latency series in the report (docs/report.md "Latency") against figures
that follow from configs/default.dts and the timing model.

    check_latency.py idle PMSIM IMAGE WFI RET OFF MHZ UV0 UV1 RAMP LOCK [-- ARGS]
        firmware/tests/pm/idle_latency.c (run with ARGS), whose states have
        the exit latencies WFI, RET and OFF (us), at MHZ: the wake-ups from wfi and
        retention are exit + the 12-cycle exception entry, exactly (the
        handler's first instruction is the first one after the wake-up);
        the power-off state's shortest is its exit alone (the warm boot's
        first instruction, no entry); the timer's interrupt, taken at once
        on the wfi wake-up, is exit + 12 cycles from the expiry. The DVFS
        step the image makes first (pm_set_opp to MHZ): the ramp from UV0
        to UV1 uV at RAMP uV/us, then the PLL's LOCK us, plus the guest's
        polls and its library code between them (under 2 us at 25 MHz).
    check_latency.py suspend PMSIM IMAGE ENABLE STARTUP RELOCK EXIT [-- ARGS]
        firmware/tests/pm/suspend.c: its one wake-up from system suspend
        is the core rail's ENABLE ramp (us), the oscillators' crystal
        STARTUP (us), the PLLs' RELOCK (us, 0 with no PLL running) and the
        deepest state's EXIT latency, exactly (the first instruction is
        the warm-boot vector's).
    check_latency.py irq PMSIM IMAGE MHZ [-- ARGS]
        firmware/tests/pm/irq_latency.c: ten timer interrupts taken while
        the core runs NOPs at MHZ: each 12 cycles plus the rest of the
        instruction in flight (under two cycles), from the expiry; the
        expiries fall at every phase of the core's cycle, so not all are 12.
    check_latency.py dma PMSIM IMAGE BEAT_NS TXS_NS [-- ARGS]
        firmware/tests/dma/timing.c: its longest transfer is 1024 words
        SRAM <- DRAM in self-refresh, 2048 beats of BEAT_NS plus tXS; its
        empty items complete without bus time (0).

Each run writes --report --no-host; the whole report is validated by
check_report.py too. Exits 0 when every check passes, else prints each
failure and exits 1.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_report as cr  # noqa: E402

US = 10**6
NS = 10**3


def run(pmsim, image, args, tmp):
    path = os.path.join(tmp, "report.json")
    p = subprocess.run([pmsim, "run", "--no-host", "--report", path, image, "--"] + args,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    if p.returncode != 0:
        cr.fail(f"{image} exited {p.returncode}: {p.stderr.strip()}")
        return None
    r = cr.load(path)[1]
    if r is not None:
        cr.check_schema(r, host=False)
    return r


def series(r, kind, name):
    for v in r.get("latency") or []:
        if v.get("kind") == kind and v.get("name") == name:
            return v
    cr.fail(f"no latency series {kind} {name!r}; there are "
            f"{[(v.get('kind'), v.get('name')) for v in r.get('latency') or []]}")
    return None


def figures(v):
    return {k: cr.ps(v.get(k + "_s")) for k in ("min", "max", "p50", "p90", "p99")}


def expect_exact(v, what, t, count=None):
    if v is None:
        return
    f = figures(v)
    if f["min"] != t or f["max"] != t:
        cr.fail(f"{what}: min {f['min']} ps, max {f['max']} ps; expected {t} ps exactly")
    if count is not None and int(v.get("count").text) != count:
        cr.fail(f"{what}: {v.get('count').text} samples, expected {count}")


def cmd_idle(pmsim, image, a, guest, tmp):
    wfi, ret, off, mhz, uv0, uv1, ramp, lock = (int(x) for x in a)
    cycle = US // mhz
    entry = 12 * cycle
    r = run(pmsim, image, guest, tmp)
    if r is None:
        return
    expect_exact(series(r, "wakeup", "wfi"), "wakeup wfi", wfi * US + entry, 2)
    expect_exact(series(r, "wakeup", "retention"), "wakeup retention", ret * US + entry, 1)
    v = series(r, "wakeup", "power-off")
    if v is not None and figures(v)["min"] != off * US:
        cr.fail(f"wakeup power-off: min {figures(v)['min']} ps, expected {off * US}")
    v = series(r, "irq", "timer@40005000 (irq 1)")
    if v is not None and figures(v)["min"] != wfi * US + entry:
        cr.fail(f"irq timer: min {figures(v)['min']} ps, expected {wfi * US + entry}")
    v = series(r, "dvfs", f"{mhz} MHz")
    if v is not None:
        want = (uv1 - uv0) * US // ramp + lock * US
        got = figures(v)["min"]
        if int(v.get("count").text) != 1 or not want <= got < want + 2 * US:
            cr.fail(f"dvfs {mhz} MHz: {got} ps, expected {want} ps (ramp + lock) "
                    f"plus under 2 us of polling")


def cmd_suspend(pmsim, image, a, guest, tmp):
    enable, startup, relock, ex = (int(x) for x in a)
    r = run(pmsim, image, guest, tmp)
    if r is not None:
        expect_exact(series(r, "wakeup", "suspend"), "wakeup suspend",
                     (enable + startup + relock + ex) * US, 1)


def cmd_irq(pmsim, image, a, guest, tmp):
    mhz = int(a[0])
    cycle = US // mhz
    r = run(pmsim, image, guest, tmp)
    v = series(r, "irq", "timer@40005000 (irq 1)") if r else None
    if v is None:
        return
    f = figures(v)
    if int(v.get("count").text) != 10 or not 12 * cycle <= f["min"] <= f["max"] < 14 * cycle:
        cr.fail(f"irq timer while running: {v.get('count').text} samples in "
                f"[{f['min']}, {f['max']}] ps, expected 10 in [{12 * cycle}, {14 * cycle}) ps")
    # The expiries fall at every phase of the core's cycle: measured from
    # the expiry, not from where the core noticed it, they cannot all be
    # 12 cycles.
    if f["max"] == 12 * cycle:
        cr.fail("irq timer while running: every sample is exactly 12 cycles; the wait "
                "for the end of the instruction in flight is missing")


def cmd_dma(pmsim, image, a, guest, tmp):
    beat, txs = int(a[0]), int(a[1])
    r = run(pmsim, image, guest, tmp)
    v = series(r, "dma", "dma@40030000 ch0") if r else None
    if v is None:
        return
    f = figures(v)
    want = 2048 * beat * NS + txs * NS
    if f["min"] != 0 or f["max"] != want:
        cr.fail(f"dma ch0: min {f['min']} ps, max {f['max']} ps; expected 0 and {want} ps")


def main():
    cmds = {"idle": (cmd_idle, 8), "suspend": (cmd_suspend, 4), "irq": (cmd_irq, 1),
            "dma": (cmd_dma, 2)}
    argv = sys.argv[1:]
    guest = []
    if "--" in argv:
        guest = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    if len(argv) < 3 or argv[0] not in cmds or len(argv) != 3 + cmds[argv[0]][1]:
        sys.exit(__doc__)
    fn = cmds[argv[0]][0]
    with tempfile.TemporaryDirectory() as tmp:
        fn(argv[1], argv[2], argv[3:], guest, tmp)
    for f in cr.failures:
        print("FAIL:", f)
    if cr.failures:
        sys.exit(1)
    print(f"latency {sys.argv[1]}: all checks passed")


if __name__ == "__main__":
    main()
