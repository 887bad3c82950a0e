#!/usr/bin/env bash
# Submits a sharded sweep to Slurm: an array job of TASKS shards (sweep.sbatch) and a merge job
# (merge.sbatch) that starts when all of them have succeeded. Prints both job ids.
#
#   examples/slurm/submit.sh PLAN OUT [TASKS]     (default 4 tasks; OUT on a shared file system)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PLAN=${1:?usage: submit.sh PLAN OUT [TASKS]}
OUT=${2:?usage: submit.sh PLAN OUT [TASKS]}
TASKS=${3:-4}
mkdir -p "$OUT/logs"
array=$(sbatch --parsable --array="0-$((TASKS - 1))" --output="$OUT/logs/shard-%A_%a.out" examples/slurm/sweep.sbatch "$PLAN" "$OUT")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --output="$OUT/logs/merge-%j.out" examples/slurm/merge.sbatch "$OUT")
merge=${merge%%;*}
echo "array job $array ($TASKS tasks), merge job $merge"
