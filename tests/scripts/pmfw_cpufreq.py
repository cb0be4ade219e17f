#!/usr/bin/env python3
"""cpufreq in the guest, switched from the shell, against pmsim's report.

1. The governors (both SoCs), in one session each: performance runs at
   the maximum, powersave at the minimum, userspace at what
   scaling_setspeed says; ondemand and schedutil go to the maximum under
   the `busy` workload (18 ms of work every 20 ms) and back to the minimum
   when it stops and the CPU idles; conservative climbs to the maximum in
   steps and comes down in steps while the CPU mostly sleeps.

2. Agreement (both SoCs): under ondemand, a second of `busy` (12 ms of
   20) and a second idle; the guest's stats (time_in_state,
   total_trans, trans_table, read at the end) against the report's OPP
   table of the same run (--report, docs/report.md). The accounting
   differences, each checked by its own bound:
   - time_in_state is in 10 ms units, rounded down: each OPP's guest
     time is up to 10 ms short of the report's;
   - the statistics start when cpufreq registers (at boot, about 0.1 s
     in) and end when they are read: the report's time at the boot OPP
     (the lowest, where the CPU also runs at the end) also holds the boot
     before registration and the few ms from the read to the end of the
     run; together less than half a second;
   - a change between two PLL frequencies runs the CPU from the
     oscillator while the PLL relocks (docs/devices/cmu.md): the report,
     which follows the clock, sees it pass through the oscillator's OPP
     (the lowest on both SoCs: 25 and 16 MHz), the guest does not. So
     the report's trans_table is the guest's with every PLL-to-PLL
     change a -> b made a -> osc -> osc -> b, exactly; and each such
     change moves the lock time (100 and 50 µs) from a to the
     oscillator's OPP, besides the voltage ramps (a few µs per change):
     0.2 ms per change is allowed each way.

    pmfw_cpufreq.py PMSIM IMAGE CONFIG_DIR

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import subprocess
import sys
import tempfile

C = "/sys/devices/system/cpu/cpu0/cpufreq"
failures = []
SOCS = {
    # table (kHz, non-boost), boost, the oscillator's OPP, a middle one
    "default": {"table": [25000, 50000, 100000, 200000], "boost": [400000], "osc": 25000,
                "mid": 100000},
    "mcu": {"table": [16000, 48000, 80000], "boost": [], "osc": 16000, "mid": 48000},
}
SLACK_PER_CHANGE_S = 0.0002


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return cond


def run(pmsim, image, config, cmds, report=None):
    """The output of a shell session typing `cmds` (the command line's
    1024 bytes would not hold them), without the prompts' echoes."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "input.txt")
        with open(inp, "w") as f:
            f.write("\n".join(cmds + ["exit"]) + "\n")
        args = [pmsim, "run", "--no-host", "--config", config, "--uart-in", inp]
        if report:
            args += ["--report", report]
        p = subprocess.run(args + [image, "--", "quiet"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=300)
    check(p.returncode == 0, f"{cmds[0][:60]}...: status {p.returncode}\n{p.stderr[-1500:]}")
    return [x for x in p.stdout.splitlines() if not x.startswith("# ")]


def governors(pmsim, image, config, soc):
    s = SOCS[soc]
    lo, hi, mid = s["table"][0], s["table"][-1], s["mid"]
    busy = "workload start busy run_ms=18 period_ms=20"
    cur = f"cat {C}/scaling_cur_freq"
    # Idle until the governor has seen it: a sleep, then a short one that
    # lets a deferred sample (ondemand's) run once more.
    idle = ["sleep 1", "sleep 0.05", "sleep 0.05"]
    steps = ["sleep 0.01"] * 40
    cmd = [
        f"cat {C}/scaling_available_frequencies {C}/scaling_driver {C}/affected_cpus",
        f"echo performance > {C}/scaling_governor", cur,
        f"echo powersave > {C}/scaling_governor", cur,
        f"echo userspace > {C}/scaling_governor", f"echo {mid} > {C}/scaling_setspeed", cur,
        f"cat {C}/scaling_setspeed",
        f"echo ondemand > {C}/scaling_governor", busy, "sleep 1", cur, "workload stop busy"
    ] + idle + [cur,
        f"echo schedutil > {C}/scaling_governor", busy, "sleep 1", cur, "workload stop busy"
    ] + idle + [cur,
        f"echo conservative > {C}/scaling_governor", busy, "sleep 2", cur,
        "workload stop busy"] + steps + [cur]
    out = run(pmsim, image, config, cmd)
    want = [" ".join(map(str, s["table"])) + " ", "cpufreq-dt", "0",
            str(hi), str(lo), str(mid), str(mid), str(hi), str(lo), str(hi), str(lo), str(hi),
            str(lo)]
    names = ["available frequencies", "driver", "affected_cpus", "performance", "powersave",
             "userspace setspeed", "userspace scaling_setspeed", "ondemand busy",
             "ondemand idle", "schedutil busy", "schedutil idle", "conservative busy",
             "conservative idle"]
    check(len(out) == len(want), f"{soc}: {len(out)} lines, wanted {len(want)}: {out}")
    for name, got, w in zip(names, out, want):
        if name == "ondemand idle":
            # Down from the maximum: each wake-up's first sample reuses the
            # load before the sleep (Linux's prev_load), and on the MCU the
            # shell's own work at 16 MHz is a third to a half of the next
            # sample: it settles at 48 MHz there, 25 MHz on the default SoC.
            check(got.isdigit() and int(got) < hi, f"{soc}: {name}: {got!r}, wanted below {hi}")
            continue
        check(got == w, f"{soc}: {name}: {got!r}, wanted {w!r}")


def agreement(pmsim, image, config, soc, tmp):
    s = SOCS[soc]
    path = os.path.join(tmp, f"{soc}.json")
    cmd = [
        f"echo ondemand > {C}/scaling_governor",
        "workload start busy run_ms=12 period_ms=20", "sleep 1", "workload stop busy",
        "sleep 1", "sleep 0.05",
        # userspace keeps the frequency the CPU has: nothing changes after
        # the statistics are read.
        f"echo userspace > {C}/scaling_governor",
        f"cat {C}/stats/time_in_state {C}/stats/total_trans {C}/stats/trans_table "
        f"{C}/scaling_cur_freq",
    ]
    out = run(pmsim, image, config, cmd, path)
    with open(path) as f:
        rep = json.load(f)
    freqs = s["table"] + s["boost"]
    n = len(freqs)
    try:
        tis = [tuple(map(int, x.split())) for x in out[:n]]
        total = int(out[n])
        rows = [list(map(int, x.split(":")[1].split())) for x in out[n + 3:n + 3 + n]]
        last = freqs.index(int(out[n + 3 + n]))
    except (ValueError, IndexError):
        check(False, f"{soc}: the guest printed {out}")
        return
    check([f for f, _ in tis] == freqs, f"{soc}: time_in_state's frequencies {tis}")
    cpu = rep["cpus"][0]
    opps = [o["hz"] // 1000 for o in cpu["opps"]]
    check(opps == freqs, f"{soc}: the report's OPPs {opps}, the guest's {freqs}")
    check(total == sum(map(sum, rows)), f"{soc}: total_trans {total} != trans_table's sum")
    check(total >= 4, f"{soc}: only {total} changes: ondemand did not follow the load")
    # The report's transitions: PLL-to-PLL changes pass by the oscillator.
    osc = freqs.index(s["osc"])
    want = [[0] * n for _ in range(n)]
    via_osc = [0] * n
    for a in range(n):
        for b in range(n):
            c = rows[a][b]
            if a != osc and b != osc:
                want[a][osc] += c
                want[osc][b] += c
                via_osc[a] += c
                via_osc[b] += c
            else:
                want[a][b] += c
    check(cpu["trans_table"] == want,
          f"{soc}: the report's trans_table {cpu['trans_table']}, from the guest's {want}")
    check(cpu["transitions"] == sum(map(sum, want)),
          f"{soc}: the report's {cpu['transitions']} changes, expected {sum(map(sum, want))}")
    # Times.
    rep_t = [o["time_s"] for o in cpu["opps"]]
    guest_t = [t * 0.01 for _, t in tis]
    changes = sum(via_osc) // 2
    for i in range(n):
        if i in (osc, last):
            continue
        slack = via_osc[i] * SLACK_PER_CHANGE_S + 0.0002 * sum(rows[i]) + 0.0002 * sum(
            r[i] for r in rows)
        d = rep_t[i] - guest_t[i]
        check(-slack <= d <= 0.01 + slack,
              f"{soc}: OPP {freqs[i]}: report {rep_t[i]:.6f} s, guest {guest_t[i]:.2f} s")
    # The boot (at the oscillator's OPP) and the tail after the read (at
    # the last OPP): together the rest of the run, under half a second.
    lock = changes * SLACK_PER_CHANGE_S
    extra = sum(rep_t[i] - guest_t[i] for i in {osc, last})
    check(-lock <= extra <= 0.5 + 0.02 + lock,
          f"{soc}: OPPs {freqs[osc]} and {freqs[last]}: report {rep_t[osc]:.6f} and "
          f"{rep_t[last]:.6f} s, guest {guest_t[osc]:.2f} and {guest_t[last]:.2f} s")
    for i in {osc, last}:
        check(rep_t[i] - guest_t[i] >= -lock,
              f"{soc}: OPP {freqs[i]}: report {rep_t[i]:.6f} s < guest {guest_t[i]:.2f} s")
    check(abs(sum(rep_t) - rep["sim_time_s"]) < 1e-9 or rep.get("suspend", {}).get("time_s"),
          f"{soc}: the OPP times do not add up to the run")


def main():
    pmsim, image, configs = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        for soc in SOCS:
            config = os.path.join(configs, f"{soc}.dts")
            governors(pmsim, image, config, soc)
            agreement(pmsim, image, config, soc, tmp)
    print(f"{len(failures)} failed" if failures else "all cpufreq checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
