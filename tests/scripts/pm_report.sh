#!/bin/sh
# Run a guest with `--report FILE` and check its exit status, its stdout and
# the diagnostics of the JSON report (docs/report.md).
#
#   pm_report.sh STATUS OUT DIAG -- PMSIM run [OPTIONS] IMAGE [-- GUEST-ARGS]
#
# OUT: text that stdout must contain. DIAG: "none" (the report has no
# diagnostics), "~TEXT" (one of them contains TEXT) or "!TEXT" (none does).
# The report is written with --no-host, to a temporary directory.
set -u
want_status=$1 want_out=$2 want_diag=$3
shift 3
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
if ! grep -qF -- "$want_out" "$tmp/out"; then
	echo "FAIL: stdout does not contain '$want_out'"; fail=1
fi
# The diagnostics: from the key to the closing bracket of its array.
if [ -f "$tmp/report.json" ]; then
	sed -n '/^  "diagnostics": \[\],\{0,1\}$/p; /^  "diagnostics": \[$/,/^  \]/p' \
		"$tmp/report.json" >"$tmp/diag"
else
	echo "FAIL: no report written"; fail=1
	: >"$tmp/diag"
fi
case "$want_diag" in
none) if ! grep -qE '^  "diagnostics": \[\],?$' "$tmp/diag"; then
	echo "FAIL: the report has diagnostics"; fail=1
      fi ;;
~*) if ! grep -qF -- "${want_diag#?}" "$tmp/diag"; then
	echo "FAIL: no diagnostic contains '${want_diag#?}'"; fail=1
    fi ;;
!*) if grep -qF -- "${want_diag#?}" "$tmp/diag"; then
	echo "FAIL: a diagnostic contains '${want_diag#?}'"; fail=1
    fi ;;
*) echo "FAIL: bad DIAG expectation '$want_diag'"; fail=1 ;;
esac
if [ $fail -ne 0 ]; then
	echo "command: $pmsim run --no-host --report FILE $*"
	echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
	echo "--- diagnostics"; cat "$tmp/diag"
	exit 1
fi
exit 0
