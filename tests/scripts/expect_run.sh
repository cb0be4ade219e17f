#!/bin/sh
# Run a command and check its exit status, stdout and stderr.
#
#   expect_run.sh STATUS OUT ERR -- COMMAND [ARGS...]
#
# STATUS is a number, or "bad" for any status from 1 to 123.
# OUT and ERR are "-" (not checked), "=TEXT" (must equal TEXT, with \n
# escapes), "~TEXT" (must contain TEXT), "%TEXT" (must have a line that is
# exactly TEXT) or "!TEXT" (must not contain TEXT).
set -u
want_status=$1 want_out=$2 want_err=$3
shift 3
[ "$1" = "--" ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
fail=0

check() { # name expectation file
	case "$2" in
	[~%!]*"
"*) # grep would take each line as a pattern, and an empty one matches anything
	    echo "FAIL: $1 expectation has a line break; use =TEXT for several lines"; fail=1 ;;
	-) ;;
	=*) printf '%b' "${2#?}" >"$tmp/want"
	    if ! cmp -s "$tmp/want" "$3"; then
		echo "FAIL: $1 differs from the expected text:"; diff "$tmp/want" "$3"; fail=1
	    fi ;;
	~*) if ! grep -qF -- "${2#?}" "$3"; then
		echo "FAIL: $1 does not contain '${2#?}'"; fail=1
	    fi ;;
	%*) if ! grep -qxF -- "${2#?}" "$3"; then
		echo "FAIL: $1 has no line '${2#?}'"; fail=1
	    fi ;;
	!*) if grep -qF -- "${2#?}" "$3"; then
		echo "FAIL: $1 contains '${2#?}'"; fail=1
	    fi ;;
	esac
}

if [ "$want_status" = bad ]; then
	if [ "$status" -lt 1 ] || [ "$status" -gt 123 ]; then
		echo "FAIL: status $status, wanted 1..123"; fail=1
	fi
elif [ "$status" != "$want_status" ]; then
	echo "FAIL: status $status, wanted $want_status"; fail=1
fi
check stdout "$want_out" "$tmp/out"
check stderr "$want_err" "$tmp/err"
if [ "$want_status" = bad ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
	echo "FAIL: a bad input must give exactly one line of error"; fail=1
fi
if [ $fail -ne 0 ]; then
	echo "command: $*"
	echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"
	exit 1
fi
exit 0
