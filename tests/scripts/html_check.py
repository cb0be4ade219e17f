#!/usr/bin/env python3
"""The HTML report (docs/html.md) end to end: pmsim run --html on the PM
firmware (workloads, then a suspend to RAM woken by the RTC), with the
JSON report of the same run to compare with.

    html_check.py CASE PMSIM FW-DIR WORK-DIR

xml          the page parses as XML (xml.dom.minidom); one path.series per
             rail and per component of the JSON report; no external
             resource; every section; the suspend cycle drawn
determinism  two runs give byte-identical pages (--no-host)
truncated    --timeline-limit: the page says the timeline was truncated
chromium     headless Chromium loads the page: no script error, the
             self-test element counts the series of the JSON report; the
             URL fragment #t=FROM,TO zooms every chart; the screenshot
             decodes and is not blank. Exit 77 when Chromium is missing.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zlib

case, pmsim, fw, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
pmfw = os.path.join(fw, "pmfw", "pmfw.elf")
DEMO = ("quiet workload start busy; workload start adc; sleep 0.3; workload stop all; "
        "sleep 0.3; echo +1 > /sys/class/rtc/rtc0/wakealarm; echo mem > /sys/power/state; "
        "poweroff")
SECTIONS = ["summary", "power", "energy", "residency", "states", "latency", "suspend",
            "wakeups", "diagnostics", "selftest"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(name, *extra):
    """Run the demo with --html NAME.html and --report NAME.json; return
    the page's text and the report."""
    page = os.path.join(work, name + ".html")
    rep = os.path.join(work, name + ".json")
    p = subprocess.run([pmsim, "run", "--no-host", "--html", page, "--report", rep] +
                       list(extra) + [pmfw, "--", DEMO], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=300)
    if p.returncode != 0:
        fail("pmsim run --html: status %d: %s" % (p.returncode, p.stderr))
    with open(page, encoding="utf-8") as f:
        text = f.read()
    with open(rep) as f:
        report = json.load(f)
    return page, text, report


def expected_series(report):
    e = report["energy"]
    return len(e["by_component"]) + len(e["by_rail"])


def elements(node, tag):
    return [n for n in node.getElementsByTagName(tag)]


def check_xml():
    page, text, report = run("page")
    try:
        dom = xml.dom.minidom.parseString(text.encode("utf-8"))
    except Exception as ex:  # the parser's own message says where
        fail("the page is not well-formed XML: %s" % ex)
    if not text.startswith("<!DOCTYPE html>\n"):
        fail("no HTML5 doctype")
    root = dom.documentElement
    if root.tagName != "html":
        fail("root element %s" % root.tagName)
    ids = {n.getAttribute("id") for n in root.getElementsByTagName("*") if n.hasAttribute("id")}
    for s in SECTIONS:
        if s not in ids:
            fail("no element with id %s" % s)
    series = [p for p in elements(root, "path")
              if "series" in p.getAttribute("class").split()]
    want = expected_series(report)
    if len(series) != want:
        fail("%d path.series, the report has %d rails and components" % (len(series), want))
    names = sorted(p.getAttribute("data-name") for p in series)
    e = report["energy"]
    if names != sorted(list(e["by_component"]) + list(e["by_rail"])):
        fail("series %s are not the report's rails and components" % names)
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"),
                      ("iframe", "src")):
        for n in elements(root, tag):
            if n.getAttribute(attr):
                fail("external resource: <%s %s=%r>" % (tag, attr, n.getAttribute(attr)))
    for a in elements(root, "a"):
        href = a.getAttribute("href")
        if not href.startswith("#"):
            fail("a link out of the page: %r" % href)
        m = re.match(r"#t=([0-9.]+),([0-9.]+)$", href)
        if href.startswith("#t=") and not (m and float(m.group(1)) < float(m.group(2))):
            fail("bad zoom link %r" % href)
    # The run suspends once: its cycle is drawn, with the wake source.
    cycles = [s for s in elements(root, "svg") if "cycle" in s.getAttribute("class").split()]
    if len(cycles) != len(report["suspend"]["cycles"]) or not cycles:
        fail("%d cycle charts, the report has %d cycles" %
             (len(cycles), len(report["suspend"]["cycles"])))
    if "woken by <b>rtc@40006000</b>" not in text:
        fail("the wake source is not shown")
    print("ok: well-formed, %d series, %d cycle(s)" % (want, len(cycles)))


def check_determinism():
    _, a, _ = run("a")
    _, b, _ = run("b")
    # The image path is the same in both; nothing else may differ.
    if a != b:
        fail("two runs gave different pages")
    print("ok: byte-identical (%d bytes)" % len(a))


def check_truncated():
    _, text, report = run("t", "--timeline-limit", "5000")
    xml.dom.minidom.parseString(text.encode("utf-8"))
    if 'id="truncated"' not in text or "reached its limit of 5000 records" not in text:
        fail("the truncated page does not say so")
    _, whole, _ = run("w")
    if 'id="truncated"' in whole:
        fail("a whole timeline is said to be truncated")
    print("ok: truncation said")


def png_colours(path):
    """Decode a PNG (8-bit RGB or RGBA, not interlaced) with zlib alone;
    return its size and the number of distinct colours in a sample of rows."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat += body
        elif typ == b"IEND":
            break
    w, h, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        fail("unexpected PNG format: depth %d, colour type %d" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    for y in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 10 == 0:
            for x in range(0, stride, bpp * 2):
                colours.add(bytes(line[x:x + 3]))
        prev = line
    return w, h, len(colours)


def chromium_cmd():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def check_chromium():
    browser = chromium_cmd()
    if not browser:
        print("skipped: Chromium is not installed (Debian package chromium; ./setup "
              "installs it)")
        sys.exit(77)
    page, _, report = run("page")
    profile = tempfile.mkdtemp(prefix="pmsim-chromium-", dir=work)
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--user-data-dir=" + profile,
            "--virtual-time-budget=5000"]
    env = dict(os.environ, HOME=profile)
    url = "file://" + os.path.abspath(page)

    def dump(u):
        p = subprocess.run(base + ["--dump-dom", u], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=120, env=env)
        if p.returncode != 0 or "<html" not in p.stdout:
            fail("chromium --dump-dom: status %d: %s" % (p.returncode, p.stderr[-2000:]))
        m = re.search(r'<div id="selftest"([^>]*)>', p.stdout)
        if not m:
            fail("no self-test element in the dumped DOM")
        attrs = dict(re.findall(r'(data-[a-z-]+)="([^"]*)"', m.group(1)))
        return attrs, p.stdout

    st, dom = dump(url)
    if st.get("data-ready") != "1":
        fail("the page's script did not finish: %r" % st)
    if st.get("data-errors") != "0":
        fail("script errors in Chromium: %r" % st)
    want = expected_series(report)
    if st.get("data-power-series") != str(want):
        fail("Chromium counted %s power series, the report has %d rails and components" %
             (st.get("data-power-series"), want))
    if int(st.get("data-lanes", "0")) < 4:
        fail("fewer than 4 state lanes: %r" % st)
    full = re.findall(r'<svg class="plot"[^>]*viewBox="([^"]*)"', dom)
    if len(full) != 3:
        fail("%d zoomable plots, want 3 (two power charts and the lanes)" % len(full))

    # A window by the fragment: every plot's viewBox narrows to it.
    t0, t1 = 0.25, 0.5
    st, dom = dump(url + "#t=%g,%g" % (t0, t1))
    if st.get("data-errors") != "0":
        fail("script errors with a fragment: %r" % st)
    view = [float(v) for v in st.get("data-view", "0,0").split(",")]
    if abs(view[0] - t0) > 1e-12 or abs(view[1] - t1) > 1e-12:
        fail("the fragment #t=%g,%g gave the view %r" % (t0, t1, view))
    span = float(report["sim_time_s"])
    narrower = 0
    for vb, was in zip(re.findall(r'<svg class="plot"[^>]*viewBox="([^"]*)"', dom), full):
        x, y, w, h = (float(v) for v in vb.split())
        cols, fullh = float(was.split()[2]), float(was.split()[3])
        if abs(x - t0 / span * cols) > 1e-6 or abs(w - (t1 - t0) / span * cols) > 1e-6:
            fail("viewBox %s after #t=%g,%g (full: %s)" % (vb, t0, t1, was))
        if h > fullh + 1e-9 or abs(y + h - fullh) > 1e-6:
            fail("viewBox %s: not a range of power from 0 (full: %s)" % (vb, was))
        narrower += h < fullh - 1e-6
    # The window holds less than the run's peak: its power axis is rescaled.
    if not narrower:
        fail("no power chart rescaled its power axis for the window")
    if "0.30 s" not in dom and "300 ms" not in dom:
        fail("the time axis was not relabelled for the window")

    shot = os.path.join(work, "page.png")
    p = subprocess.run(base + ["--window-size=1400,3000", "--screenshot=" + shot, url],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       timeout=120, env=env)
    if p.returncode != 0 or not os.path.exists(shot):
        fail("chromium --screenshot: status %d: %s" % (p.returncode, p.stderr[-2000:]))
    w, h, ncol = png_colours(shot)
    if (w, h) != (1400, 3000):
        fail("screenshot %dx%d, want 1400x3000" % (w, h))
    if ncol < 24:
        fail("the screenshot has only %d colours: blank?" % ncol)
    print("ok: %d series in Chromium, zoom by fragment, screenshot %s with %d colours" %
          (want, shot, ncol))


{"xml": check_xml, "determinism": check_determinism, "truncated": check_truncated,
 "chromium": check_chromium}[case]()
