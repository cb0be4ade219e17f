#!/bin/sh
# UART 0 end to end with uart_echo.elf: RX from a file and from stdin,
# TX to stdout and to a file, interrupts and WFI in between.
#   uart.sh PMSIM IMAGE
set -u
pmsim=$1 image=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'hello\nworld\nquit\n' >"$tmp/in"
printf 'uart ready\nHELLO\nWORLD\nQUIT\nirqs taken: yes\n' >"$tmp/want"
fail=0

"$pmsim" run --uart-in "$tmp/in" "$image" >"$tmp/out1" 2>&1 </dev/null
[ $? -eq 0 ] || { echo "FAIL: --uart-in FILE: status"; fail=1; }
cmp -s "$tmp/want" "$tmp/out1" || { echo "FAIL: --uart-in FILE output:"; cat "$tmp/out1"; fail=1; }

"$pmsim" run --uart-in - "$image" <"$tmp/in" >"$tmp/out2" 2>&1
[ $? -eq 0 ] || { echo "FAIL: --uart-in -: status"; fail=1; }
cmp -s "$tmp/want" "$tmp/out2" || { echo "FAIL: --uart-in - output:"; cat "$tmp/out2"; fail=1; }

# UART output to a file; semihosting output stays on stdout.
"$pmsim" run --uart-in "$tmp/in" --uart-out "$tmp/uart" "$image" >"$tmp/out3" 2>&1 </dev/null
[ $? -eq 0 ] || { echo "FAIL: --uart-out: status"; fail=1; }
[ "$(cat "$tmp/out3")" = "irqs taken: yes" ] || { echo "FAIL: stdout with --uart-out:"; cat "$tmp/out3"; fail=1; }
printf 'uart ready\nHELLO\nWORLD\nQUIT\n' | cmp -s - "$tmp/uart" ||
	{ echo "FAIL: --uart-out file:"; cat "$tmp/uart"; fail=1; }

# No input at all: the guest sleeps with nothing to wake it.
"$pmsim" run "$image" >"$tmp/out4" 2>&1 </dev/null
[ $? -eq 126 ] || { echo "FAIL: without input the run should end asleep (126)"; fail=1; }
exit $fail
