#!/bin/sh
# sh_files.elf under --semihosting-root: the file it writes lands in the
# root, and nothing escapes the root. Beside the root, outside/dir exists
# (outside/nodir does not): the guest checks that both fail alike.
set -u
pmsim=$1 image=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/root" "$tmp/outside" "$tmp/outside/dir"
"$pmsim" run --semihosting-root "$tmp/root" "$image" >"$tmp/out" 2>&1 </dev/null
status=$?
fail=0
[ $status -eq 0 ] || { echo "FAIL: status $status"; cat "$tmp/out"; fail=1; }
[ "$(cat "$tmp/root/out.txt" 2>/dev/null)" = "written by the guest" ] ||
	{ echo "FAIL: out.txt not written in the root"; fail=1; }
[ ! -e "$tmp/escape.txt" ] || { echo "FAIL: the guest escaped the root"; fail=1; }
[ -z "$(ls -A "$tmp/outside/dir")" ] || { echo "FAIL: the guest wrote outside the root"; fail=1; }
exit $fail
