#!/bin/sh
# pmfw's shell on the console tty (the PL011 driver, n_tty), fed through
# --uart-in: each line is echoed after its prompt, commands run, errors and
# the exit status are the shell's; line editing (DEL, ^H, ^U, ^C) and ^D
# at the start of a line (end of file: exit with the last status); the
# command line runs first, the console after; the same from stdin.
#   pmfw_tty.sh PMSIM IMAGE [PMSIM OPTIONS...]
set -u
pmsim=$1 image=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

check() {
	if [ "$status" -ne "$2" ]; then
		echo "FAIL: $1: status $status, wanted $2"; cat "$tmp/err"; fail=1
	fi
	if ! cmp -s "$tmp/want" "$tmp/out"; then
		echo "FAIL: $1: output differs:"; diff "$tmp/want" "$tmp/out"; fail=1
	fi
}

session_in='echo '"'"'a  b'"'"' "c;d"\ncat /nothing\nnope\nls /sys/bus/platform\nexit 3\n'
session_out='# echo '"'"'a  b'"'"' "c;d"\na  b c;d\n# cat /nothing\ncat: /nothing: No such file or directory\n# nope\nsh: nope: not found\n# ls /sys/bus/platform\ndevices\ndrivers\ndrivers_autoprobe\ndrivers_probe\n# exit 3\n'

printf '%b' "$session_in" >"$tmp/in"
printf '%b' "$session_out" >"$tmp/want"
"$pmsim" run "$@" --uart-in "$tmp/in" "$image" -- quiet >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
check "session from a file" 3

"$pmsim" run "$@" --uart-in - "$image" -- quiet <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
status=$?
check "session from stdin" 3

# Editing: DEL and ^H erase a character, ^U the line, ^C drops the line
# (the shell prompts again), ^D alone ends the session with the last status.
printf 'echo abc\177d\010e\necho xyz\025echo ok\necho no\003cat /nothing\n\004' >"$tmp/in"
printf '# echo abc\b \bd\b \be\nabe\n# echo xyz\b \b\b \b\b \b\b \b\b \b\b \b\b \b\b \becho ok\nok\n# echo no^C\n# cat /nothing\ncat: /nothing: No such file or directory\n# \n' >"$tmp/want"
"$pmsim" run "$@" --uart-in "$tmp/in" "$image" -- quiet >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
check "line editing and end of file" 1

# Many lines sent back to back: taken one at a time, none lost (the far
# end waits on RTS); a line longer than 255 characters is cut there.
: >"$tmp/in"
: >"$tmp/want"
for i in $(seq 1 40); do
	printf 'echo line %d\n' "$i" >>"$tmp/in"
	printf '# echo line %d\nline %d\n' "$i" "$i" >>"$tmp/want"
done
long=$(printf '%0300d' 0)
printf 'echo %s\nexit\n' "$long" >>"$tmp/in"
cut=$(printf '%0250d' 0)
printf '# echo %s\n%s\n# exit\n' "$cut" "$cut" >>"$tmp/want"
"$pmsim" run "$@" --uart-in "$tmp/in" "$image" -- quiet >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
check "forty lines and a long one" 0

# The command line first, then the console.
printf 'exit 4\n' >"$tmp/in"
printf 'from the command line\n# exit 4\n' >"$tmp/want"
"$pmsim" run "$@" --uart-in "$tmp/in" "$image" -- quiet echo from the command line >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
check "command line, then console" 4

# poweroff from the console: the devices shut down, status 0.
printf 'poweroff\n' >"$tmp/in"
"$pmsim" run "$@" --uart-in "$tmp/in" "$image" -- quiet >"$tmp/out" 2>"$tmp/err" </dev/null
status=$?
if [ $status -ne 0 ] || ! grep -q '^\[ *[0-9.]*\] reboot: Power down$' "$tmp/out"; then
	echo "FAIL: poweroff: status $status"; cat "$tmp/out"; fail=1
fi
exit $fail
