#!/usr/bin/env python3
"""Read a pmsim timeline back without pmsim's code and check it against the
JSON report of the same run.

    check_timeline.py REPORT.json TIMELINE.{vcd,json,csv} [--truncated]

VCD: an independent reader of IEEE 1364 value change dumps (header, scopes,
$var, $dumpvars, #time, real and vector changes). Perfetto: the Chrome
trace-event format (traceEvents with ph, pid, tid, ts; B/E balanced per
thread; X with dur; C with numeric args). CSV: a header and rows in time
order. For each, the integral of every power track over the run must equal
the report's energy (total, per rail delivered, per component), and (VCD,
Perfetto) the core's C-state and the DRAM's state held for the times the
report gives. With --truncated, the file must end before the run did and
the report must say so in a diagnostic.
"""
import csv
import json
import math
import sys


def fail(msg):
    print("check_timeline: FAIL: " + msg)
    sys.exit(1)


def close(a, b, what, rel=1e-6, abs_=1e-12):
    if not math.isclose(a, b, rel_tol=rel, abs_tol=abs_):
        fail(f"{what}: timeline {a!r} vs report {b!r}")


# ---- VCD ---------------------------------------------------------------

def read_vcd(path):
    """Return (timescale_s, vars{id: (type, name)}, changes{id: [(t, value)]}, end_t)."""
    text = open(path, encoding="ascii").read()
    toks = text.split()
    i = 0
    scale = None
    scopes = []
    vars_ = {}
    changes = {}
    t = 0
    end_t = 0
    in_defs = True
    last_t = -1
    while i < len(toks):
        tok = toks[i]
        if in_defs:
            if tok == "$timescale":
                j = toks.index("$end", i)
                spec = "".join(toks[i + 1:j])
                num = "".join(c for c in spec if c.isdigit())
                unit = spec[len(num):]
                units = {"s": 1, "ms": 1e-3, "us": 1e-6, "ns": 1e-9, "ps": 1e-12, "fs": 1e-15}
                if unit not in units:
                    fail(f"VCD: bad timescale {spec!r}")
                scale = int(num) * units[unit]
                i = j + 1
            elif tok == "$scope":
                scopes.append(toks[i + 2])
                if toks[i + 3] != "$end":
                    fail("VCD: $scope without $end")
                i += 4
            elif tok == "$upscope":
                if not scopes:
                    fail("VCD: $upscope without a scope")
                scopes.pop()
                i += 2
            elif tok == "$var":
                typ, width, ident, ref = toks[i + 1:i + 5]
                if toks[i + 5] != "$end":
                    fail(f"VCD: $var {ref} has more than one reference token")
                if typ not in ("real", "integer", "wire", "reg", "event"):
                    fail(f"VCD: unknown var type {typ}")
                if ident in vars_:
                    fail(f"VCD: identifier {ident} declared twice")
                vars_[ident] = (typ, ".".join(scopes + [ref]))
                changes[ident] = []
                i += 6
            elif tok == "$enddefinitions":
                if scopes:
                    fail("VCD: scopes left open")
                in_defs = False
                i += 2
            elif tok.startswith("$"):
                i = toks.index("$end", i) + 1
            else:
                fail(f"VCD: unexpected {tok!r} in the header")
            continue
        if tok in ("$dumpvars", "$end", "$dumpall", "$dumpon", "$dumpoff"):
            i += 1
            continue
        if tok.startswith("#"):
            t = int(tok[1:])
            if t < last_t:
                fail(f"VCD: time goes back from {last_t} to {t}")
            last_t = t
            end_t = t
            i += 1
            continue
        if tok[0] in "rR":
            val, ident = float(tok[1:]), toks[i + 1]
            i += 2
        elif tok[0] in "bB":
            bits, ident = tok[1:], toks[i + 1]
            if set(bits) - set("01"):
                val = None
            else:
                val = int(bits, 2)
                if len(bits) == 64 and bits[0] == "1":
                    val -= 1 << 64
            i += 2
        elif tok[0] in "01xXzZ":
            val, ident = tok[0], tok[1:]
            i += 1
        else:
            fail(f"VCD: unexpected token {tok!r}")
        if ident not in vars_:
            fail(f"VCD: change of undeclared identifier {ident!r}")
        changes[ident].append((t, val))
    if scale is None:
        fail("VCD: no $timescale")
    return scale, vars_, changes, end_t


def step_integral(points, end):
    """Integral of a step function given as [(t, v)] (later points at one t win)."""
    total = 0.0
    for k, (t, v) in enumerate(points):
        nxt = points[k + 1][0] if k + 1 < len(points) else end
        total += v * (nxt - t)
    return total


def step_residency(points, end, exclude=()):
    """Time per value of a step function, leaving out the spans in `exclude`
    (a list of (from, to))."""
    res = {}
    for k, (t, v) in enumerate(points):
        nxt = points[k + 1][0] if k + 1 < len(points) else end
        d = nxt - t
        for a, b in exclude:
            d -= max(0.0, min(b, nxt) - max(a, t))
        res[v] = res.get(v, 0) + d
    return res


def spans_of(points, end, value):
    """The spans in which a step function holds `value`."""
    out = []
    for k, (t, v) in enumerate(points):
        nxt = points[k + 1][0] if k + 1 < len(points) else end
        if v == value:
            out.append((t, nxt))
    return out


def check_energy(rep, tracks, end_s):
    """tracks: {name: joules} with names 'total', 'rail.X', 'component.X'."""
    e = rep["energy"]
    close(tracks["total"], e["total_j"], "total energy")
    for name, r in e.get("by_rail", {}).items():
        close(tracks["rail." + name], r["out_j"], f"rail {name}")
    for name, j in e["by_component"].items():
        close(tracks["component." + name], j, f"component {name}")


def check_vcd(rep, path, truncated):
    scale, vars_, changes, end_t = read_vcd(path)
    end_s = end_t * scale
    if not truncated:
        close(end_s, rep["sim_time_s"], "the VCD's last time", rel=1e-12)
    by_name = {name: ident for ident, (typ, name) in vars_.items()}
    tracks = {}
    for ident, (typ, name) in vars_.items():
        if not name.startswith("pmsim.power."):
            continue
        if typ != "real":
            fail(f"VCD: power signal {name} is not real-valued")
        short = name[len("pmsim.power."):]
        tracks[short] = step_integral([(t * scale, v) for t, v in changes[ident]], end_s)
    if not tracks:
        fail("VCD: no power signals")
    if truncated:
        return tracks, end_s
    check_energy(rep, tracks, end_s)
    # The core's C-states: residency per value against the report.
    cs = by_name.get("pmsim.state.cpu0.cstate")
    cpu = rep["cpus"][0]
    if cs is None:
        # The core never slept: no idle state has any residency.
        if any(st["time_s"] for st in cpu["cstates"]):
            fail("VCD: no cpu0.cstate signal")
        return tracks, end_s
    # System suspend is not an idle state's residency (the report counts it
    # apart).
    sus = by_name.get("pmsim.state.soc.suspend")
    suspended = spans_of([(t * scale, v) for t, v in changes[sus]], end_s, 1) if sus else []
    close(sum(b - a for a, b in suspended), rep["suspend"]["time_s"], "time suspended",
          rel=1e-9, abs_=1e-12)
    res = step_residency([(t * scale, v) for t, v in changes[cs]], end_s, suspended)
    cpu = rep["cpus"][0]
    for k, st in enumerate(cpu["cstates"]):
        close(res.get(k + 1, 0.0), st["time_s"], f"time in {st['name']}", rel=1e-9, abs_=1e-12)
    dr = by_name.get("pmsim.state.dram.state")
    if dr is not None and rep["dram"]["present"]:
        res = step_residency([(t * scale, v) for t, v in changes[dr]], end_s)
        for k, name in enumerate(("active", "power_down", "self_refresh", "off")):
            close(res.get(k, 0.0), rep["dram"]["time_s"][name], f"DRAM {name}",
                  rel=1e-9, abs_=1e-12)
    # Interrupts woke the core: they are on the timeline.
    irq = by_name.get("pmsim.event.nvic.irq.count")
    if rep["wakeups"] and irq is None:
        fail("VCD: no interrupt count signal")
    return tracks, end_s


# ---- Perfetto / Chrome trace events ---------------------------------------

def check_perfetto(rep, path, truncated):
    doc = json.load(open(path))
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        fail("Perfetto: the top level must be an object with a traceEvents array")
    evs = doc["traceEvents"]
    counters = {}
    stacks = {}
    names = {}
    slices = {}
    last_ts = {}
    for n, e in enumerate(evs):
        where = f"traceEvents[{n}]"
        if not isinstance(e, dict):
            fail(f"{where} is not an object")
        ph = e.get("ph")
        if ph not in ("M", "C", "X", "B", "E", "i", "I"):
            fail(f"{where}: unknown ph {ph!r}")
        for k in ("pid", "tid"):
            if not isinstance(e.get(k), int):
                fail(f"{where}: {k} must be an integer")
        if ph == "M":
            if e.get("name") not in ("process_name", "thread_name") or \
                    not isinstance(e.get("args", {}).get("name"), str):
                fail(f"{where}: bad metadata event")
            if e["name"] == "thread_name":
                names[(e["pid"], e["tid"])] = e["args"]["name"]
            continue
        ts = e.get("ts")
        if not isinstance(ts, (int, float)) or ts < 0:
            fail(f"{where}: ts must be a non-negative number")
        if not isinstance(e.get("name"), str):
            fail(f"{where}: name must be a string")
        key = (e["pid"], e["tid"], e["name"]) if ph == "C" else (e["pid"], e["tid"])
        if ph in ("C", "B", "E") and ts < last_ts.get(key, 0):
            fail(f"{where}: time goes back on its track")
        last_ts[key] = ts
        if ph == "C":
            args = e.get("args")
            if not isinstance(args, dict) or not args or \
                    not all(isinstance(v, (int, float)) for v in args.values()):
                fail(f"{where}: a counter needs numeric args")
            counters.setdefault(e["name"], []).append((ts * 1e-6, args["W"]))
        elif ph == "X":
            dur = e.get("dur")
            if not isinstance(dur, (int, float)) or dur < 0:
                fail(f"{where}: X needs a non-negative dur")
            slices.setdefault((e["pid"], e["tid"]), []).append((ts, dur, e["name"], e["args"]))
        elif ph == "B":
            stacks.setdefault((e["pid"], e["tid"]), []).append(e["name"])
        elif ph == "E":
            st = stacks.get((e["pid"], e["tid"]))
            if not st:
                fail(f"{where}: E without a B on its thread")
            st.pop()
        elif ph in ("i", "I") and e.get("s", "t") not in ("g", "p", "t"):
            fail(f"{where}: bad instant scope")
    for k, st in stacks.items():
        if st:
            fail(f"Perfetto: {len(st)} slices left open on {k}")
    end_s = doc["otherData"]["end_us"] * 1e-6
    tracks = {}
    for name, pts in counters.items():
        kind, _, rest = name.partition(" ")
        tracks[kind if kind == "total" else kind + "." + rest] = step_integral(pts, end_s)
    if truncated:
        return tracks, end_s
    check_energy(rep, tracks, end_s)
    # The C-state thread's slices tile the run, and add up to the report.
    tid = [k for k, v in names.items() if v == "cpu0 cstate"]
    if not tid:
        fail("Perfetto: no cpu0 cstate thread")
    sus = [k for k, v in names.items() if v == "soc suspend"]
    suspended = [(ts * 1e-6, (ts + dur) * 1e-6) for ts, dur, name, args in slices[sus[0]]
                 if args["value"] == 1] if sus else []
    res = step_residency([(ts * 1e-6, args["value"])
                          for ts, dur, name, args in slices[tid[0]]], end_s, suspended)
    cpu = rep["cpus"][0]
    for k, st in enumerate(cpu["cstates"]):
        close(res.get(k + 1, 0.0), st["time_s"], f"time in {st['name']}", rel=1e-9, abs_=1e-12)
    return tracks, end_s


# ---- CSV -------------------------------------------------------------------

def check_csv(rep, path, truncated):
    rows = list(csv.reader(open(path, newline="")))
    head = rows[0]
    if head[0] != "time_s" or len(head) < 2:
        fail("CSV: the first column must be time_s")
    data = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(head):
            fail(f"CSV line {n}: {len(r)} fields, the header has {len(head)}")
        data.append([float(x) for x in r])
        if len(data) > 1 and data[-1][0] < data[-2][0]:
            fail(f"CSV line {n}: time goes back")
    end_s = data[-1][0]
    tracks = {}
    for c, name in enumerate(head[1:], 1):
        if not name.endswith("_W"):
            fail(f"CSV: column {name} has no unit")
        kind, _, rest = name[:-2].partition(":")
        pts = [(row[0], row[c]) for row in data[:-1]]
        tracks[kind if kind == "total" else kind + "." + rest] = step_integral(pts, end_s)
    if truncated:
        return tracks, end_s
    check_energy(rep, tracks, end_s)
    return tracks, end_s


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    truncated = "--truncated" in sys.argv
    if len(args) != 2:
        fail("usage: check_timeline.py REPORT.json TIMELINE [--truncated]")
    rep = json.load(open(args[0]))
    path = args[1]
    if path.endswith(".vcd"):
        tracks, end_s = check_vcd(rep, path, truncated)
    elif path.endswith(".json"):
        tracks, end_s = check_perfetto(rep, path, truncated)
    elif path.endswith(".csv"):
        tracks, end_s = check_csv(rep, path, truncated)
    else:
        fail("unknown timeline format")
    if truncated:
        if not end_s < rep["sim_time_s"]:
            fail(f"a truncated timeline ends at {end_s} s, the run at {rep['sim_time_s']} s")
        if not any("--timeline-limit" in d["text"] if isinstance(d, dict) else
                   "--timeline-limit" in d for d in rep["diagnostics"]):
            fail("the report does not say that the timeline stopped")
        if tracks["total"] > rep["energy"]["total_j"] * (1 + 1e-9):
            fail("a truncated timeline holds more energy than the run")
    print(f"check_timeline: ok: {path} ({len(tracks)} power tracks, {end_s:.6f} s)")


if __name__ == "__main__":
    main()
