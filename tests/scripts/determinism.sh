#!/bin/sh
# Two runs of the same image give byte-identical output, apart from the
# host section of the summary (which starts at the line "host ...").
#   determinism.sh PMSIM IMAGE [pmsim run options...]
set -u
pmsim=$1 image=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2; do
	"$pmsim" run --stats "$@" "$image" >"$tmp/out$i" 2>"$tmp/err$i" </dev/null
	echo "status $?" >>"$tmp/out$i"
	sed -i '/^host /,$d' "$tmp/err$i"
done
cmp "$tmp/out1" "$tmp/out2" && cmp "$tmp/err1" "$tmp/err2" || exit 1
grep -q "instructions" "$tmp/err1" || { echo "FAIL: no summary"; exit 1; }
echo "identical"
