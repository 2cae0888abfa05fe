#!/bin/bash
# Renders a NetFrames batch as a Slurm job array: task K draws part K of 3 of the runs,
# then one dependent job joins them.
#
#   jobid=$(sbatch --parsable examples/cluster/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid --wrap "netframes assemble $HOME/netframes/xor-sweep"
#
# A task that fails can be run again alone (sbatch --array=3 ...): it keeps what it
# finished, and `netframes assemble` names any run still missing.
#SBATCH --job-name=netframes-xor-sweep
#SBATCH --array=1-3
#SBATCH --cpus-per-task=2
#SBATCH --mem=1G
#SBATCH --time=00:20:00
set -euo pipefail

RUNS=${NETFRAMES_RUNS:-examples/xor-sweep.yaml}
OUT=${NETFRAMES_OUT:-$HOME/netframes/xor-sweep}
TASK=${SLURM_ARRAY_TASK_ID:?submit this script with sbatch: it is a Slurm job array}
# The number of parts, as in --array above. It is said here because a task run again
# alone (sbatch --array=3) is, to Slurm's variables, an array of one task
# (SLURM_ARRAY_TASK_COUNT=1), which would draw the whole batch.
PARTS=3

netframes batch "$RUNS" --out "$OUT" --shard "$TASK/$PARTS" \
  --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet
