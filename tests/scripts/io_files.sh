#!/bin/sh
# Output and input files of `pmsim run` (docs/cli.md, "Input and output
# files"): outputs never replace what is not theirs, never overwrite an
# input, are checked before the run, and their write errors are errors;
# inputs are bounded regular files.
#
#   io_files.sh CASE PMSIM FIRMWARE-DIR
#
# Devices are reached through symbolic links in a private directory, so
# that a pmsim that replaced its output would replace the link, never the
# device node itself. Exit 77 (skipped) when the host lacks what a case
# needs.
set -u
case_=$1 pmsim=$2 fw=$3
hello=$fw/hello/hello.elf spin=$fw/tests/spin.elf echo=$fw/tests/uart_echo.elf
configs=$(cd "$(dirname "$0")/../../configs" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
cp "$hello" fw.elf
fail=0

# run STATUS ARGS...: run pmsim with stdout in out, stderr in err.
run() {
	want=$1
	shift
	"$pmsim" "$@" >out 2>err </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: status $got, wanted $want: pmsim $*"
		echo "--- stderr"; cat err; fail=1
	fi
}
has() { # FILE TEXT
	grep -qF -- "$2" "$1" || { echo "FAIL: $1 does not contain '$2':"; cat "$1"; fail=1; }
}
hasnt() {
	! grep -qF -- "$2" "$1" || { echo "FAIL: $1 contains '$2':"; cat "$1"; fail=1; }
}
is_report() {
	grep -q '"schema": "pmsim-report/2"' "$1" 2>/dev/null ||
		{ echo "FAIL: $1 is not a report"; fail=1; }
}
no_temp() {
	if ls -a | grep -q '\.tmp\.'; then
		echo "FAIL: a temporary file is left:"; ls -la; fail=1
	fi
}
# The run did not start: a run prints its statistics with --stats.
not_run() { hasnt err "simulated time"; }

case $case_ in
symlink)
	# The link survives and its target gets the report, also when the
	# target does not exist yet (a dangling link names the file to make).
	ln -s target.json link.json
	mkdir sub && ln -s ../sub/deep.json sub/rel.json && ln -s sub/rel.json chain.json
	run 0 run --report link.json fw.elf
	[ -L link.json ] || { echo "FAIL: the symbolic link was replaced"; fail=1; }
	is_report target.json
	run 0 run --report chain.json fw.elf
	[ -L chain.json ] && [ -L sub/rel.json ] || { echo "FAIL: a link of the chain was replaced"; fail=1; }
	is_report sub/deep.json
	no_temp ;;
fifo)
	# Written through, and still a FIFO afterwards.
	mkfifo pipe
	cat pipe >got &
	reader=$!
	run 0 run --report pipe fw.elf
	# A pmsim that never opened the FIFO leaves its reader waiting.
	[ "$got" = 0 ] || kill $reader
	wait $reader
	[ -p pipe ] || { echo "FAIL: the FIFO was replaced"; fail=1; }
	is_report got
	# The UART output too (the guest echoes its input in capitals).
	printf 'quit\n' >in.txt
	cat pipe >ugot &
	reader=$!
	run 0 run --uart-in in.txt --uart-out pipe "$echo"
	[ "$got" = 0 ] || kill $reader
	wait $reader
	[ -p pipe ] || { echo "FAIL: the FIFO was replaced by --uart-out"; fail=1; }
	has ugot "QUIT" ;;
device)
	# A write error on a device is status 73 with its reason, and the
	# device (here reached through a link) is left as it is.
	[ -c /dev/full ] || exit 77
	ln -s /dev/full full
	run 73 run --report full fw.elf
	has err "pmsim: --report full: cannot write: No space left on device"
	[ -L full ] || { echo "FAIL: the link to /dev/full was replaced"; fail=1; }
	[ -c /dev/full ] || { echo "FAIL: /dev/full is no longer a device"; fail=1; } ;;
stdout)
	# --report /dev/stdout: after the guest's output, into a file or a pipe.
	[ -e /dev/stdout ] || exit 77
	ln -s /dev/stdout so
	run 0 run --no-host --report so fw.elf
	has out "longjmp returned 42"
	is_report out
	[ "$(grep -n longjmp out | cut -d: -f1)" -lt "$(grep -n schema out | cut -d: -f1)" ] ||
		{ echo "FAIL: the report is not after the guest's output"; fail=1; }
	"$pmsim" run --no-host --report so fw.elf 2>err </dev/null | cat >piped
	is_report piped
	[ -L so ] || { echo "FAIL: the link to /dev/stdout was replaced"; fail=1; } ;;
refused)
	# A directory and a socket are refused before the run.
	mkdir dir
	run 73 run --stats --until 1ms --report dir "$spin"
	has err "pmsim: --report dir: is a directory"
	not_run
	run 73 run --stats --until 1ms --uart-out dir "$spin"
	has err "pmsim: --uart-out dir: is a directory"
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("sock")'
		run 73 run --stats --until 1ms --report sock "$spin"
		has err "pmsim: --report sock: is a socket"
		[ -S sock ] || { echo "FAIL: the socket was replaced"; fail=1; }
		not_run
	fi ;;
inputs)
	# An output naming an input, however spelt, is refused before the run
	# and the input is intact.
	cp fw.elf orig.elf
	ln fw.elf hard.elf
	mkdir sub
	printf 'x' >in.txt
	cp "$configs/default.dts" soc.dts
	run 73 run --report fw.elf fw.elf
	has err "pmsim: --report fw.elf: is the image (fw.elf); an output must not overwrite an input"
	run 73 run --report sub/../hard.elf fw.elf
	has err "is the image (fw.elf)"
	run 73 run --uart-out "$tmp/fw.elf" fw.elf
	has err "pmsim: --uart-out $tmp/fw.elf: is the image (fw.elf)"
	run 73 run --report soc.dts --config soc.dts fw.elf
	has err "is the --config file (soc.dts)"
	run 73 run --uart-out in.txt --uart-in in.txt fw.elf
	has err "is the --uart-in file (in.txt)"
	"$pmsim" run --uart-in - --report in.txt fw.elf <in.txt >out 2>err
	[ $? -eq 73 ] || { echo "FAIL: --report on the file given as stdin"; fail=1; }
	has err "is standard input"
	run 73 run --report r.json --uart-out ./r.json fw.elf
	has err "pmsim: --report r.json and --uart-out ./r.json name the same file"
	cmp -s fw.elf orig.elf || { echo "FAIL: the image was overwritten"; fail=1; }
	[ "$(cat in.txt)" = x ] || { echo "FAIL: the --uart-in file was overwritten"; fail=1; }
	cmp -s soc.dts "$configs/default.dts" ||
		{ echo "FAIL: the --config file was overwritten"; fail=1; }
	[ ! -e r.json ] || { echo "FAIL: r.json was created"; fail=1; }
	no_temp ;;
precheck)
	# What cannot be created is found before the run, not after it.
	[ -d /proc/self ] || exit 77
	run 73 run --stats --until 1ms --report /proc/x.json "$spin"
	has err "pmsim: --report /proc/x.json: cannot create"
	not_run
	run 73 run --stats --until 1ms --report nodir/x.json "$spin"
	has err "pmsim: --report nodir/x.json: nodir: No such file or directory"
	not_run
	# A leftover of an earlier run does not matter, and is not removed.
	mkdir r.json.tmp
	run 124 run --until 1ms --report r.json "$spin"
	is_report r.json
	[ -d r.json.tmp ] || { echo "FAIL: r.json.tmp was removed"; fail=1; }
	no_temp ;;
stdout-error)
	[ -c /dev/full ] || exit 77
	"$pmsim" run fw.elf >/dev/full 2>err </dev/null
	[ $? -eq 73 ] || { echo "FAIL: a run into /dev/full must fail with 73"; fail=1; }
	has err "pmsim: standard output: "
	"$pmsim" info >/dev/full 2>err
	[ $? -eq 73 ] || { echo "FAIL: info into /dev/full must fail with 73"; fail=1; }
	has err "pmsim: standard output: "
	"$pmsim" --help >/dev/full 2>err
	[ $? -eq 73 ] || { echo "FAIL: --help into /dev/full must fail with 73"; fail=1; }
	has err "pmsim: standard output: No space left on device"
	[ -c /dev/full ] || exit 77
	# UART output into /dev/full (the guest echoes its input, then exits).
	ln -s /dev/full full
	printf 'quit\n' >in.txt
	run 73 run --uart-in in.txt --uart-out full "$echo"
	has err "pmsim: --uart-out full: cannot write" ;;
limits)
	# Inputs larger than their limit are refused without being run.
	truncate -s 129M big.elf
	run 65 run big.elf
	has err "pmsim: big.elf: larger than 128 MiB"
	truncate -s 5M big.dtb
	run 65 run --config big.dtb fw.elf
	has err "pmsim: big.dtb: larger than 4 MiB"
	# A small .dts whose blob is too large (dtc reads the included file).
	truncate -s 5M blob.bin
	printf '/include/ "%s/default.dts"\n/ { big = /incbin/("blob.bin"); };\n' "$configs" >big.dts
	run 65 run --config big.dts fw.elf
	has err "pmsim: big.dts: its device tree blob is larger than 4 MiB"
	truncate -s 17M big.txt
	run 65 run --uart-in big.txt fw.elf
	has err "pmsim: big.txt: larger than 16 MiB"
	head -c 17000000 big.txt | "$pmsim" run --uart-in - fw.elf >out 2>err
	[ $? -eq 65 ] || { echo "FAIL: 17 MB on stdin must be refused with 65"; fail=1; }
	has err "pmsim: standard input (--uart-in -): larger than 16 MiB"
	# Up to the limit is fine.
	head -c 16777216 big.txt | "$pmsim" run --uart-in - fw.elf >out 2>err
	[ $? -eq 0 ] || { echo "FAIL: 16 MiB on stdin must be accepted"; cat err; fail=1; } ;;
*)
	echo "unknown case $case_"; exit 2 ;;
esac
exit $fail
