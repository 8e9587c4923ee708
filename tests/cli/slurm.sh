#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/examples/slurm-series.sh on a real Slurm: a one-node cluster (munge, slurmctld and
# slurmd from Debian's slurm-wlm, started here and stopped at the end) runs the job array
# that renders a series in chunks and the dependent jobs that join them; each joined video
# must decode frame for frame like a single render of the same story.
# Exits 77 (skipped) with the reason when this machine cannot start Slurm.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
set -o pipefail
conf="$work/slurm.conf"
node=$(hostname -s)
started_munge=0

skip() {
  echo "SKIPPED: $1"
  exit 77
}

cleanup() {
  if [ -f "$conf" ]; then
    SLURM_CONF="$conf" scontrol shutdown >/dev/null 2>&1
    sleep 1
  fi
  for pidfile in "$work/slurmctld.pid" "$work/slurmd.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  ((started_munge)) && [ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for tool in munged munge slurmctld slurmd sbatch squeue scontrol; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] ||
    skip "'$tool' is not installed (scripts/setup.sh installs slurm-wlm and munge)"
done
PATH="$PATH:/usr/sbin"
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld, slurmd and munged needs root"

# munge: Slurm's authentication. Reuse a running daemon, else start one with the package's key.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  [ -r /etc/munge/munge.key ] || skip "no munge key at /etc/munge/munge.key"
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null
  su -s /bin/sh munge -c "munged --pid-file=$work/munged.pid" 2>"$work/munged.err" ||
    munged --force --pid-file="$work/munged.pid" 2>>"$work/munged.err" ||
    skip "munged does not start: $(cat "$work/munged.err")"
  started_munge=1
  for _ in $(seq 20); do
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.5
  done
  munge -n | unmunge >/dev/null 2>&1 || skip "munge does not answer"
fi
chmod 755 "$work"
mkdir -p "$work/state" "$work/spool"
cat >"$conf" <<CONF
ClusterName=mapreel-test
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
# The node is declared with more CPUs than this machine may have: trust the declaration.
SlurmdParameters=config_overrides
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# The example asks for 4 CPUs and 4 GB per chunk: the node says it has them, and Slurm runs
# the tasks one after another or side by side as it sees fit.
NodeName=$node CPUs=4 RealMemory=8192 State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf"
slurmctld -f "$conf" 2>"$work/slurmctld.err" || skip "slurmctld does not start: $(cat "$work/slurmctld.err")"
slurmd -f "$conf" 2>"$work/slurmd.err" || skip "slurmd does not start: $(cat "$work/slurmd.err")"
ready=0
for _ in $(seq 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    ready=1
    break
  fi
  sleep 1
done
((ready)) || skip "the Slurm node does not come up: $(sinfo 2>&1 | tail -2; tail -5 "$work/slurmd.log" 2>/dev/null)"

# A series of two short stories, with `mapreel` on the PATH as the example expects.
series="$work/series"
mkdir -p "$series" "$work/bin"
ln -s "$MAPREEL" "$work/bin/mapreel"
export PATH="$work/bin:$PATH"
for id in first second; do
  "$MAPREEL" new "$id" -o "$series/$id.yaml" >/dev/null 2>&1
  # A small canvas keeps the test quick; the chunking is what is tested.
  sed -i "s/size: \[1920, 1080\]/size: [320, 180]/" "$series/$id.yaml"
done
cd "$work"
# The starter story is 12 s long: two six-second encoder segments, so two chunks.
check "the example submits its jobs" bash "$source_dir/docs/examples/slurm-series.sh" "$series" "$work/out" 2
for _ in $(seq 600); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
check "every job has finished" test -z "$(squeue -h)"
for id in first second; do
  check "$id: two chunks rendered" test "$(ls "$work/out/parts/$id"-*.mp4 2>/dev/null | wc -l)" -eq 2
  check "$id: the join wrote the video" test -s "$work/out/$id.mp4"
  "$MAPREEL" render "$series/$id.yaml" -o "$work/$id-single.mp4" -q
  check "$id: joined and single render decode to the same frames" \
    same_frames "$work/out/$id.mp4" "$work/$id-single.mp4"
done
if ((failed)); then
  echo "--- logs"
  tail -n 20 "$work"/out/logs/*.log "$work/slurmctld.log" 2>/dev/null
fi
finish
