#!/usr/bin/env bash
# The cluster test on a real (one-node) Slurm: installs Debian's slurm-wlm and munge when they
# are missing (only as root with apt-get; otherwise it says so and skips, exit 0), starts
# munged, slurmctld and slurmd with their own state folder and ports, submits
# examples/slurm/sweep.sbatch as an array job of 4 tasks over examples/slurm/sweep.yaml plus the
# dependent merge job (examples/slurm/submit.sh), waits by polling squeue, and compares the
# merged dataset with the same plan run by one process: the Parquet files must be the same
# bytes. It stops the daemons it started, by their process ids. Exit 0 when all holds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

say() { echo "slurm-test: $*"; }

need=()
for tool in munged slurmctld slurmd sbatch squeue sinfo; do command -v "$tool" >/dev/null 2>&1 || need+=("$tool"); done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing slurm-wlm and munge (missing: ${need[*]})"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
  else
    say "SKIPPED: Slurm is not installed (missing: ${need[*]}) and cannot be installed here (needs root and apt-get)"
    exit 0
  fi
fi

state=$(mktemp -d "${TMPDIR:-/tmp}/talentflow-slurm.XXXXXX")
mkdir -p "$state"/{spool,ctld,log,munge,run}
pids=()
array=""
merge=""
cleanup() {
  local rc=$?
  set +e
  # only our own jobs, on our own controller (never a real cluster's)
  [ -n "${SLURM_CONF:-}" ] && [ -n "${array:-}" ] && scancel "$array" ${merge:+"$merge"} 2>/dev/null
  for pidfile in "$state/run/slurmd.pid" "$state/run/slurmctld.pid" "$state/munge/munged.pid"; do
    [ -s "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "$rc" -ne 0 ]; then
    say "FAILED (exit $rc); logs:"
    tail -n 30 "$state"/log/*.log "$state"/out/logs/* 2>/dev/null
  fi
  rm -rf "$state"
  exit "$rc"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
host=$(hostname -s)
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512 ))

cat >"$state/slurm.conf" <<CONF
ClusterName=talentflow-ci
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/run/slurmctld.pid
SlurmdPidFile=$state/run/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$state/slurm.conf"

dd if=/dev/urandom bs=1 count=1024 of="$state/munge/munge.key" 2>/dev/null
chmod 400 "$state/munge/munge.key"
munged --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" --pid-file="$state/munge/munged.pid" \
  --log-file="$state/log/munged.log" --seed-file="$state/munge/seed" --force
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
say "started munged $(cat "$state/munge/munged.pid"), slurmctld and slurmd on ports $ctld_port/$slurmd_port (state in $state)"

for _ in $(seq 120); do
  sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
  sleep 0.5
done
sinfo -h -o %t | grep -qE '^(idle|mix|alloc)' || { say "the node did not come up: $(sinfo -h 2>&1)"; exit 1; }
say "node $host is up: $(sinfo -h -o '%P %t %c CPUs')"

out="$state/out"
plan=examples/slurm/sweep.yaml
submitted=$(examples/slurm/submit.sh "$plan" "$out" 4)
say "$submitted"
read -r array merge < <(sed -E 's/^array job ([0-9]+) .*merge job ([0-9]+)$/\1 \2/' <<<"$submitted")

t0=$SECONDS
while [ -n "$(squeue -h -j "$array,$merge" -o %i 2>/dev/null)" ]; do
  [ $((SECONDS - t0)) -gt 900 ] && { say "jobs still queued after 900 s: $(squeue)"; exit 1; }
  sleep 1
done
say "array job and merge job left the queue after $((SECONDS - t0)) s"
# scontrol lists an array job's tasks, one line each (finished jobs stay listed for MinJobAge, 300 s).
states=$( (scontrol -o show job "$array"; scontrol -o show job "$merge") 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort | uniq -c | xargs)
say "job states: $states"
[ "$states" = "5 COMPLETED" ] || { say "FAILED: expected the 4 tasks and the merge job COMPLETED"; exit 1; }

[ -s "$out/manifest.json" ] || { say "no merged manifest in $out"; ls -R "$out"; exit 1; }
talentflow=(node --conditions=@talentflow/source --import tsx packages/adapters/src/cli/bin.ts)
"${talentflow[@]}" status "$out"
# The same plan in one process (as shard 0/1), merged the same way.
single="$state/single"
"${talentflow[@]}" sweep "$plan" --out "$single" --shard 0/1 --quiet
"${talentflow[@]}" merge "$single" --csv
sum() { sha256sum "$1" | cut -d' ' -f1; }
for f in rows.parquet rows.csv plan.json; do
  if [ "$(sum "$out/$f")" != "$(sum "$single/$f")" ]; then say "FAILED: $f of the 4-task Slurm run differs from the single process's"; exit 1; fi
  say "$f identical to the single process's ($(sum "$out/$f" | cut -c1-16))"
done
shards=$(node -e 'const m=require(process.argv[1]);console.log(m.shards.map(s=>s.shard+" "+s.status).join(", "))' "$out/manifest.json")
[ "$shards" = "0/4 complete, 1/4 complete, 2/4 complete, 3/4 complete" ] || { say "FAILED: shard manifests say: $shards"; exit 1; }
say "PASSED: 4 array tasks ($shards) merged to the single-process dataset"
