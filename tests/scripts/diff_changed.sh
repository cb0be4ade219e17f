#!/bin/sh
# pmsim diff on two runs of pmfw, "sleep 1; poweroff" (OLD) and "sleep 2;
# poweroff" (NEW): status 1, the simulated time and the idle state's
# residency listed past tolerance, what did not change left out (and
# listed with --all), and tolerances that excuse the change.
#
#   diff_changed.sh PMSIM OLD.json NEW.json
set -u
pmsim=$1 old=$2 new=$3
fail=0
check() { # description, then a grep -E pattern the output must match
	if ! printf '%s\n' "$out" | grep -Eq -- "$2"; then
		echo "FAIL: $1 (no line matches '$2')"
		fail=1
	fi
}
run() { # expected status, then the arguments of pmsim diff
	want=$1
	shift
	out=$("$pmsim" diff "$@")
	status=$?
	if [ "$status" != "$want" ]; then
		echo "FAIL: pmsim diff $*: status $status, wanted $want"
		fail=1
	fi
}

run 1 "$old" "$new"
# One second more of simulated time, and of the deepest idle state.
check "sim_time_s past tolerance" '^sim_time_s +1\.[0-9]+ +2\.[0-9]+ +\+1\.00[0-9]* +\+[0-9.]+% +\*$'
check "power-off residency past tolerance" '^cstate\.power-off\.time_s +[0-9.]+ +[0-9.]+ +\+1\.[0-9]+ +\+[0-9.]+% +\*$'
check "one more power-off entry" '^cstate\.power-off\.usage +1 +2 +\+1 +\+100\.00% +\*$'
check "energy at the battery past tolerance" '^total_j +0\.[0-9]+ +0\.[0-9]+ +\+[0-9.e-]+ +\+[0-9.]+% +\*$'
check "the header" '^figure +old +new +delta +delta %$'
check "the summary last" '^[0-9]+ figures compared, [1-9][0-9]* past tolerance$'
last=$(printf '%s\n' "$out" | tail -n 1)
case $last in *" figures compared, "*) ;; *) echo "FAIL: the last line is '$last'"; fail=1 ;; esac
# A changed figure within tolerance is listed without a mark.
check "a small change within tolerance" '^energy\.cpu0_j +[0-9.e-]+ +[0-9.e-]+ +[-+][0-9.e-]+ +[-+][0-9.]+%$'
# The shallow idle states were not used in either run: not listed...
if printf '%s\n' "$out" | grep -q '^cstate\.wfi\.'; then
	echo "FAIL: an unchanged figure (cstate.wfi.*) is listed without --all"
	fail=1
fi
# ...but --all lists them.
run 1 --all "$old" "$new"
check "--all lists unchanged figures" '^cstate\.wfi\.usage +0 +0 +0 +0\.00%$'

# The other way round: the deltas are negative.
run 1 "$new" "$old"
check "reversed" '^sim_time_s +2\.[0-9]+ +1\.[0-9]+ +-1\.00[0-9]* +-[0-9.]+% +\*$'

# Tolerances loose enough excuse everything: a count that doubled is a
# relative change of 1 (100 %).
run 0 --rel 1.5 "$old" "$new"
check "nothing past a loose --rel" '^[0-9]+ figures compared, 0 past tolerance$'
run 0 --rel=0 --abs-energy=1 --abs-time 2 --rel 1 "$old" "$new"

if [ $fail -ne 0 ]; then
	echo "--- pmsim diff $old $new"
	"$pmsim" diff "$old" "$new"
	exit 1
fi
exit 0
