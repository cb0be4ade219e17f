#!/bin/sh
# Run a guest with `--report FILE` and check its exit status, its stdout
# and the `coherency` object of the JSON report (docs/report.md,
# docs/coherency.md) against what the guest itself says it expects.
#
#   coh_report.sh STATUS OUT -- PMSIM run [OPTIONS] IMAGE [-- GUEST-ARGS]
#
# OUT: text that stdout must contain. The guest prints one line
#   coh-expect: KIND ADDR LEN CHANNEL FUNCTION DMA-FUNCTION
# per range it expects to be reported (firmware/tests/dma/dmatest.h; "-"
# leaves a field unchecked). The report must then have, for every kind:
#  - counts[KIND] equal to the number of cache lines in the union of the
#    expected ranges (0 for a kind the guest never mentions);
#  - events of that kind covering exactly that union, no more, no less;
#  - on every such event overlapping an expected range: that range's
#    CHANNEL, FUNCTION and DMA-FUNCTION (those given), a time, a non-zero
#    pc and, for stale-read and clobber, a DMA write no later than the
#    event.
# STATUS 127 is a --coherency=fatal stop: the guest printed nothing it
# expects, so instead the report must hold the one event that stopped the
# run, and the stop message on stderr must name that event's address, pc
# and function (not where the core went next). OUT "-": stdout unchecked.
# The report is written with --no-host, to a temporary directory. Needs
# python3 (PYTHON3 in the environment, else python3 from PATH).
set -u
want_status=$1 want_out=$2
shift 2
[ "$1" = "--" ] && shift
pmsim=$1
shift
[ "$1" = "run" ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pmsim" run --no-host --report "$tmp/report.json" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
fail=0
if [ "$status" != "$want_status" ]; then
	echo "FAIL: status $status, wanted $want_status"; fail=1
fi
if [ "$want_out" != - ] && ! grep -qF -- "$want_out" "$tmp/out"; then
	echo "FAIL: stdout does not contain '$want_out'"; fail=1
fi
if [ ! -f "$tmp/report.json" ]; then
	echo "FAIL: no report written"; fail=1
elif ! "${PYTHON3:-python3}" - "$tmp/report.json" "$tmp/out" "$tmp/err" "$status" <<'PYEOF'
import json, re, sys

KINDS = ("dma-read-dirty", "stale-read", "clobber", "lost-dirty")
LINE = 32  # the default SoC's D-cache line (configs/default.dts)
rep = json.load(open(sys.argv[1]))
coh = rep.get("coherency")
bad = []
if not isinstance(coh, dict):
    print("FAIL: the report has no coherency object")
    sys.exit(1)

if sys.argv[4] == "127":
    # A fatal stop: one event, and the message names it.
    events = coh.get("events", [])
    err = open(sys.argv[3], errors="replace").read()
    m = re.search(r"coherency error \(--coherency=fatal\): .* at 0x([0-9a-f]{8}) "
                  r"at pc 0x([0-9a-f]{8})(?: \(([^+)]+)\+0x[0-9a-f]+\))?$", err, re.M)
    if len(events) != 1:
        bad.append("a fatal stop with %d events in the report" % len(events))
    elif not m:
        bad.append("no fatal coherency message on stderr")
    else:
        e = events[0]
        got = (int(m.group(1), 16), int(m.group(2), 16), m.group(3))
        want = (e.get("addr"), e.get("pc"), e.get("function"))
        if got != want:
            bad.append("the stop message names addr, pc, function %s; the event has %s" %
                       ((hex(got[0]), hex(got[1]), got[2]),
                        (hex(want[0] or 0), hex(want[1] or 0), want[2])))
    for b in bad:
        print("FAIL: " + b)
    sys.exit(1 if bad else 0)

want = {k: [] for k in KINDS}
for line in open(sys.argv[2], errors="replace"):
    if not line.startswith("coh-expect: "):
        continue
    f = line.split()
    if len(f) != 7 or f[1] not in KINDS:
        bad.append("malformed expectation: " + line.strip())
        continue
    want[f[1]].append({"addr": int(f[2], 16), "len": int(f[3]),
                       "channel": None if f[4] == "-" else int(f[4]),
                       "function": None if f[5] == "-" else f[5],
                       "dma_function": None if f[6] == "-" else f[6]})

def lines_of(ranges):
    s = set()
    for a, n in ranges:
        for la in range(a - a % LINE, a + n, LINE):
            s.add(la)
    return s

counts = coh.get("counts", {})
events = coh.get("events", [])
for k in KINDS:
    exp_lines = lines_of((w["addr"], w["len"]) for w in want[k])
    evs = [e for e in events if e.get("kind") == k]
    got_lines = lines_of((e["addr"], e["len"]) for e in evs)
    if counts.get(k) != len(exp_lines):
        bad.append("counts[%s] = %s, wanted %d" % (k, counts.get(k), len(exp_lines)))
    if got_lines != exp_lines:
        extra = sorted(got_lines - exp_lines)
        missing = sorted(exp_lines - got_lines)
        bad.append("%s events: lines %s not expected, lines %s missing" %
                   (k, [hex(x) for x in extra[:8]], [hex(x) for x in missing[:8]]))
    for e in evs:
        if not isinstance(e.get("time_s"), (int, float)) or e["time_s"] <= 0:
            bad.append("%s event without a time: %s" % (k, e))
        if not e.get("pc"):
            bad.append("%s event without a pc: %s" % (k, e))
        if k in ("stale-read", "clobber"):
            dt = e.get("dma_time_s")
            if not isinstance(dt, (int, float)) or dt > e["time_s"]:
                bad.append("%s event without an earlier DMA write: %s" % (k, e))
        for w in want[k]:
            if e["addr"] + e["len"] <= w["addr"] or w["addr"] + w["len"] <= e["addr"]:
                continue
            for field in ("channel", "function", "dma_function"):
                if w[field] is not None and e.get(field) != w[field]:
                    bad.append("%s event at 0x%08x: %s is %r, wanted %r" %
                               (k, e["addr"], field, e.get(field), w[field]))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PYEOF
then
	fail=1
fi
if [ $fail -ne 0 ]; then
	echo "command: $pmsim run --no-host --report FILE $*"
	echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
	echo "--- coherency"
	[ -f "$tmp/report.json" ] && sed -n '/^  "coherency": {/,/^  }/p' "$tmp/report.json"
	exit 1
fi
exit 0
