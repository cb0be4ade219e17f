#!/usr/bin/env python3
"""pmfw's thermal framework on a hot default SoC (docs/pmfw.md, "Thermal"):
the temperature sensor, the cpu-thermal zone, step_wise and the CPU's
cooling device, driven from the guest shell.

    pmfw_thermal.py PMSIM IMAGE DEFAULT_DTS

The SoC is configs/default.dts with its thermal model replaced by a
faster, hotter one: the default package and board take seconds to
minutes to warm (time constants of 5 s and 50 s) and the die's rise at
full load is a few kelvin, so the test's die has 0.2 mJ/K and 1000 K/W to
a small package and board (a time constant of 0.2 s, some 50 K at 400
MHz), at a high ambient. Everything else (the zone's trips at 85, 95 and
105 °C, the sensor, the OPPs) is the default SoC's.

 - throttling, ambient 50 °C: boost on, ondemand, the `constant` workload
   for 1.5 s. The die passes the passive trip (85 °C); the cooling device
   leaves state 0 (`cdev:cpufreq-cpu0` markers), the frequency falls below
   the top OPP after that, and every temperature the guest reads stays
   below 87 °C (the trip and the sensor's step). The same run with the
   zone disabled (mode) goes above 90 °C within 1 s, no cooling at all: the
   bound is the governor's;
 - critical, ambient 99 °C: the same load takes the die to 105 °C despite
   the throttling; the guest prints Linux's "critical temperature
   reached, shutting down", powers off (status 0) and the report has the
   `thermal:critical` marker with the temperature. Idle at that ambient
   for as long, the die stays below the critical trip (the load did it).

Exits 0 when every check passes; prints each failure and exits 1.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

failures = []

TZ = "/sys/class/thermal/thermal_zone0"
CD = "/sys/class/thermal/cooling_device0"
CF = "/sys/devices/system/cpu/cpu0/cpufreq"
BOOST = "/sys/devices/system/cpu/cpufreq/boost"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def hot_dts(default_dts, ambient_mc):
    """The default SoC's text with the test's thermal model."""
    with open(default_dts) as f:
        text = f.read()
    model = f"""thermal-model {{
		compatible = "pmsim,thermal-rc";
		pmsim,ambient-millicelsius = <{ambient_mc}>;
		pmsim,step-us = <1000>;
		pmsim,shutdown-millicelsius = <125000>;
		die {{
			pmsim,capacitance-microjoule-per-kelvin = <200>;
			pmsim,resistance-millikelvin-per-watt = <1000000>;
		}};
		package {{
			pmsim,capacitance-microjoule-per-kelvin = <200>;
			pmsim,resistance-millikelvin-per-watt = <100000>;
		}};
		board {{
			pmsim,capacitance-microjoule-per-kelvin = <500>;
			pmsim,resistance-millikelvin-per-watt = <100000>;
			pmsim,components = "dram", "panel", "backlight", "conversion";
		}};
	}};"""
    new, n = re.subn(r"thermal-model \{.*?\n\t\};", model, text, count=1, flags=re.S)
    if n != 1:
        raise SystemExit(f"{default_dts}: no thermal-model node to replace")
    # The figures below are for a core whose leakage hardly grows with the
    # temperature (doubling every 1000 °C, where the SoC's says so): at
    # 1000 K/W a faster growth would run away, which would test the leakage
    # model, not the governor.
    new = re.sub(r"(pmsim,leakage-doubling-millicelsius = )<\d+>;", r"\1<1000000>;", new)
    for need in ("thermal-zones", "cpu-passive", "#cooling-cells", "pmsim,tsens"):
        if need not in new:
            raise SystemExit(f"{default_dts}: no {need}")
    return new


def run(pmsim, image, dts_text, commands):
    """(status, console output, report) of a run whose init runs
    `commands` (one shell line)."""
    with tempfile.TemporaryDirectory() as tmp:
        dts = os.path.join(tmp, "hot.dts")
        rep = os.path.join(tmp, "report.json")
        with open(dts, "w") as f:
            f.write(dts_text)
        cmd = [pmsim, "run", "--no-host", "--config", dts, "--report", rep, image, "--",
               "quiet", "; ".join(commands)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=900)
        report = None
        if os.path.exists(rep):
            with open(rep) as f:
                report = json.load(f)
        return p.returncode, p.stdout + p.stderr, report


def markers(report, name):
    """[(time_s, arg)] of the report's markers called `name`."""
    if not report:
        return []
    return [(e["time_s"], e.get("arg")) for e in report["markers"]["events"]
            if e["name"] == name]


def temps(out):
    """Every temperature the guest printed (lines of 4-6 digits ending in
    a multiple of 250: `cat temp`)."""
    return [int(l) for l in out.splitlines()
            if re.fullmatch(r"\d{5,6}", l.strip()) and int(l) % 250 == 0]


def load(seconds, samples):
    """Shell commands: boost, ondemand, the constant workload, and the
    zone's temperature `samples` times over `seconds`."""
    cmds = [f"echo 1 > {BOOST}", f"echo ondemand > {CF}/scaling_governor",
            "workload start constant"]
    for _ in range(samples):
        cmds += [f"sleep {seconds / samples:g}", f"cat {TZ}/temp"]
    return cmds


def main():
    pmsim, image, default_dts = sys.argv[1:4]

    # ---- throttling ----
    dts = hot_dts(default_dts, 50000)
    st, out, rep = run(pmsim, image, dts, load(1.5, 6) + [
        "echo CDEV", f"cat {CD}/type {CD}/max_state {CD}/stats/total_trans",
        f"cat {CD}/stats/time_in_state_ms", "poweroff"])
    check(st == 0, f"throttling: status {st}")
    cdev = markers(rep, "cdev:cpufreq-cpu0")
    target = markers(rep, "cpufreq:target")
    check(any(arg >= 1 for _, arg in cdev), f"throttling: the cooling state never left 0: {cdev}")
    first = min((t for t, arg in cdev if arg >= 1), default=None)
    check(any(arg == 400000 for t, arg in target if first is None or t < first),
          "throttling: the load never ran at the top OPP (400 MHz) before the trip")
    check(first is not None and any(arg < 400000 for t, arg in target if t >= first),
          f"throttling: no frequency below 400 MHz after the passive trip: {target}")
    ts = temps(out)
    check(len(ts) == 6, f"throttling: {len(ts)} temperatures read, not 6: {ts}")
    check(ts and max(ts) >= 80000, f"throttling: the die never got near the trip: {ts}")
    check(ts and max(ts) < 87000, f"throttling: the temperature went past 87 °C: {ts}")
    m = re.search(r"^CDEV\n(\S+)\n(\d+)\n(\d+)$", out, re.M)
    check(m and m.group(1) == "cpufreq-cpu0" and m.group(2) == "4",
          "throttling: cooling_device0 is not cpufreq-cpu0 with max_state 4 (five OPPs)")
    check(m and int(m.group(3)) == len(cdev),
          f"throttling: total_trans is not the number of cdev markers ({len(cdev)})")
    m = re.search(r"^state1\t(\d+)$", out, re.M)
    check(m and int(m.group(1)) > 0, "throttling: no time in state 1")

    # The same without the zone: no cooling, and hotter.
    st, out, rep = run(pmsim, image, dts, [f"echo disabled > {TZ}/mode"] + load(1.0, 2) +
                       ["poweroff"])
    check(st == 0, f"uncooled: status {st}")
    check(not markers(rep, "cdev:cpufreq-cpu0"), "uncooled: the cooling device moved")
    ts = temps(out)
    check(ts and max(ts) > 90000, f"uncooled: the die did not go past 90 °C: {ts}")

    # ---- critical ----
    dts = hot_dts(default_dts, 99000)
    st, out, rep = run(pmsim, image, dts, load(1.0, 2) + ["echo still running", "poweroff"])
    check(st == 0, f"critical: status {st} (kernel_power_off ends with 0)")
    check("thermal thermal_zone0: cpu-thermal: critical temperature reached, shutting down"
          in out, "critical: no critical message")
    check("HARDWARE PROTECTION shutdown (Temperature too high)" in out,
          "critical: no hw_protection_shutdown message")
    check("reboot: Power down" in out, "critical: did not power off")
    check("still running" not in out, "critical: the shell outlived the shutdown")
    crit = markers(rep, "thermal:critical")
    check(len(crit) == 1 and crit[0][1] >= 105000,
          f"critical: the report's thermal:critical markers are {crit}")

    # Idle at the same ambient: below the critical trip.
    st, out, rep = run(pmsim, image, dts, ["sleep 1", f"cat {TZ}/temp", "poweroff"])
    check(st == 0, f"critical idle: status {st}")
    check(not markers(rep, "thermal:critical"), "critical idle: shut down without a load")
    ts = temps(out)
    check(ts and max(ts) < 105000, f"critical idle: {ts}")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
