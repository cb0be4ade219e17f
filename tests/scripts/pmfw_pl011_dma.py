#!/usr/bin/env python3
"""The PL011's transmit DMA as the host sees it (docs/pmfw.md, the console
and its tty), every run under --coherency=fatal (a missing clean of the
bounce buffer, or a CPU write to a line the controller reads, stops the
run with status 127):

 - KUnit suite pl011-dma on the default SoC (by DMA) and the MCU (by
   interrupt): its 4 KiB blocks reach the host whole and in order, and
   the printk sent from a timer in the middle of the second block is one
   whole line, inside the block, which is intact around it;
 - a shell session through --uart-in that prints clk_summary three times:
   the same bytes as on the same SoC without DMA channels
   (tests/configs/pmfw_uart_pio.dts) but for the DMA controller's clock,
   enabled while the UART holds its channel; by DMA transfers there, none
   without; on the MCU, three identical copies; DMA-API debug counts no
   error on either.

    pmfw_pl011_dma.py PMSIM IMAGE SOURCE_DIR

Exits 0 when every check passes; prints each failure and exits 1.
"""
import os
import re
import subprocess
import sys
import tempfile

failures = []

LINES, LINE_LEN = 64, 64  # as drivers/tty/serial/amba-pl011_test.c
CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
MARKER = re.compile(r"\[ *\d+\.\d{6}\] pl011-dma: a console line in the middle of a transfer\n")
DBG = "/sys/kernel/debug/40004000.serial"
SUMMARY = "/sys/kernel/debug/clk/clk_summary"


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def block(tag):
    out = []
    for i in range(LINES):
        head = f"    # pl011-dma {tag}{i:02d} "
        out.append(head + "".join(CHARS[(i * 7 + j) % len(CHARS)]
                                  for j in range(len(head), LINE_LEN - 1)) + "\n")
    return "".join(out)


def run(args, uart_in=None):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = list(args)
        if uart_in is not None:
            path = os.path.join(tmp, "in")
            with open(path, "w") as f:
                f.write(uart_in)
            cmd[2:2] = ["--uart-in", path]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, text=True, timeout=600)
        return p.returncode, p.stdout, p.stderr


def kunit(pmsim, image, cfg, name):
    status, out, err = run([pmsim, "run", "--coherency=fatal", "--config", cfg, image, "--",
                            "quiet", "loglevel=7", "kunit.filter_glob=pl011-dma",
                            "kunit_shutdown=poweroff"])
    check(status == 0, f"{name}: KUnit status {status}\n{err}")
    check("# Totals: pass:4 fail:0 skip:0 total:4" in out, f"{name}: KUnit totals")
    check(block("A") in out, f"{name}: the first block is not intact")
    marks = list(MARKER.finditer(out))
    check(len(marks) == 1, f"{name}: {len(marks)} whole console lines, wanted 1")
    if len(marks) != 1:
        return
    m = marks[0]
    rest = out[:m.start()] + out[m.end():]
    b = block("B")
    at = rest.find(b)
    check(at >= 0, f"{name}: the second block is not intact around the console line")
    check(at < m.start() < at + len(b),
          f"{name}: the console line is not inside the second block")


def session(pmsim, image, cfg):
    text = f"cat {SUMMARY}\n" * 3 + f"cat {DBG}/dma_tx_transfers\n" \
        "cat /sys/kernel/debug/dma-api/error_count\nexit\n"
    status, out, err = run([pmsim, "run", "--coherency=fatal", "--config", cfg, image,
                            "--", "quiet"], uart_in=text)
    check(status == 0, f"{cfg}: session status {status}\n{err}")
    # The last commands' answers: the transfers, then the error count.
    tail = out.rsplit(f"# cat {DBG}/dma_tx_transfers\n", 1)
    check(len(tail) == 2, f"{cfg}: session output cut short:\n{out[-400:]}")
    if len(tail) != 2:
        return None, 0
    m = re.fullmatch(r"(\d+)\n# cat /sys/kernel/debug/dma-api/error_count\n0\n# exit\n",
                     tail[1])
    check(m is not None, f"{cfg}: session end {tail[1]!r}")
    return tail[0], int(m.group(1)) if m else 0


def main():
    pmsim, image, src = sys.argv[1:4]
    default = os.path.join(src, "configs/default.dts")
    mcu = os.path.join(src, "configs/mcu.dts")
    pio = os.path.join(src, "tests/configs/pmfw_uart_pio.dts")
    kunit(pmsim, image, default, "default SoC")
    kunit(pmsim, image, mcu, "MCU")

    dma_out, dma_n = session(pmsim, image, default)
    pio_out, pio_n = session(pmsim, image, pio)
    check(dma_n > 0, "default SoC: no DMA transfer")
    check(pio_n == 0, f"without dmas: {pio_n} DMA transfers")
    # The DMA controller's clock (and its bus's count) is enabled while a
    # transfer runs and until the controller autosuspends: those two lines
    # differ, nothing else.
    clocks = re.compile(r"^ +(ahb_clk|dma0_clk) .*$", re.M)
    check(dma_out is not None and pio_out is not None
          and clocks.sub(r"\1", dma_out) == clocks.sub(r"\1", pio_out),
          "default SoC: the session differs from the one without DMA")
    if dma_out:
        copies = clocks.sub(r"\1", dma_out).split(f"# cat {SUMMARY}\n")
        check(len(copies) == 4 and copies[1] == copies[2] == copies[3]
              and "    timer0_clk  " in copies[1] and copies[1].count("\n") > 10,
              "default SoC: three copies of the clk summary")
    mcu_out, mcu_n = session(pmsim, image, mcu)
    check(mcu_n == 0, f"MCU: {mcu_n} DMA transfers")
    if mcu_out:
        copies = mcu_out.split(f"# cat {SUMMARY}\n")
        check(len(copies) == 4 and copies[1] == copies[2] == copies[3]
              and " uart0_clk  " in copies[1],
              "MCU: three copies of the clk summary")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
