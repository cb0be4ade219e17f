#!/usr/bin/env python3
"""The gdb stub (`pmsim run --gdb`, docs/debugging.md), driven by Debian's
gdb-multiarch and, for what gdb never sends, by hand over a raw socket.

usage: gdb_stub.py CASE PMSIM FW_DIR GDB_DIR WORK_DIR

Cases: session, watch, monitor, ctrlc, attach, raw, lockup, determinism, cli, fp.
Ports are always `--gdb 0`: the stub names the one it took on stderr, so
tests running side by side never collide. Exit 77 (skipped) only when
gdb-multiarch is missing and the case needs it.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading

case, pmsim, fw, gdbdir, work = sys.argv[1:6]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
TARGET = os.path.join(fw, "tests", "gdb_target.elf")
SPIN = os.path.join(fw, "tests", "spin.elf")
GDB = shutil.which("gdb-multiarch")
TIMEOUT = 120


def fail(msg):
    sys.exit("FAIL: " + msg)


class Pmsim:
    """pmsim run --gdb 0 ...: started, its port read from stderr."""

    def __init__(self, args):
        self.p = subprocess.Popen([pmsim, "run", "--gdb", "0"] + args, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err = []
        self.port = None
        for line in self.p.stderr:
            self.err.append(line)
            m = re.match(r"pmsim: gdb stub listening on 127\.0\.0\.1:(\d+)$", line.strip())
            if m:
                self.port = int(m.group(1))
                break
        if not self.port:
            self.p.wait()
            fail("no port announced: " + "".join(self.err))
        self.t = threading.Thread(target=lambda: self.err.extend(self.p.stderr))
        self.t.start()

    def finish(self):
        try:
            out = self.p.stdout.read()
            self.p.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            fail("pmsim did not end")
        self.t.join()
        return self.p.returncode, out, "".join(self.err)


def need_gdb():
    if not GDB:
        print("SKIP: gdb-multiarch is not installed")
        sys.exit(77)


def gdb_batch(port, script, image, extra=None):
    args = [GDB, "--batch", "-nx", "-ex", "target remote 127.0.0.1:%d" % port, "-x", script,
            image]
    r = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=TIMEOUT)
    return r.stdout + r.stderr


def expect(text, pattern, what):
    if not re.search(pattern, text, re.M):
        fail("%s: /%s/ not in:\n%s" % (what, pattern, text))


def sym(name):
    out = subprocess.run(["arm-none-eabi-nm", TARGET], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[2] == name:
            return int(f[0], 16)
    fail("no symbol " + name)


def script(name, **subst):
    text = open(os.path.join(gdbdir, name)).read()
    for k, v in subst.items():
        text = text.replace("@%s@" % k, v)
    path = os.path.join(work, name)
    open(path, "w").write(text)
    return path


def run_session():
    need_gdb()
    s = Pmsim(["--gdb-wait", TARGET])
    out = gdb_batch(s.port, script("session.gdb"), TARGET)
    st, stdout, err = s.finish()
    main = sym("main") & ~1
    expect(out, r"^AT-MAIN pc=0x%x sp=0x[0-9a-f]+$" % main, "pc at main")
    sp = int(re.search(r"AT-MAIN pc=\S+ sp=(0x[0-9a-f]+)", out).group(1), 16)
    if not 0x20000000 <= sp < 0x30000000:
        fail("sp 0x%x not in SRAM" % sp)
    expect(out, r"^pc\s+0x%x\s+0x%x <main" % (main, main), "info registers pc")
    expect(out, r"^sp\s+0x%x\s" % sp, "info registers sp")
    expect(out, r"^xpsr\s+0x[0-9a-f]*1[0-9a-f]{6}\s", "info registers xpsr (T bit)")
    expect(out, r"^MSP=0x%x CONTROL=0 PRIMASK=0$" % sp, "$msp, $control, $primask")
    expect(out, r"^\$1 = 1$", "$msp == $sp in thread mode on the main stack")
    expect(out, r"^bump \(k=(k@entry=)?1\) at .*gdb_target\.c", "step into bump")
    expect(out, r"^IN-BUMP 1$", "pc in bump after step")
    expect(out, r"^\$2 = 3$", "read result")
    expect(out, r"^\$3 = 7$", "write result")
    expect(out, r"^RESULT-NOW 7$", "the write stays")
    expect(out, r"\[Inferior 1 \(Remote target\) exited with code 07\]", "exit code")
    if st != 7:
        fail("pmsim status %d, want 7 (the guest's, after the debugger's write): %s" % (st, err))
    if "gdb_target: counter 55, sum 220" not in stdout:
        fail("guest output: %r" % stdout)


def run_fp():
    """A Cortex-M4F (configs/mcu.dts): d0-d15 and fpscr in the target
    description; gdb reads the guest's values and writes d1."""
    need_gdb()
    image = os.path.join(fw, "tests", "fp_exc", "fp_gdb.elf")
    mcu = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "configs",
                       "mcu.dts")
    s = Pmsim(["--config", mcu, "--gdb-wait", image])
    out = gdb_batch(s.port, script("fp.gdb"), image)
    st, stdout, err = s.finish()
    # d0 = S1:S0 = 0xc0000000:3fa00000; gdb shows it as a double and raw.
    expect(out, r"^d0\s+.*0xc00000003fa00000", "info registers d0")
    expect(out, r"^S0=1\.25 S1=-2$", "$s0, $s1 from d0")
    expect(out, r"^\$1 = 3\.5$", "$d1")
    expect(out, r"^FPSCR=0x80c00000$", "$fpscr")
    expect(out, r"^CONTROL=0x4$", "$control with FPCA")
    expect(out, r"^\$2 = 1\.5$", "$d1 written")
    expect(out, r"^S3=0x3ff80000$", "$s3 after the write")
    # From the handler, through the extended frame: lazily reserved (main's
    # D0 still in the register), then preserved (read from the frame).
    expect(out, r"^#\d+\s+<signal handler called>$", "bt through the exception frame")
    expect(out, r"^#\d+\s+(0x[0-9a-f]+ in )?main \(\)", "bt reaches main")
    expect(out, r"^LAZY main D0=0xc00000003fa00000$", "main's D0, frame reserved")
    expect(out, r"^LAZY main D1=1\.5$", "main's D1, frame reserved")
    expect(out, r"^USED handler D0=0xc000000040e00000$", "the handler's S0 = 7.0")
    expect(out, r"^USED main D0=0xc00000003fa00000$", "main's D0, preserved in the frame")
    expect(out, r"^USED main D1=1\.5 FPSCR=0x80c00000$", "main's D1 and FPSCR")
    if "Could not fetch" in out:
        fail("gdb could not read FPCCR/FPCAR:\n" + out)
    expect(out, r"\[Inferior 1 \(Remote target\) exited normally\]", "exit code")
    if st != 0:
        fail("pmsim status %d, want 0 (the guest read d1 = 1.5): %s %s" % (st, stdout, err))
    if "d1 3ff8000000000000 s0 3fa00000 fpscr 80c00000" not in stdout:
        fail("guest output: %r" % stdout)


def run_watch():
    need_gdb()
    s = Pmsim(["--gdb-wait", TARGET])
    out = gdb_batch(s.port, script("watch.gdb"), TARGET)
    st, stdout, err = s.finish()
    expect(out, r"Hardware watchpoint 2: counter", "watch set")
    # counter = counter + k: 0 -> 1, then 1 -> 3.
    expect(out, r"Hardware watchpoint 2: counter\s+Old value = 0\s+New value = 1\s+"
           r"(0x[0-9a-f]+ in )?bump \(k=(k@entry=)?1\) at", "first store")
    expect(out, r"Old value = 1\s+New value = 3\s+(0x[0-9a-f]+ in )?bump \(k=(k@entry=)?2\) at",
           "second store")
    expect(out, r"exited with code 03", "exit")
    if st != 3:
        fail("status %d: %s" % (st, err))


def run_monitor():
    need_gdb()
    rep = os.path.join(work, "mon.json")
    s = Pmsim(["--gdb-wait", "--no-host", TARGET])
    out = gdb_batch(s.port, script("monitor.gdb", REPORT=rep), TARGET)
    st, stdout, err = s.finish()
    expect(out, r"^  energy\s+the energy so far", "monitor help")
    expect(out, r"^energy at \d+\.\d{12} s simulated:$", "monitor energy header")
    expect(out, r"^  cpu0\s+\d+\.\d{9} J$", "monitor energy: cpu0")
    expect(out, r"^  total \(battery\)\s+\d+\.\d{9} J$", "monitor energy: total")
    expect(out, r"^state at \d+\.\d{12} s simulated:$", "monitor state header")
    expect(out, r"^  cpu0\s+core\s+halted by the debugger$", "monitor state: core")
    expect(out, r"^  cpu0\s+cstate\s+running$", "monitor state: C-state")
    expect(out, r"^  cpu0\s+hz\s+\d+$", "monitor state: OPP frequency")
    expect(out, r"^  cpu0\s+microvolt\s+\d+$", "monitor state: OPP voltage")
    expect(out, r"^  soc\s+suspend\s+running$", "monitor state: suspend")
    expect(out, r"^report written to %s$" % re.escape(rep), "monitor report")
    expect(out, r"^unknown monitor command 'bogus'", "unknown monitor command")
    expect(out, r"^system reset$", "monitor reset")
    m = re.search(r"^AFTER-RESET pc=(0x[0-9a-f]+)$", out, re.M)
    if not m:
        fail("no pc after reset:\n" + out)
    if int(m.group(1), 16) & ~1 == sym("main") & ~1:
        fail("pc still at main after monitor reset")
    # The report is the run's at the same instant as `monitor energy`:
    # same time, same total, same components; --no-host holds for it too.
    doc = json.load(open(rep))
    if doc.get("schema") != "pmsim-report/2" or doc.get("outcome") != "running" or \
            "host" in doc:
        fail("monitor report: %s" % json.dumps(doc)[:300])
    t = re.search(r"^energy at (\d+\.\d+) s simulated:$", out, re.M).group(1)
    total = re.search(r"^  total \(battery\)\s+(\S+) J$", out, re.M).group(1)
    if abs(doc["sim_time_s"] - float(t)) > 1e-12 or "%.9f" % doc["energy"]["total_j"] != total:
        fail("monitor report at %s s, %s J; monitor energy at %s s, %s J" %
             (doc["sim_time_s"], doc["energy"]["total_j"], t, total))
    for name, j in doc["energy"]["by_component"].items():
        expect(out, r"^  %s\s+%.9f J$" % (re.escape(name), j), "monitor energy: " + name)
    # The reset came before the guest's first line: it is printed once.
    expect(out, r"exited with code 03", "exit after reset")
    if st != 3 or stdout.count("gdb_target: counter 55") != 1:
        fail("status %d, output %r" % (st, stdout))


class Proxy:
    """Between gdb and the stub, forwarding both ways, to see gdb's
    continue go by: a SIGINT sent to gdb after it is gdb's Ctrl-C, a 0x03
    to the stub, whatever the host's timing."""

    def __init__(self, port):
        self.l = socket.create_server(("127.0.0.1", 0))
        self.port = self.l.getsockname()[1]
        self.up = port
        self.resumed = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        a, _ = self.l.accept()
        b = socket.create_connection(("127.0.0.1", self.up))
        threading.Thread(target=self.pump, args=(b, a, False), daemon=True).start()
        self.pump(a, b, True)

    def pump(self, src, dst, watch):
        seen = b""
        while True:
            try:
                d = src.recv(65536)
            except OSError:
                d = b""
            if not d:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            if watch:
                seen = (seen + d)[-64:]
                if b"$vCont;c" in seen or b"$c#" in seen:
                    self.resumed.set()
            dst.sendall(d)


def run_ctrlc():
    need_gdb()
    s = Pmsim(["--gdb-wait", SPIN])
    px = Proxy(s.port)
    g = subprocess.Popen([GDB, "--batch", "-nx", "-ex", "set pagination off",
                          "-ex", "target remote 127.0.0.1:%d" % px.port, "-ex", "continue",
                          "-ex", "printf \"STOPPED-IN %d\\n\", $pc >= (unsigned)main && "
                          "$pc < (unsigned)main + 64", "-ex", "kill", SPIN],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    if not px.resumed.wait(TIMEOUT):
        g.kill()
        fail("gdb never continued")
    g.send_signal(signal.SIGINT)
    out = g.communicate(timeout=TIMEOUT)[0]
    st, stdout, err = s.finish()
    expect(out, r"Program received signal SIGINT, Interrupt\.", "stop on Ctrl-C")
    expect(out, r"^STOPPED-IN 1$", "stopped in the spin loop")
    expect(out, r"\[Inferior 1 \(Remote target\) killed\]", "kill")
    if st != 137:
        fail("status %d after kill, want 137: %s" % (st, err))


class Raw:
    """A hand-made RSP client."""

    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buf = b""

    def send(self, data):
        self.s.sendall(data)

    def packet(self, body, ack=True):
        if isinstance(body, str):
            body = body.encode()
        self.send(b"$" + body + b"#%02x" % (sum(body) & 0xff))
        if ack:
            a = self.byte()
            if a != b"+":
                fail("ack for %r: %r" % (body[:40], a))
        return self.reply()

    def byte(self):
        while not self.buf:
            d = self.s.recv(65536)
            if not d:
                fail("connection closed")
            self.buf += d
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def reply(self):
        while self.byte() != b"$":
            pass
        body = b""
        while True:
            c = self.byte()
            if c == b"#":
                break
            body += c
        cs = self.byte() + self.byte()
        if int(cs, 16) != sum(body) & 0xff:
            fail("bad checksum from the stub")
        self.send(b"+")
        return body.decode("latin-1")

    def close(self):
        self.s.close()


def run_raw():
    s = Pmsim(["--gdb-wait", "--no-host", TARGET])
    r = Raw(s.port)
    if not r.packet("qSupported:swbreak+;hwbreak+").startswith("PacketSize="):
        fail("qSupported")
    # A bad checksum is refused with '-', and the stub goes on.
    r.send(b"$g#00")
    if r.byte() != b"-":
        fail("bad checksum not answered '-'")
    # Garbage between packets is skipped; an unknown packet gets "".
    r.send(b"garbage!!")
    if r.packet("qNoSuchThing") != "":
        fail("unknown packet")
    if r.packet("m2000000,zz") != "E01" or r.packet("Mnothex") != "E01":
        fail("bad hex not E01")
    if r.packet("P0=12") != "E01" or r.packet("p99") != "E01":
        fail("bad register packets")
    # Unmapped memory and device registers: E14.
    if r.packet("mf0000000,4") != "E14" or r.packet("m40000000,4") != "E14":
        fail("unmapped / MMIO read")
    if r.packet("Mf0000000,1:00") != "E14":
        fail("unmapped write")
    # Flash is writable by the debugger (a loader), RAM too, and reads back.
    flash = r.packet("m0,4")
    if len(flash) != 8 or r.packet("M0,4:" + flash) != "OK":
        fail("flash write: %r" % flash)
    if r.packet(b"X20000100,3:}\x5d}\x03}\x04") != "OK":
        fail("X with escapes")
    if r.packet("m20000100,3") != "7d2324":
        fail("X escapes decoded wrong: %s" % r.packet("m20000100,3"))
    # A huge packet is read to its end and refused; the stub still answers.
    big = "M20000000,10000:" + "00" * 0x10000
    if r.packet(big) != "E01":
        fail("huge packet")
    if r.packet("?") != "T05thread:1;":
        fail("stop reply after huge packet")
    # The registers (the default SoC's Cortex-M7 has FPv5-D16): the core's
    # 23, 8 hex digits each, d0-d15 with 16 each and fpscr; the target
    # description.
    if len(r.packet("g")) != 23 * 8 + 16 * 16 + 8:
        fail("g length")
    xml = r.packet("qXfer:features:read:target.xml:0,ffff")
    if not xml.startswith("l<?xml") or "org.gnu.gdb.arm.m-system" not in xml or \
            '<feature name="org.gnu.gdb.arm.vfp">' not in xml or \
            '<reg name="d15" bitsize="64" type="ieee_double"/>' not in xml:
        fail("target.xml")
    xml2 = r.packet("qXfer:features:read:target.xml:8,10")
    if xml2 != "m" + xml[9:25]:
        fail("target.xml in pieces: %r" % xml2)
    if r.packet("vCont?") != "vCont;c;C;s;S" or r.packet("Z9,0,2") != "":
        fail("vCont? / unknown Z type")
    # G writes back what g read; P and p a single register (pc: the
    # Thumb bit dropped; sp: bits [1:0] dropped).
    regs = r.packet("g")
    if r.packet("G" + regs) != "OK" or r.packet("g") != regs or r.packet("G00") != "E01":
        fail("G")
    if r.packet("Pf=21010000") != "OK" or r.packet("pf") != "20010000":
        fail("P pc")
    if r.packet("Pd=07100020") != "OK" or r.packet("pd") != "04100020" or \
            r.packet("p11") != "04100020":
        fail("P sp (and msp, 0x11)")
    # d1 (0x18) is 16 digits, S2 then S3; fpscr (0x27) keeps its
    # implemented bits; p/P past the last register, or with the wrong
    # width, E01.
    if r.packet("P18=000000000000f83f") != "OK" or r.packet("p18") != "000000000000f83f":
        fail("P/p d1")
    if r.packet("P27=ffffffff") != "OK" or r.packet("p27") != "9f00c0f7":
        fail("P/p fpscr")
    if r.packet("p28") != "E01" or r.packet("P18=00000000") != "E01":
        fail("p past fpscr / P d1 with 8 digits")
    # R resets the SoC: no reply; pc is the reset vector's again.
    r.send(b"$R00#b2")
    if r.byte() != b"+":
        fail("R not acknowledged")
    if r.packet("pf") != regs[15 * 8:16 * 8]:
        fail("pc after R: %s, want %s" % (r.packet("pf"), regs[15 * 8:16 * 8]))
    # A second client while one is attached: refused with a message.
    c2 = socket.create_connection(("127.0.0.1", s.port), timeout=TIMEOUT)
    if r.packet("qC") != "QC1":
        fail("qC")
    if c2.recv(10) != b"":
        fail("second client not closed")
    c2.close()
    # No-ack mode, then a dropped connection: the run goes on to its end.
    if r.packet("QStartNoAckMode") != "OK":
        fail("QStartNoAckMode")
    if r.packet("Z0,%x,2" % (sym("bump") & ~1), ack=False) != "OK":
        fail("Z0")
    r.send(b"$c#63")
    if not r.reply().startswith("T05swbreak:"):
        fail("breakpoint stop reply")
    r.close()
    st, stdout, err = s.finish()
    if "already attached" not in err or "connection was lost" not in err:
        fail("messages: " + err)
    if st != 3 or "gdb_target: counter 55, sum 220" not in stdout:
        fail("the run did not go on after the dropped connection: %d %r" % (st, stdout))


def run_attach():
    # Without --gdb-wait the run starts at once; a debugger attaching later
    # stops it (SIGTRAP), and Ctrl-C from a raw client gives T02.
    s = Pmsim([SPIN])
    r = Raw(s.port)
    if r.packet("?") != "T05thread:1;":
        fail("attach stop")
    r.send(b"$c#63")
    r.byte()
    r.send(b"\x03")
    if r.reply() != "T02thread:1;":
        fail("Ctrl-C stop reply")
    if r.packet("D") != "OK":
        fail("detach")
    r.close()
    # The stub keeps listening: a new debugger attaches (and stops the
    # core again); SIGINT to pmsim while it runs ends the run, and the
    # debugger hears X02.
    r = Raw(s.port)
    if r.packet("?") != "T05thread:1;":
        fail("second attach stop")
    r.send(b"$c#63")
    r.byte()
    s.p.send_signal(signal.SIGINT)
    if r.reply() != "X02":
        fail("no X02 after SIGINT")
    st, stdout, err = s.finish()
    if st != 130:
        fail("status %d after SIGINT: %s" % (st, err))


def run_lockup():
    # A lockup stops with SIGSEGV for gdb to look; continuing ends the run
    # (X0b: "terminated with signal SIGSEGV") with pmsim's status 125.
    need_gdb()
    img = os.path.join(fw, "tests", "exc", "exc_lockup.elf")
    s = Pmsim(["--gdb-wait", img])
    r = subprocess.run([GDB, "--batch", "-nx", "-ex", "set pagination off",
                        "-ex", "target remote 127.0.0.1:%d" % s.port, "-ex", "continue",
                        "-ex", "printf \"LOCKED pc=%#x ipsr=%d\\n\", $pc, $xpsr & 0x1ff",
                        "-ex", "continue", img], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=TIMEOUT)
    out = r.stdout + r.stderr
    st, stdout, err = s.finish()
    expect(out, r"Program received signal SIGSEGV, Segmentation fault\.", "lockup stop")
    expect(out, r"^LOCKED pc=0x[0-9a-f]+ ipsr=\d+$", "registers at the lockup")
    expect(out, r"Program terminated with signal SIGSEGV, Segmentation fault\.", "end")
    if st != 125 or "guest locked up" not in err:
        fail("status %d: %s" % (st, err))


def run_determinism():
    need_gdb()
    ref = os.path.join(work, "ref.json")
    r = subprocess.run([pmsim, "run", "--no-host", "--report", ref, TARGET],
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 3:
        fail("reference run: %d %s" % (r.returncode, r.stderr))
    dbg = os.path.join(work, "gdb.json")
    s = Pmsim(["--gdb-wait", "--no-host", "--report", dbg, TARGET])
    out = gdb_batch(s.port, script("determinism.gdb"), TARGET)
    st, stdout, err = s.finish()
    expect(out, r"Breakpoint 2, bump \(k=(k@entry=)?1\)", "hardware breakpoint")
    expect(out, r"Old value = 1\s+New value = 3", "watchpoint")
    expect(out, r"exited with code 03", "exit")
    if st != 3:
        fail("status %d: %s" % (st, err))
    if open(ref, "rb").read() != open(dbg, "rb").read():
        subprocess.run(["diff", ref, dbg])
        fail("the report with a debugger differs from the one without")
    # The same for pmfw: interrupts, idle states, DMA, the D-cache.
    pmfw = os.path.join(fw, "pmfw", "pmfw.elf")
    args = ["--", "quiet workload start adc; sleep 0.2; workload stop all; poweroff"]
    r = subprocess.run([pmsim, "run", "--no-host", "--report", ref, pmfw] + args,
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        fail("pmfw reference run: %d %s" % (r.returncode, r.stderr))
    s = Pmsim(["--gdb-wait", "--no-host", "--report", dbg, pmfw] + args)
    out = gdb_batch(s.port, script("determinism_pmfw.gdb"), pmfw)
    st, stdout, err = s.finish()
    expect(out, r"Breakpoint 1, cpuidle_enter", "pmfw breakpoint")
    expect(out, r"Hardware access \(read/write\) watchpoint 2: \*\(unsigned \*\)&cpu0_device",
           "pmfw watchpoint")
    expect(out, r"Value = ", "pmfw watchpoint hit")
    expect(out, r"Breakpoint 3, .*schedule", "pmfw hardware breakpoint")
    expect(out, r"exited normally", "pmfw exit")
    if st != 0:
        fail("pmfw status %d: %s" % (st, err))
    if open(ref, "rb").read() != open(dbg, "rb").read():
        subprocess.run(["diff", ref, dbg])
        fail("pmfw: the report with a debugger differs from the one without")


def run_cli():
    for args, msg in [(["--gdb"], "needs a TCP port"), (["--gdb", "x"], "needs a TCP port"),
                      (["--gdb", "70000"], "needs a TCP port"),
                      (["--gdb-wait"], "--gdb-wait needs --gdb")]:
        r = subprocess.run([pmsim, "run"] + args + [TARGET], capture_output=True, text=True)
        if r.returncode != 64 or msg not in r.stderr:
            fail("%s: %d %s" % (args, r.returncode, r.stderr))
    # A port that is taken: one clear error, status 73.
    s = Pmsim(["--gdb-wait", TARGET])
    r = subprocess.run([pmsim, "run", "--gdb", str(s.port), TARGET], capture_output=True,
                       text=True)
    if r.returncode != 73 or "cannot listen on 127.0.0.1:%d" % s.port not in r.stderr:
        fail("busy port: %d %s" % (r.returncode, r.stderr))
    rr = Raw(s.port)
    rr.send(b"$k#6b")
    rr.byte()
    rr.close()
    st, stdout, err = s.finish()
    if st != 137 or "pmsim: killed by the debugger" not in err:
        fail("kill: %d %s" % (st, err))
    # SIGINT to pmsim while the debugger holds the core: the run ends
    # (its reports written) and the debugger hears X02.
    rep = os.path.join(work, "held.json")
    s = Pmsim(["--gdb-wait", "--report", rep, TARGET])
    rr = Raw(s.port)
    if rr.packet("?") != "T05thread:1;":
        fail("attach")
    s.p.send_signal(signal.SIGINT)
    if rr.reply() != "X02":
        fail("no X02 after SIGINT while held")
    st, stdout, err = s.finish()
    doc = json.load(open(rep))
    if st != 130 or not doc["outcome"].startswith("interrupted by SIGINT while the debugger "
                                                  "held the core"):
        fail("SIGINT while held: %d %s %s" % (st, err, doc["outcome"]))


{"session": run_session, "watch": run_watch, "monitor": run_monitor, "ctrlc": run_ctrlc,
 "attach": run_attach, "raw": run_raw, "lockup": run_lockup, "determinism": run_determinism, "cli": run_cli,
 "fp": run_fp}[case]()
print("PASS")
