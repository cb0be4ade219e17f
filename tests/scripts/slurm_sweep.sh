#!/bin/sh
# pmsim sweep on a real Slurm cluster of one node: start munged, slurmctld
# and slurmd on localhost with a private configuration (their own ports,
# spool and state under a temporary folder), submit the sweep's job array
# with sbatch --wait, collect it, and compare its CSV with the same sweep
# run on the local pool. Skipped (status 77) without Slurm and munge, or
# when not root (slurmd runs jobs as their user).
#
#   slurm_sweep.sh PMSIM SCENARIO
set -u
pmsim=$1 scenario=$2
for p in munged slurmctld slurmd sbatch sinfo; do
	if ! command -v "$p" >/dev/null 2>&1; then
		echo "SKIP: $p is not installed (Debian: slurmctld slurmd slurm-client munge)"
		exit 77
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: slurmd must run as root to run the jobs"
	exit 77
fi
key=/etc/munge/munge.key
[ -r "$key" ] || { echo "SKIP: no munge key at $key"; exit 77; }

d=$(mktemp -d /tmp/pmsim-slurm-XXXXXX)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	sleep 1
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$d"
}
trap cleanup EXIT
logs() {
	for f in "$d"/*.log "$d"/*.out; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
}
fail() {
	echo "FAIL: $*"
	logs
	exit 1
}
# A cluster that cannot be started on this machine (no munge socket, a
# node that never comes up) says nothing about pmsim: skipped, with why.
skip() {
	echo "SKIP: $*"
	logs
	exit 77
}

host=$(hostname -s)
# Ports of our own, away from a real cluster's 6817/6818.
base=$((20000 + $$ % 20000))
mkdir -p "$d/state" "$d/spool"
cat >"$d/slurm.conf" <<CONF
ClusterName=pmsimtest
SlurmctldHost=$host
AuthType=auth/munge
AuthInfo=socket=$d/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$base
SlurmdPort=$((base + 1))
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/ctld.pid
SlurmdPidFile=$d/d.pid
SlurmctldLogFile=$d/ctld.log
SlurmdLogFile=$d/d.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=pmsim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$d/slurm.conf"

munged --foreground --force --socket="$d/munge.sock" --key-file="$key" \
	--pid-file="$d/munge.pid" --seed-file="$d/munge.seed" --log-file="$d/munge.log" \
	>"$d/munged.out" 2>&1 &
pids="$pids $!"
i=0
until [ -S "$d/munge.sock" ]; do
	i=$((i + 1)); [ $i -gt 50 ] && skip "munged did not start"; sleep 0.1
done
slurmctld -D >"$d/ctld.out" 2>&1 &
pids="$pids $!"
sleep 1
slurmd -D >"$d/slurmd.out" 2>&1 &
pids="$pids $!"
i=0
until sinfo -h -o %t 2>/dev/null | grep -q idle; do
	i=$((i + 1)); [ $i -gt 60 ] && skip "slurmctld and slurmd did not bring the node up"; sleep 0.5
done

"$pmsim" sweep --no-host --emit-slurm "$d/sweep" "$scenario" >/dev/null ||
	fail "pmsim sweep --emit-slurm"
timeout 600 sbatch --wait "$d/sweep/sweep.sbatch" >"$d/sbatch.out" 2>&1 ||
	fail "sbatch --wait: $(cat "$d/sbatch.out")"
"$pmsim" sweep --collect "$d/sweep" || fail "pmsim sweep --collect"
"$pmsim" sweep --no-host --output "$d/local" "$scenario" >/dev/null || fail "the local sweep"
cmp "$d/sweep/sweep.csv" "$d/local/sweep.csv" ||
	fail "the cluster's CSV differs from the local one"
n=$(ls "$d/sweep/points" | grep -c '^slurm-.*\.out$')
echo "slurm: $n array tasks ran on a one-node cluster; their CSV is the local sweep's"
