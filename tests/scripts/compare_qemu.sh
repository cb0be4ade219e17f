#!/bin/sh
# Run a semihosting image on pmsim and on qemu-system-arm -M mps2-an385 and
# compare what they print and their exit statuses. QEMU writes the
# semihosting console to stderr; pmsim keeps stdout and stderr apart, so the
# image should print to one stream only (both outputs are merged here).
#
#   compare_qemu.sh PMSIM IMAGE [GUEST-ARGS...]
set -u
pmsim=$1 image=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then
	"$pmsim" run "$image" -- "$@" >"$tmp/p" 2>&1 </dev/null
else
	"$pmsim" run "$image" >"$tmp/p" 2>&1 </dev/null
fi
ps=$?
timeout 60 qemu-system-arm -M mps2-an385 -nographic -monitor none -serial none \
	-semihosting-config enable=on,target=native -kernel "$image" \
	${1+-append "$*"} >"$tmp/q" 2>&1 </dev/null
qs=$?
fail=0
if ! cmp -s "$tmp/p" "$tmp/q"; then
	echo "FAIL: output differs (< qemu, > pmsim):"; diff "$tmp/q" "$tmp/p"; fail=1
fi
if [ $ps -ne $qs ]; then
	echo "FAIL: exit status pmsim $ps, qemu $qs"; fail=1
fi
[ $fail -eq 0 ] && echo "same output and status ($ps) on pmsim and qemu"
exit $fail
