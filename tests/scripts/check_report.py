#!/usr/bin/env python3
"""The energy report from the command line (docs/report.md), on the demo
image and the default SoC.

    check_report.py demo PMSIM IMAGE         the JSON: schema, types, contents
    check_report.py determinism PMSIM IMAGE  two --no-host runs are identical
    check_report.py host PMSIM IMAGE         without --no-host: the host parts
    check_report.py cantcreate PMSIM IMAGE   --report where no file can be made
    check_report.py readonly PMSIM IMAGE     --report into a read-only directory
                                             (exit 77, skipped, if that cannot
                                             be arranged)

Exits 0 when every check passes; prints each failure and exits 1 otherwise.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# The default SoC (configs/default.dts): what must have drawn energy in the
# demo run, and the shape of its tables.
COMPONENTS = ["cpu0", "dram", "pll0", "osc25m", "osc24m", "osc32k",
              "pd.core", "pd.periph", "pd.dram", "pd.aon",
              "vdd_core", "vdd_mem", "vdd_io", "vdd_aon"]
PERIPHERALS = ["serial", "timer", "rtc", "gpio"]  # node names, before '@'
RAILS = {"vdd_core": "battery", "vdd_mem": "battery", "vdd_io": "battery",
         "vdd_aon": "vdd_mem"}
CSTATES = [("wfi", 2), ("retention", 150), ("power-off", 2000)]
DOMAINS = ["core", "periph", "dram", "aon"]
DRAM_STATES = ["active", "power_down", "self_refresh", "off"]
TOP_KEYS = ["schema", "soc", "image", "outcome", "exit_status", "sim_time_s",
            "energy", "cpus", "domains", "dram", "thermal", "wakeups", "wakeup_causes",
            "suspend", "markers", "latency", "diagnostics", "coherency"]
SCHEMA = "pmsim-report/2"
RAIL_KEYS = ["microvolt", "out_j", "in_j", "efficiency", "capacitance_f", "mode", "average_a",
             "curve_efficiency", "modes"]
BATTERY_KEYS = ["capacity_mah", "start_percent", "end_percent", "used_mah", "used_percent",
                "min_v", "cutoff_v", "internal_j", "average_w", "life_remaining_s",
                "life_full_s", "browned_out"]
CYCLE_KEYS = [("state", "string"), ("test", "boolean"), ("suspended", "boolean"),
              ("sleep", "string or null"),
              ("result", "signed or null"), ("begin_s", "seconds"),
              ("end_s", "seconds or null"), ("suspend_latency_s", "seconds or null"),
              ("resume_latency_s", "seconds or null"), ("suspended_s", "seconds"),
              ("wake_source", "string or null"),
              ("suspend_j", "real"), ("resume_j", "real"), ("suspended_j", "real"),
              ("idle_w", "real or null"), ("saved_j", "real or null"),
              ("overhead_j", "real or null"), ("break_even_s", "real or null"),
              ("phases", "array"), ("slowest_devices", "array")]
COH_KINDS = ["dma-read-dirty", "stale-read", "clobber", "lost-dirty"]
THERMAL_KEYS = ["present", "ambient_c", "step_s", "nodes", "zones", "throttled_s", "shutdown"]
TEMPS = ["min_c", "mean_c", "max_c", "final_c"]
THERMAL_NODES = ["die", "package", "board"]
# The default SoC's zone: its trips in the tree's order.
ZONE_TRIPS = [("cpu-passive", "passive", 85.0), ("cpu-hot", "hot", 95.0),
              ("cpu-critical", "critical", 105.0)]

SECONDS_RE = re.compile(r"^[0-9]+\.[0-9]{12}$")
REAL_RE = re.compile(r"^-?[0-9]\.[0-9]{9}e[+-][0-9]{2,3}$")

failures = []


def fail(msg):
    failures.append(msg)


class Num:
    """A JSON number kept as its text, so that formats can be checked."""

    def __init__(self, text):
        self.text = text

    def __float__(self):
        return float(self.text)


class Obj(list):
    """A JSON object as its (key, value) pairs, in document order."""

    def get(self, key, default=None):
        for k, v in self:
            if k == key:
                return v
        return default

    def names(self):
        return [k for k, _ in self]


def parse(text):
    return json.loads(text, parse_float=Num, parse_int=Num,
                      object_pairs_hook=Obj)


def is_int(v):
    return isinstance(v, Num) and re.fullmatch(r"[0-9]+", v.text) is not None


def ps(v):
    """A `seconds` value as an integer count of picoseconds."""
    whole, frac = v.text.split(".")
    return int(whole) * 10**12 + int(frac)


def check_keys(where, obj, keys):
    if not isinstance(obj, Obj):
        fail(f"{where}: not an object")
        return False
    if obj.names() != keys:
        fail(f"{where}: keys {obj.names()}, expected {keys} in that order")
        return False
    return True


def check_unique(where, obj):
    if len(set(obj.names())) != len(obj.names()):
        fail(f"{where}: duplicate keys {obj.names()}")


def want(where, v, kind):
    """Check a value's documented type; False (and a failure) if wrong."""
    ok = {
        "string": lambda: isinstance(v, str),
        "string or null": lambda: v is None or isinstance(v, str),
        "integer": lambda: is_int(v),
        "signed": lambda: isinstance(v, Num) and re.fullmatch(r"-?[0-9]+", v.text),
        "seconds": lambda: isinstance(v, Num) and SECONDS_RE.match(v.text),
        "real": lambda: isinstance(v, Num) and REAL_RE.match(v.text),
        "signed or null": lambda: v is None or (isinstance(v, Num) and
                                                re.fullmatch(r"-?[0-9]+", v.text)),
        "seconds or null": lambda: v is None or (isinstance(v, Num) and
                                                 SECONDS_RE.match(v.text)),
        "real or null": lambda: v is None or (isinstance(v, Num) and REAL_RE.match(v.text)),
        "boolean": lambda: isinstance(v, bool),
        "object": lambda: isinstance(v, Obj),
        "array": lambda: isinstance(v, list) and not isinstance(v, Obj),
    }[kind]()
    if not ok:
        shown = v.text if isinstance(v, Num) else repr(v)
        fail(f"{where}: {shown} is not a {kind}")
    return bool(ok)


def close(a, b, rel=2e-9, absolute=0.0):
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), absolute)


def check_cycle(c):
    """One suspend cycle (suspend.cycles[])."""
    if not check_keys("suspend.cycles[]", c, [k for k, _ in CYCLE_KEYS]):
        return
    for k, kind in CYCLE_KEYS:
        want(f"suspend.cycles[].{k}", c.get(k), kind)
    for p in c.get("phases") or []:
        if check_keys("suspend.cycles[].phases[]", p, ["name", "start_s", "duration_s"]):
            want("phases[].name", p.get("name"), "string")
            want("phases[].start_s", p.get("start_s"), "seconds")
            want("phases[].duration_s", p.get("duration_s"), "seconds")
    for d in c.get("slowest_devices") or []:
        if check_keys("suspend.cycles[].slowest_devices[]", d,
                      ["phase", "device", "start_s", "duration_s", "result"]):
            want("slowest_devices[].phase", d.get("phase"), "string")
            want("slowest_devices[].device", d.get("device"), "string")
            want("slowest_devices[].start_s", d.get("start_s"), "seconds")
            want("slowest_devices[].duration_s", d.get("duration_s"), "seconds")
            want("slowest_devices[].result", d.get("result"), "signed")


LAT_KINDS = ["irq", "wakeup", "dvfs", "dma", "marker"]
LAT_KEYS = ["kind", "name", "count", "sampled", "min_s", "mean_s", "p50_s", "p90_s",
            "p99_s", "max_s", "histogram"]


def lat_ladder():
    """The histogram's ladder of bin edges in ps: 0, then 1-2-5 from 1 ns."""
    edges = [0]
    decade = 1000
    while len(edges) < 50:
        for m in (1, 2, 5):
            if len(edges) < 50:
                edges.append(m * decade)
        decade *= 10
    return edges + [2**64 - 1]


def check_latency(lat):
    """The `latency` array (docs/report.md "Latency"): types, order, and
    figures that agree with each other and with the histogram."""
    if not want("latency", lat, "array"):
        return
    ladder = lat_ladder()
    order = []
    for v in lat:
        if not check_keys("latency[]", v, LAT_KEYS):
            continue
        where = f"latency[{v.get('kind')} {v.get('name')}]"
        if v.get("kind") not in LAT_KINDS:
            fail(f"{where}: kind {v.get('kind')!r}")
            continue
        want(f"{where}.name", v.get("name"), "string")
        order.append((LAT_KINDS.index(v.get("kind")), v.get("name")))
        if not (want(f"{where}.count", v.get("count"), "integer") and
                want(f"{where}.sampled", v.get("sampled"), "integer")):
            continue
        count, sampled = int(v.get("count").text), int(v.get("sampled").text)
        if count < 1 or sampled < 1 or sampled > count:
            fail(f"{where}: count {count}, sampled {sampled}")
        t = {}
        for k in LAT_KEYS[4:10]:
            if want(f"{where}.{k}", v.get(k), "seconds"):
                t[k] = ps(v.get(k))
        if len(t) == 6:
            seq = [t["min_s"], t["p50_s"], t["p90_s"], t["p99_s"], t["max_s"]]
            if seq != sorted(seq) or not t["min_s"] <= t["mean_s"] <= t["max_s"]:
                fail(f"{where}: min <= p50 <= p90 <= p99 <= max and min <= mean <= max "
                     f"do not hold: {t}")
        h = v.get("histogram")
        if not check_keys(f"{where}.histogram", h, ["edges_s", "counts"]):
            continue
        edges, counts = h.get("edges_s"), h.get("counts")
        if not (want(f"{where}.edges_s", edges, "array") and
                want(f"{where}.counts", counts, "array")):
            continue
        if not all(want(f"{where}.edges_s[]", e, "seconds") for e in edges) or \
                not all(want(f"{where}.counts[]", c, "integer") for c in counts):
            continue
        e = [ps(x) for x in edges]
        c = [int(x.text) for x in counts]
        if len(e) != len(c) + 1 or not c or len(c) > 64:
            fail(f"{where}: {len(e)} edges for {len(c)} bins")
            continue
        if e[0] not in ladder or e != ladder[ladder.index(e[0]):ladder.index(e[0]) + len(e)]:
            fail(f"{where}: edges {e} are not consecutive steps of the 1-2-5 ladder")
        if sum(c) != count or c[0] == 0 or c[-1] == 0:
            fail(f"{where}: histogram counts {c} for {count} samples")
        if len(t) == 6 and not (e[0] <= t["min_s"] < e[1] and e[-2] <= t["max_s"] <= e[-1]):
            fail(f"{where}: min and max are not in the first and last bins {e}")
    if order != sorted(order):
        fail(f"latency: not sorted by kind, then name: {order}")


def check_marker_latency(r):
    """Every marker interval is a sample of its name's "marker" series: the
    series and the interval statistics agree."""
    m, lat = r.get("markers"), r.get("latency")
    if not isinstance(m, Obj) or not isinstance(lat, list) or \
            not isinstance(m.get("intervals"), list):
        return
    series = {v.get("name"): v for v in lat
              if isinstance(v, Obj) and v.get("kind") == "marker"}
    names = [v.get("name") for v in m.get("intervals") if isinstance(v, Obj)]
    if sorted(series) != sorted(names):
        fail(f"latency: marker series {sorted(series)}, intervals {sorted(names)}")
        return
    for v in m.get("intervals"):
        s = series[v.get("name")]
        for k in ("count", "min_s", "max_s"):
            if not isinstance(v.get(k), Num) or not isinstance(s.get(k), Num) or \
                    v.get(k).text != s.get(k).text:
                fail(f"latency: marker {v.get('name')!r} {k} differs from its interval's")


def check_schema(r, host):
    """Every key of docs/report.md, with its type, in the documented order."""
    keys = TOP_KEYS + (["host"] if host else [])
    if not check_keys("report", r, keys):
        return
    want("schema", r.get("schema"), "string")
    for k in ("soc", "image", "outcome"):
        want(k, r.get(k), "string or null")
    want("exit_status", r.get("exit_status"), "signed")
    want("sim_time_s", r.get("sim_time_s"), "seconds")

    e = r.get("energy")
    if check_keys("energy", e, ["total_j", "average_w", "by_component", "by_meter",
                                "by_rail", "battery"]):
        if want("energy.by_meter", e.get("by_meter"), "array"):
            for i, m in enumerate(e.get("by_meter")):
                if check_keys(f"energy.by_meter[{i}]", m, ["component", "kind", "joules"]):
                    want(f"energy.by_meter[{i}].component", m.get("component"), "string")
                    want(f"energy.by_meter[{i}].kind", m.get("kind"), "string")
                    want(f"energy.by_meter[{i}].joules", m.get("joules"), "real")
        want("energy.total_j", e.get("total_j"), "real")
        want("energy.average_w", e.get("average_w"), "real")
        if want("energy.by_component", e.get("by_component"), "object"):
            check_unique("energy.by_component", e.get("by_component"))
            for k, v in e.get("by_component"):
                want(f"energy.by_component.{k}", v, "real")
        if want("energy.by_rail", e.get("by_rail"), "object"):
            check_unique("energy.by_rail", e.get("by_rail"))
            for k, v in e.get("by_rail"):
                if check_keys(f"energy.by_rail.{k}", v, RAIL_KEYS):
                    want(f"by_rail.{k}.microvolt", v.get("microvolt"), "integer")
                    for f in ("out_j", "in_j", "capacitance_f"):
                        want(f"by_rail.{k}.{f}", v.get(f), "real")
                    for f in ("efficiency", "average_a", "curve_efficiency"):
                        want(f"by_rail.{k}.{f}", v.get(f), "real or null")
                    want(f"by_rail.{k}.mode", v.get("mode"), "string or null")
                    modes = v.get("modes")
                    if want(f"by_rail.{k}.modes", modes, "object"):
                        # A switching rail has both modes, an LDO none.
                        names = ["pwm", "pfm"] if v.get("mode") is not None else []
                        if check_keys(f"by_rail.{k}.modes", modes, names):
                            for m in names:
                                if check_keys(f"by_rail.{k}.modes.{m}", modes.get(m),
                                              ["time_s", "loss_j"]):
                                    want(f"by_rail.{k}.modes.{m}.time_s",
                                         modes.get(m).get("time_s"), "real")
                                    want(f"by_rail.{k}.modes.{m}.loss_j",
                                         modes.get(m).get("loss_j"), "real")
        b = e.get("battery")
        if b is not None and want("energy.battery", b, "object"):
            if check_keys("energy.battery", b, BATTERY_KEYS):
                for f in BATTERY_KEYS[:-1]:
                    want(f"energy.battery.{f}", b.get(f), "real or null")
                want("energy.battery.browned_out", b.get("browned_out"), "boolean")

    if want("cpus", r.get("cpus"), "array"):
        for i, c in enumerate(r.get("cpus")):
            w = f"cpus[{i}]"
            if not check_keys(w, c, ["name", "busy_s", "idle_s", "cycles", "stall_cycles",
                                     "instructions", "cstates", "opps", "transitions",
                                     "trans_table"]):
                continue
            want(f"{w}.name", c.get("name"), "string or null")
            for k in ("busy_s", "idle_s"):
                want(f"{w}.{k}", c.get(k), "seconds")
            for k in ("cycles", "stall_cycles", "instructions", "transitions"):
                want(f"{w}.{k}", c.get(k), "integer")
            if want(f"{w}.cstates", c.get("cstates"), "array"):
                for j, s in enumerate(c.get("cstates")):
                    ws = f"{w}.cstates[{j}]"
                    if check_keys(ws, s, ["name", "usage", "time_s", "above", "below",
                                          "latency_us", "residency_us", "energy_j",
                                          "transition_j", "break_even_us",
                                          "break_even_microvolt", "break_even_disagrees"]):
                        want(f"{ws}.energy_j", s.get("energy_j"), "real")
                        want(f"{ws}.transition_j", s.get("transition_j"), "real")
                        want(f"{ws}.break_even_us", s.get("break_even_us"), "real or null")
                        want(f"{ws}.break_even_microvolt", s.get("break_even_microvolt"),
                             "integer")
                        want(f"{ws}.break_even_disagrees", s.get("break_even_disagrees"),
                             "boolean")
                        want(f"{ws}.name", s.get("name"), "string or null")
                        want(f"{ws}.time_s", s.get("time_s"), "seconds")
                        for k in ("usage", "above", "below", "latency_us", "residency_us"):
                            want(f"{ws}.{k}", s.get(k), "integer")
            if want(f"{w}.opps", c.get("opps"), "array"):
                for j, o in enumerate(c.get("opps")):
                    wo = f"{w}.opps[{j}]"
                    if check_keys(wo, o, ["hz", "microvolt", "time_s", "entries",
                                          "transitions", "energy_j"]):
                        want(f"{wo}.energy_j", o.get("energy_j"), "real")
                        for k in ("hz", "microvolt", "entries", "transitions"):
                            want(f"{wo}.{k}", o.get(k), "integer")
                        want(f"{wo}.time_s", o.get("time_s"), "seconds")
            t = c.get("trans_table")
            if t is not None and want(f"{w}.trans_table", t, "array"):
                n = len(c.get("opps") or [])
                if len(t) != n:
                    fail(f"{w}.trans_table: {len(t)} rows for {n} OPPs")
                for row in t:
                    if not want(f"{w}.trans_table row", row, "array") or len(row) != n:
                        fail(f"{w}.trans_table: a row is not {n} integers")
                        continue
                    for x in row:
                        want(f"{w}.trans_table cell", x, "integer")

    if want("domains", r.get("domains"), "object"):
        check_unique("domains", r.get("domains"))
        for k, d in r.get("domains"):
            if check_keys(f"domains.{k}", d, ["on_s", "retention_s", "off_s", "off_entries"]):
                for f in ("on_s", "retention_s", "off_s"):
                    want(f"domains.{k}.{f}", d.get(f), "seconds")
                want(f"domains.{k}.off_entries", d.get("off_entries"), "integer")

    d = r.get("dram")
    if check_keys("dram", d, ["present", "time_s", "self_refresh_entries",
                              "power_down_entries", "reads", "writes"]):
        want("dram.present", d.get("present"), "boolean")
        if check_keys("dram.time_s", d.get("time_s"), DRAM_STATES):
            for k in DRAM_STATES:
                want(f"dram.time_s.{k}", d.get("time_s").get(k), "seconds")
        for k in ("self_refresh_entries", "power_down_entries", "reads", "writes"):
            want(f"dram.{k}", d.get(k), "integer")

    t = r.get("thermal")
    if want("thermal", t, "object") and want("thermal.present", t.get("present"), "boolean"):
        if t.get("present") is False:
            check_keys("thermal", t, ["present"])
        elif check_keys("thermal", t, THERMAL_KEYS):
            want("thermal.ambient_c", t.get("ambient_c"), "real")
            want("thermal.step_s", t.get("step_s"), "seconds")
            if want("thermal.nodes", t.get("nodes"), "object"):
                check_unique("thermal.nodes", t.get("nodes"))
                for k, n in t.get("nodes"):
                    if check_keys(f"thermal.nodes.{k}", n, TEMPS):
                        for f in TEMPS:
                            want(f"thermal.nodes.{k}.{f}", n.get(f), "real")
            if want("thermal.zones", t.get("zones"), "object"):
                check_unique("thermal.zones", t.get("zones"))
                for k, z in t.get("zones"):
                    if not check_keys(f"thermal.zones.{k}", z,
                                      ["node"] + TEMPS + ["trips", "critical_crossed_s"]):
                        continue
                    want(f"thermal.zones.{k}.node", z.get("node"), "string")
                    for f in TEMPS:
                        want(f"thermal.zones.{k}.{f}", z.get(f), "real")
                    want(f"thermal.zones.{k}.critical_crossed_s", z.get("critical_crossed_s"),
                         "seconds or null")
                    if want(f"thermal.zones.{k}.trips", z.get("trips"), "array"):
                        for tp in z.get("trips"):
                            if check_keys(f"thermal.zones.{k}.trips[]", tp,
                                          ["name", "type", "temperature_c", "hysteresis_c",
                                           "above_s"]):
                                want("trip name", tp.get("name"), "string")
                                want("trip type", tp.get("type"), "string")
                                want("trip temperature_c", tp.get("temperature_c"), "real")
                                want("trip hysteresis_c", tp.get("hysteresis_c"), "real")
                                want("trip above_s", tp.get("above_s"), "seconds")
            if want("thermal.throttled_s", t.get("throttled_s"), "object"):
                for k, v in t.get("throttled_s"):
                    want(f"thermal.throttled_s.{k}", v, "seconds")
            sd = t.get("shutdown")
            if sd is not None and check_keys("thermal.shutdown", sd,
                                             ["zone", "trip_c", "crossed_s", "end_s", "text"]):
                want("thermal.shutdown.zone", sd.get("zone"), "string")
                want("thermal.shutdown.trip_c", sd.get("trip_c"), "real")
                want("thermal.shutdown.crossed_s", sd.get("crossed_s"), "seconds")
                want("thermal.shutdown.end_s", sd.get("end_s"), "seconds")
                want("thermal.shutdown.text", sd.get("text"), "string")

    if want("wakeups", r.get("wakeups"), "object"):
        check_unique("wakeups", r.get("wakeups"))
        for k, v in r.get("wakeups"):
            want(f"wakeups.{k}", v, "integer")
    if want("wakeup_causes", r.get("wakeup_causes"), "array"):
        for c in r.get("wakeup_causes"):
            if check_keys("wakeup_causes[]", c, ["kind", "name", "count", "per_s"]):
                if c.get("kind") not in ("irq", "timer"):
                    fail(f"wakeup_causes[]: kind {c.get('kind')!r}")
                want("wakeup_causes[].name", c.get("name"), "string")
                want("wakeup_causes[].count", c.get("count"), "integer")
                want("wakeup_causes[].per_s", c.get("per_s"), "real")
    s = r.get("suspend")
    if check_keys("suspend", s, ["count", "time_s", "cycles"]):
        want("suspend.count", s.get("count"), "integer")
        want("suspend.time_s", s.get("time_s"), "seconds")
        if want("suspend.cycles", s.get("cycles"), "array"):
            for c in s.get("cycles"):
                check_cycle(c)
    m = r.get("markers")
    if check_keys("markers", m, ["recorded", "dropped", "events", "intervals"]):
        want("markers.recorded", m.get("recorded"), "integer")
        want("markers.dropped", m.get("dropped"), "integer")
        if want("markers.events", m.get("events"), "array"):
            for e in m.get("events"):
                if check_keys("markers.events[]", e,
                              ["time_s", "kind", "name", "arg", "energy_j"]):
                    want("markers.events[].time_s", e.get("time_s"), "seconds")
                    if e.get("kind") not in ("begin", "end", "instant"):
                        fail(f"markers.events[]: kind {e.get('kind')!r}")
                    want("markers.events[].name", e.get("name"), "string")
                    want("markers.events[].arg", e.get("arg"), "integer")
                    want("markers.events[].energy_j", e.get("energy_j"), "real")
        if want("markers.intervals", m.get("intervals"), "array"):
            for v in m.get("intervals"):
                if check_keys("markers.intervals[]", v, ["name", "count", "total_s", "min_s",
                                                         "max_s", "mean_s"]):
                    want("markers.intervals[].name", v.get("name"), "string")
                    want("markers.intervals[].count", v.get("count"), "integer")
                    for k in ("total_s", "min_s", "max_s", "mean_s"):
                        want(f"markers.intervals[].{k}", v.get(k), "seconds")
    check_latency(r.get("latency"))
    check_marker_latency(r)
    if want("diagnostics", r.get("diagnostics"), "array"):
        for x in r.get("diagnostics"):
            want("diagnostics[]", x, "string")
    c = r.get("coherency")
    if check_keys("coherency", c, ["mode", "counts", "events"]):
        want("coherency.mode", c.get("mode"), "string")
        if check_keys("coherency.counts", c.get("counts"), COH_KINDS):
            for k in COH_KINDS:
                want(f"coherency.counts.{k}", c.get("counts").get(k), "integer")
        want("coherency.events", c.get("events"), "array")
    if host:
        h = r.get("host")
        if check_keys("host", h, ["seconds", "mips"]):
            want("host.seconds", h.get("seconds"), "real")
            want("host.mips", h.get("mips"), "real")


def check_demo(r, image):
    """What the demo run must show: everything modelled drew energy, and
    every PM feature the demo walks through was used."""
    if r.get("schema") != SCHEMA:
        fail(f"schema is {r.get('schema')!r}")
    if r.get("soc") != "pmsim default SoC":
        fail(f"soc is {r.get('soc')!r}")
    if r.get("image") != image:
        fail(f"image is {r.get('image')!r}, expected {image!r}")
    if not r.get("outcome"):
        fail("no outcome")
    if r.get("exit_status").text != "0":
        fail(f"exit_status {r.get('exit_status').text}")
    T = ps(r.get("sim_time_s"))
    if T <= 0:
        fail("no simulated time")

    e = r.get("energy")
    total = float(e.get("total_j"))
    if not total > 0:
        fail(f"energy.total_j {total}")
    if T and not close(float(e.get("average_w")), total / (T * 1e-12)):
        fail(f"average_w {e.get('average_w').text} is not total_j / sim_time_s")
    comp = dict(e.get("by_component"))
    for name in COMPONENTS:
        if name not in comp:
            fail(f"no component {name}")
        elif not float(comp[name]) > 0:
            fail(f"component {name} drew {comp[name].text} J")
    for prefix in PERIPHERALS:
        hits = [k for k in comp if k.split("@")[0] == prefix]
        if not hits:
            fail(f"no peripheral component {prefix}@...")
        for k in hits:
            if not float(comp[k]) > 0:
                fail(f"peripheral {k} drew {comp[k].text} J")
    for k, v in comp.items():
        if float(v) < 0:
            fail(f"component {k} is negative")
    # With every load on a rail, the components (loads and the rails'
    # conversion losses) add up to the battery total.
    s = sum(float(v) for v in comp.values())
    if not close(s, total, rel=1e-8):
        fail(f"components add up to {s!r} J, total_j is {total!r} J")

    rails = dict(e.get("by_rail"))
    if sorted(rails) != sorted(RAILS):
        fail(f"rails {sorted(rails)}, expected {sorted(RAILS)}")
    battery = 0.0
    for name, supply in RAILS.items():
        rl = rails.get(name)
        if rl is None:
            continue
        out, inp = float(rl.get("out_j")), float(rl.get("in_j"))
        if not (int(rl.get("microvolt").text) > 0 and 0 < out < inp):
            fail(f"rail {name}: {rl.get('microvolt').text} uV, out {out!r} J, in {inp!r} J")
        # The rail's component also holds its capacitance's charge (kind
        # "charge", a load): the loss is its "conversion" meter.
        conv = [float(m.get("joules")) for m in e.get("by_meter")
                if m.get("component") == name and m.get("kind") == "conversion"]
        if len(conv) != 1:
            fail(f"rail {name}: {len(conv)} conversion meters")
        elif not close(conv[0], inp - out, absolute=1e-8 * inp):
            fail(f"rail {name}: conversion loss {conv[0]!r} J is not in - out "
                 f"= {inp - out!r} J")
        if supply == "battery":
            battery += inp
        # A buck: its time up in PWM and PFM within the run, its per-mode
        # losses adding up to its conversion loss, its curve in (0, 1].
        if rl.get("mode") is not None and len(conv) == 1:
            modes = rl.get("modes")
            up = sum(float(modes.get(m).get("time_s")) for m in ("pwm", "pfm"))
            loss = sum(float(modes.get(m).get("loss_j")) for m in ("pwm", "pfm"))
            if not 0 < up <= T * 1e-12 * (1 + 1e-9):
                fail(f"rail {name}: up {up!r} s in its modes, the run is {T * 1e-12} s")
            if not close(loss, conv[0], absolute=1e-8 * inp):
                fail(f"rail {name}: mode losses {loss!r} J, conversion {conv[0]!r} J")
            ce = rl.get("curve_efficiency")
            if ce is None or not 0 < float(ce) <= 1:
                fail(f"rail {name}: curve efficiency {ce}")
    b = e.get("battery")
    if b is None:
        fail("the default SoC's battery is a cell: energy.battery is null")
    else:
        start, end = float(b.get("start_percent")), float(b.get("end_percent"))
        if not (start == 100 and 0 < end <= start and float(b.get("used_mah")) >= 0):
            fail(f"battery: {start} % to {end} %, {b.get('used_mah').text} mAh used")
        if not 3.0 < float(b.get("min_v")) <= 4.2:
            fail(f"battery: min voltage {b.get('min_v').text} V")
    if not close(battery, total, rel=1e-8):
        fail(f"the battery-fed rails draw {battery!r} J, total_j is {total!r} J")

    cpus = r.get("cpus")
    if len(cpus) != 1:
        fail(f"{len(cpus)} cpus")
        return
    c = cpus[0]
    if c.get("name") != "cpu0":
        fail(f"cpus[0].name {c.get('name')!r}")
    if ps(c.get("busy_s")) + ps(c.get("idle_s")) != T:
        fail(f"busy_s {c.get('busy_s').text} + idle_s {c.get('idle_s').text} is not "
             f"sim_time_s {r.get('sim_time_s').text}")
    cyc, stall, ins = (int(c.get(k).text) for k in ("cycles", "stall_cycles", "instructions"))
    if not (cyc > 0 and ins > 0 and stall <= cyc):
        fail(f"cycles {cyc}, stall_cycles {stall}, instructions {ins}")
    cs = c.get("cstates")
    names = [(s.get("name"), int(s.get("residency_us").text)) for s in cs]
    if names != CSTATES:
        fail(f"cstates {names}, expected {CSTATES}")
    for s in cs:
        if not (int(s.get("usage").text) > 0 and ps(s.get("time_s")) > 0):
            fail(f"cstate {s.get('name')}: usage {s.get('usage').text}, "
                 f"time {s.get('time_s').text}")
        if int(s.get("above").text) + int(s.get("below").text) > int(s.get("usage").text):
            fail(f"cstate {s.get('name')}: above + below exceed usage")
        if int(s.get("latency_us").text) <= 0:
            fail(f"cstate {s.get('name')}: latency {s.get('latency_us').text}")
    if sum(ps(s.get("time_s")) for s in cs) > ps(c.get("idle_s")):
        fail("C-state residencies exceed the idle time")
    opps = c.get("opps")
    if len(opps) < 5:
        fail(f"{len(opps)} OPPs, expected at least 5")
    hz = [int(o.get("hz").text) for o in opps]
    if hz != sorted(set(hz)):
        fail(f"OPPs not in increasing frequency order: {hz}")
    for o in opps:
        if not (ps(o.get("time_s")) > 0 and int(o.get("entries").text) > 0
                and int(o.get("microvolt").text) > 0):
            fail(f"OPP {o.get('hz').text} Hz: time {o.get('time_s').text}, "
                 f"entries {o.get('entries').text}")
    if sum(ps(o.get("time_s")) for o in opps) > T:
        fail("OPP residencies exceed the run")
    if int(c.get("transitions").text) < len(opps) - 1:
        fail(f"{c.get('transitions').text} OPP transitions for a walk over {len(opps)} OPPs")

    doms = r.get("domains")
    if doms.names() != DOMAINS:
        fail(f"domains {doms.names()}, expected {DOMAINS}")
    for k, d in doms:
        if ps(d.get("on_s")) + ps(d.get("retention_s")) + ps(d.get("off_s")) != T:
            fail(f"domain {k}: on + retention + off is not the run")
    # System suspend turns every domain but aon and dram off.
    for k in ("core", "periph"):
        d = doms.get(k)
        if d is not None and not (int(d.get("off_entries").text) >= 1 and ps(d.get("off_s")) > 0):
            fail(f"domain {k} never went off")

    d = r.get("dram")
    if d.get("present") is not True:
        fail("dram.present is not true")
    if sum(ps(d.get("time_s").get(k)) for k in DRAM_STATES) != T:
        fail("DRAM state times do not add up to the run")
    if not (int(d.get("self_refresh_entries").text) > 0 and ps(d.get("time_s").get("self_refresh")) > 0):
        fail("the DRAM never entered self-refresh")
    if not (int(d.get("reads").text) > 0 and int(d.get("writes").text) > 0):
        fail("no DRAM reads or writes")

    # The default SoC's thermal model: ambient 25 °C, the die the hottest
    # and above the ambient, each node's figures in order; its zone on the
    # die, never near its trips.
    t = r.get("thermal")
    if t.get("present") is not True:
        fail("thermal.present is not true")
    else:
        if float(t.get("ambient_c")) != 25.0:
            fail(f"thermal.ambient_c {t.get('ambient_c').text}")
        nodes = t.get("nodes")
        if nodes.names() != THERMAL_NODES:
            fail(f"thermal.nodes {nodes.names()}")
        else:
            for k in THERMAL_NODES:
                v = [float(nodes.get(k).get(f)) for f in TEMPS]
                if not (v[0] == 25.0 and v[0] <= v[1] <= v[2] and v[0] <= v[3] <= v[2]):
                    fail(f"thermal.nodes.{k}: min, mean, max, final {v}")
            die = [float(nodes.get("die").get(f)) for f in TEMPS]
            pkg = [float(nodes.get("package").get(f)) for f in TEMPS]
            if not (die[2] > 25.0 and die[2] >= pkg[2]):
                fail(f"the die (max {die[2]}) is not the hottest node, above the ambient")
        z = t.get("zones").get("cpu-thermal")
        if z is None or z.get("node") != "die":
            fail(f"thermal.zones: {t.get('zones').names()}")
        else:
            trips = [(tp.get("name"), tp.get("type"), float(tp.get("temperature_c")))
                     for tp in z.get("trips")]
            if trips != ZONE_TRIPS:
                fail(f"cpu-thermal trips {trips}")
            if any(ps(tp.get("above_s")) != 0 for tp in z.get("trips")):
                fail("cpu-thermal was above a trip")
            if z.get("max_c").text != nodes.get("die").get("max_c").text:
                fail("cpu-thermal is not the die's temperature")
        if t.get("shutdown") is not None:
            fail(f"thermal.shutdown: {t.get('shutdown')}")

    wk = dict(r.get("wakeups"))
    for src in ("timer", "rtc"):
        hits = [k for k in wk if src in k]
        if not hits or not all(int(wk[k].text) > 0 for k in hits):
            fail(f"no wake-ups by the {src}: {list(wk)}")
    s = r.get("suspend")
    if s.get("count").text != "1":
        fail(f"suspend.count {s.get('count').text}, expected 1")
    if not 0 < ps(s.get("time_s")) < T:
        fail(f"suspend.time_s {s.get('time_s').text}")
    if r.get("diagnostics") != []:
        fail(f"diagnostics: {r.get('diagnostics')}")


def check_text(where, text):
    """docs/report.md: pretty-printed with two-space indentation, ending
    with a newline, no tabs, no nan or inf."""
    if not text.endswith("}\n"):
        fail(f"{where}: does not end with '}}' and a newline")
    if "\t" in text:
        fail(f"{where}: contains a tab")
    for bad in ("nan", "inf", "NaN", "Infinity"):
        if re.search(r"[:\[,]\s*-?" + bad, text):
            fail(f"{where}: contains {bad}")
    for i, line in enumerate(text.splitlines()[1:-1], 2):
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 or indent % 2 or line != line.rstrip():
            fail(f"{where}: line {i} is not indented by twos: {line!r}")
            break


def run(pmsim, args, cwd=None):
    p = subprocess.run([pmsim, "run"] + args, stdin=subprocess.DEVNULL,
                       capture_output=True, cwd=cwd, timeout=600)
    return p.returncode, p.stdout, p.stderr


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check_text(path, text)
    try:
        return text, parse(text)
    except ValueError as e:
        fail(f"{path}: not JSON: {e}")
        return text, None


def cmd_demo(pmsim, image, tmp):
    out = os.path.join(tmp, "demo.json")
    rc, _, err = run(pmsim, ["--report", out, "--no-host", image])
    if rc != 0:
        fail(f"exit status {rc}: {err.decode(errors='replace')}")
        return
    if err:
        fail(f"stderr is not empty: {err.decode(errors='replace')}")
    if os.path.exists(out + ".tmp"):
        fail("a .tmp file was left behind")
    # The JSON parses with the standard parser as it stands...
    subprocess.run([sys.executable, "-m", "json.tool", out], check=True,
                   stdout=subprocess.DEVNULL)
    _, r = load(out)
    if r is not None:
        check_schema(r, host=False)
    if not failures:
        check_demo(r, image)


def cmd_determinism(pmsim, image, tmp):
    runs = []
    for i in (1, 2):
        out = os.path.join(tmp, f"run{i}.json")
        rc, so, se = run(pmsim, ["--no-host", "--summary", "--report", out, image])
        with open(out, "rb") as f:
            runs.append((rc, so, se, f.read()))
    (rc1, so1, se1, j1), (rc2, so2, se2, j2) = runs
    if rc1 != 0 or rc2 != 0:
        fail(f"exit statuses {rc1}, {rc2}")
    if j1 != j2:
        fail("the two JSON reports differ")
    if se1 != se2:
        fail("the two --summary texts differ")
    if so1 != so2:
        fail("the two runs' guest output differs")
    if b"pmsim power report" not in se1 or b"host" in se1:
        fail("--summary --no-host: no report, or a host section, on stderr")


def cmd_host(pmsim, image, tmp):
    out = os.path.join(tmp, "host.json")
    rc, _, err = run(pmsim, ["--summary", "--report", out, image])
    if rc != 0:
        fail(f"exit status {rc}")
        return
    _, r = load(out)
    if r is None:
        return
    check_schema(r, host=True)
    h = r.get("host") if isinstance(r, Obj) else None
    if h is not None and h.get("seconds") is not None and not float(h.get("seconds")) >= 0:
        fail(f"host.seconds {h.get('seconds').text}")
    lines = err.decode().splitlines()
    rule = [i for i, l in enumerate(lines) if l.startswith("---- host")]
    if not rule:
        fail("--summary without --no-host: no host section")
    elif not any(l.strip().startswith("Host time:") for l in lines[rule[0]:]):
        fail("the host section has no 'Host time:' line")


def no_output(path):
    for p in (path, path + ".tmp"):
        if os.path.exists(p):
            fail(f"{p} was created")


def one_line_73(what, rc, err):
    lines = err.decode(errors="replace").splitlines()
    if rc != 73:
        fail(f"{what}: exit status {rc}, expected 73")
    if len(lines) != 1 or not lines[0].startswith("pmsim: --report"):
        fail(f"{what}: stderr is not one 'pmsim: --report ...' line: {lines}")


def cmd_cantcreate(pmsim, image, tmp):
    # A directory that does not exist: refused before the run starts.
    path = os.path.join(tmp, "missing", "r.json")
    rc, so, se = run(pmsim, ["--no-host", "--report", path, image])
    one_line_73("missing directory", rc, se)
    if so:
        fail("missing directory: the guest ran although its report could not be written")
    no_output(path)
    # The name of an existing directory.
    rc, so, se = run(pmsim, ["--no-host", "--report", tmp, image])
    one_line_73("a directory as the file", rc, se)
    # A path through a regular file: no directory to create it in.
    plain = os.path.join(tmp, "plain")
    with open(plain, "w"):
        pass
    path = os.path.join(plain, "r.json")
    rc, so, se = run(pmsim, ["--no-host", "--report", path, image])
    one_line_73("a file as the directory", rc, se)
    no_output(path)


def cmd_readonly(pmsim, image, tmp):
    ro = os.path.join(tmp, "ro")
    os.mkdir(ro)
    os.chmod(ro, 0o555)
    os.chmod(tmp, 0o755)
    path = os.path.join(ro, "r.json")
    argv = [pmsim, "run", "--no-host", "--report", path, image]
    if os.geteuid() == 0:
        # Root writes anywhere: drop to nobody for this run, if that is
        # possible here (setpriv, and the binary and image readable).
        setpriv = shutil.which("setpriv")
        if not setpriv:
            print("skipped: running as root without setpriv")
            sys.exit(SKIP)
        argv = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + argv
        probe = subprocess.run(argv[:4] + [pmsim, "--version"], capture_output=True)
        img_ok = subprocess.run(argv[:4] + ["test", "-r", image], capture_output=True)
        if probe.returncode != 0 or img_ok.returncode != 0:
            print("skipped: nobody cannot run pmsim or read the image here")
            sys.exit(SKIP)
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    one_line_73("read-only directory", p.returncode, p.stderr)
    if p.stdout:
        fail("read-only directory: the guest ran although its report could not be written")
    no_output(path)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, pmsim, image = sys.argv[1:]
    cmds = {"demo": cmd_demo, "determinism": cmd_determinism, "host": cmd_host,
            "cantcreate": cmd_cantcreate, "readonly": cmd_readonly}
    tmp = tempfile.mkdtemp(prefix="check_report_")
    try:
        cmds[cmd](pmsim, image, tmp)
    finally:
        for root, dirs, _ in os.walk(tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(f"{cmd}: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
