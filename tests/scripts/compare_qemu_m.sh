#!/bin/sh
# Run a semihosting image on pmsim and on a chosen qemu-system-arm machine
# and compare what they print and their exit statuses. Like compare_qemu.sh,
# but for any MPS2 board (mps2-an385 for Cortex-M3 images, mps2-an500 for
# Cortex-M7 ones) and with pmsim options (such as --config m7.dtb) so that
# both simulate the same core. QEMU writes the semihosting console to
# stderr and pmsim keeps stdout and stderr apart, so each side's two
# streams are merged before the comparison.
#
#   compare_qemu_m.sh PMSIM QEMU MACHINE IMAGE [PMSIM-OPTIONS...]
set -u
pmsim=$1 qemu=$2 machine=$3 image=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 60 "$pmsim" run "$@" "$image" >"$tmp/p" 2>&1 </dev/null
ps=$?
timeout 60 "$qemu" -M "$machine" -nographic -monitor none -serial none \
	-semihosting-config enable=on,target=native -kernel "$image" >"$tmp/q" 2>&1 </dev/null
qs=$?
fail=0
if ! cmp -s "$tmp/p" "$tmp/q"; then
	echo "FAIL: output differs (< qemu $machine, > pmsim):"; diff "$tmp/q" "$tmp/p" | head -50
	fail=1
fi
if [ $ps -ne $qs ]; then
	echo "FAIL: exit status pmsim $ps, qemu $qs"; fail=1
fi
[ $fail -eq 0 ] && echo "same output and status ($ps) on pmsim and qemu $machine"
tail -n 1 "$tmp/p"
exit $fail
