#!/bin/bash
# Renders a NetFrames batch as a Slurm job array: each task draws its share of the runs
# (NetFrames reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT),
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

netframes batch "$RUNS" --out "$OUT" --jobs "${SLURM_CPUS_PER_TASK:-2}" --quiet
