#!/usr/bin/env python3
"""The power-management scenarios of docs/pmfw.md ("Scenarios"), driven as
a user drives them: commands typed into pmfw's shell through --uart-in,
then the sysfs files the session printed and the JSON report compared
with what the documentation says.

    pmfw_scenarios.py PMSIM IMAGE DEFAULT_DTS MCU_DTS

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


def session(pmsim, image, dts, lines, *args):
    """(status, console output, report) of a shell session."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "input.txt")
        rep = os.path.join(tmp, "report.json")
        with open(inp, "w") as f:
            f.write("\n".join(lines) + "\n")
        p = subprocess.run([pmsim, "run", "--no-host", "--config", dts, "--uart-in", inp,
                            "--report", rep, *args, image, "--", "quiet"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=600)
        report = None
        if os.path.exists(rep):
            with open(rep) as f:
                report = json.load(f)
        check(p.returncode == 0, f"{lines}: status {p.returncode}\n{p.stdout}{p.stderr}")
        return p.stdout, report


def answers(out):
    """What each command printed: {command line: output}."""
    res, cmd = {}, None
    for line in out.splitlines():
        if line.startswith("# "):
            cmd = line[2:]
            res.setdefault(cmd, "")
        elif cmd is not None:
            res[cmd] += line + "\n"
    return res


DMA = "/sys/devices/platform/soc/40030000.dma/power"
PERIPH = "/sys/kernel/debug/pm_genpd/periph/current_state"


def runtime_suspend_default(pmsim, image, dts):
    """A device kept active from user space, then let go: it runtime-
    suspends, and its domain (periph, which it shares with the unbound or
    suspended ADC) turns off; the report's residency says so."""
    out, r = session(pmsim, image, dts, [
        f"echo on > {DMA}/control",
        "sleep 1",
        f"cat {DMA}/control {DMA}/runtime_status {PERIPH}",
        f"echo auto > {DMA}/control",
        "sleep 1",
        f"cat {DMA}/control {DMA}/runtime_status {PERIPH}",
        "exit",
    ])
    cat = f"cat {DMA}/control {DMA}/runtime_status {PERIPH}"
    blocks = re.findall(re.escape("# " + cat) + r"\n(.*?)\n(?=# )", out, re.S)
    check(blocks == ["on\nactive\non", "auto\nsuspended\noff-0"],
          f"runtime-suspend: sysfs said {blocks}\n{out}")
    if r:
        p = r["domains"]["periph"]
        check(p["off_entries"] == 2, f"runtime-suspend: periph off {p['off_entries']} times, "
              "wanted 2 (after boot, after auto)")
        check(0.98 < p["off_s"] < 1.2, f"runtime-suspend: periph off {p['off_s']} s, wanted "
              "the second sleep (and the moment before the first echo)")


def qos_keeps_domain_on(pmsim, image, dts):
    """A resume-latency request shorter than the domain's power-off and
    power-on latency: the device still runtime-suspends, but the domain's
    governor keeps the domain on; once the request is gone, the next
    suspend powers it off."""
    ctl = f"{DMA}/control"
    cat = f"cat {DMA}/runtime_status {PERIPH}"
    out, r = session(pmsim, image, dts, [
        f"echo on > {ctl}",
        "qos add resume_latency 40030000.dma 1",
        f"echo auto > {ctl}",
        "sleep 1",
        cat,
        "qos",
        "qos remove 1",
        f"echo on > {ctl}",
        f"echo auto > {ctl}",
        "sleep 0.5",
        cat,
        "exit",
    ])
    blocks = re.findall(re.escape("# " + cat) + r"\n(.*?)\n(?=# )", out, re.S)
    check(blocks == ["suspended\non", "suspended\noff-0"], f"QoS: sysfs said {blocks}\n{out}")
    check("resume_latency  40030000.dma                     1\n" in out, f"QoS: the list\n{out}")
    if r:
        p = r["domains"]["periph"]
        check(p["off_entries"] == 2 and 0.45 < p["off_s"] < 0.7,
              f"QoS: periph {p}, wanted off after boot and for the last 0.5 s only")


def clock_rate_default(pmsim, image, dts):
    """The peripherals' clock halved: the UART's clock follows, the console
    keeps its baud rate (the PL011 driver's notifier), the session goes on
    intact."""
    clk = "/sys/kernel/debug/clk"
    out, _ = session(pmsim, image, dts, [
        f"echo 12000000 > {clk}/periph_clk/clk_rate",
        f"cat {clk}/periph_clk/clk_rate {clk}/uart0_clk/clk_rate",
        "cat /sys/kernel/debug/clk/clk_summary",
        "echo the console still reads and writes at 115200 baud",
        "exit",
    ])
    a = answers(out)
    check(a.get(f"cat {clk}/periph_clk/clk_rate {clk}/uart0_clk/clk_rate") == "12000000\n12000000\n",
          f"clock rate: {a}")
    check(re.search(r"^       uart0_clk\s+1\s+1\s+0\s+12000000 ", out, re.M) is not None,
          "clock rate: clk_summary does not show uart0_clk at 12 MHz")
    check("the console still reads and writes at 115200 baud\n" in out,
          f"clock rate: the console after the change\n{out}")


def clock_rate_mcu(pmsim, image, dts):
    """The MCU's core moved from its 16 MHz oscillator to the PLL (48 MHz):
    the PLL is prepared and locked before the switch (the CPU clock is
    critical), and the report's operating-point table shows the second
    at 48 MHz."""
    clk = "/sys/kernel/debug/clk"
    out, r = session(pmsim, image, dts, [
        f"cat {clk}/sysclk/clk_possible_parents {clk}/sysclk/clk_rate",
        f"echo 1 > {clk}/sysclk/clk_parent",
        f"cat {clk}/sysclk/clk_parent {clk}/sysclk/clk_rate {clk}/pll/clk_prepare_enable",
        "sleep 1",
        "exit",
    ])
    a = answers(out)
    check(a.get(f"cat {clk}/sysclk/clk_possible_parents {clk}/sysclk/clk_rate")
          == "hsi16 pll\n16000000\n", f"MCU clock: before: {a}")
    check(a.get(f"cat {clk}/sysclk/clk_parent {clk}/sysclk/clk_rate {clk}/pll/clk_prepare_enable")
          == "pll\n48000000\n1\n", f"MCU clock: after: {a}")
    if r:
        opps = {o["hz"] // 1000000: o for o in r["cpus"][0]["opps"]}
        check(48 in opps and 1.0 < opps[48]["time_s"] < 1.1,
              f"MCU clock: time at 48 MHz {opps.get(48)}")


IIO = "/sys/bus/iio/devices/iio:device0"
ADC = "/sys/devices/platform/soc/40008000.adc/power/runtime_status"


def adc_stream_default(pmsim, image, dts):
    """The sensor streamed by DMA at 2 kHz through IIO's sysfs, under
    --coherency=fatal: while the buffer is enabled the ADC is active and
    the peripherals' domain on; after, both go back to sleep; the driver
    saw every sample in sequence, and the checker nothing wrong."""
    out, r = session(pmsim, image, dts, [
        f"echo 2000 > {IIO}/sampling_frequency",
        f"echo 1 > {IIO}/scan_elements/in_voltage0_en",
        f"echo 1 > {IIO}/buffer/enable",
        "sleep 1",
        f"cat {ADC} {PERIPH}",
        f"echo 0 > {IIO}/buffer/enable",
        "sleep 0.2",
        f"cat {ADC} {PERIPH} /sys/kernel/debug/pmsim-adc/sequence_errors",
        "exit",
    ], "--coherency=fatal")
    a = answers(out)
    check(a.get(f"cat {ADC} {PERIPH}") == "active\non\n", f"ADC streaming: {a}")
    check(a.get(f"cat {ADC} {PERIPH} /sys/kernel/debug/pmsim-adc/sequence_errors")
          == "suspended\noff-0\n0\n", f"ADC after streaming: {a}")
    if r:
        check(all(v == 0 for v in r["coherency"]["counts"].values()),
              f"ADC streaming: coherency {r['coherency']['counts']}")
        p = r["domains"]["periph"]
        check(p["on_s"] > 1.0 and p["off_entries"] >= 2,
              f"ADC streaming: periph {p}, wanted on while streaming, off before and after")


def adc_absent_mcu(pmsim, image, dts):
    """The MCU has no ADC: no IIO device, and the adc workload refuses."""
    out, _ = session(pmsim, image, dts, [
        "ls /sys/bus/iio/devices",
        "workload start adc",
        "exit 0",
    ])
    a = answers(out)
    check(a.get("ls /sys/bus/iio/devices") == "", f"MCU: IIO devices {a}")
    check(a.get("workload start adc") == "workload: start adc: No such device\n",
          f"MCU: adc workload {a}")


def main():
    pmsim, image, default_dts, mcu_dts = sys.argv[1:5]
    runtime_suspend_default(pmsim, image, default_dts)
    qos_keeps_domain_on(pmsim, image, default_dts)
    clock_rate_default(pmsim, image, default_dts)
    clock_rate_mcu(pmsim, image, mcu_dts)
    adc_stream_default(pmsim, image, default_dts)
    adc_absent_mcu(pmsim, image, mcu_dts)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
