#!/usr/bin/env bash
# Measures two builds of netframes-bench side by side, alternately, in one run, and
# prints each figure's median ratio new/old: the way to tell whether a change made
# NetFrames faster or slower on a shared, noisy machine.
#
#   scripts/compare-bench.sh OLD_BENCH NEW_BENCH SECTION [PAIRS] [FIGURE ...]
#
# SECTION is a netframes-bench section (engine, render, video, batch-sweep). FIGUREs
# are the figure names to compare (default: every figure the section prints).
set -euo pipefail
old=${1:?usage: compare-bench.sh OLD_BENCH NEW_BENCH SECTION [PAIRS] [FIGURE ...]}
new=$(realpath "${2:?}"); old=$(realpath "$old"); section=${3:?}; pairs=${4:-3}; shift 4 2>/dev/null || shift $#
figures=("$@")
work=$(mktemp -d)
for ((i = 1; i <= pairs; i++)); do
  for side in old new; do
    bin=$old; [ "$side" = new ] && bin=$new
    # Each build runs in a folder of its own (the benchmark writes its frames there).
    mkdir -p "$work/$side-$i" && (cd "$work/$side-$i" && "$bin" "$section" 2>/dev/null) > "$work/$side-$i.txt"
    echo "pair $i $side: $(grep -E '^[a-z]+\.[a-z0-9_]+ ' "$work/$side-$i.txt" | awk '{printf "%s=%s ", $1, $2}')" >&2
  done
done
python3 - "$work" "$pairs" "${figures[@]}" <<'PY'
import sys, statistics, glob, re
work, pairs, wanted = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def read(path):
    values = {}
    for line in open(path):
        m = re.match(r'^([a-z]+\.[a-z0-9_]+) (-?[0-9.]+)', line)
        if m: values[m.group(1)] = float(m.group(2))
    return values
runs = [(read(f"{work}/old-{i}.txt"), read(f"{work}/new-{i}.txt")) for i in range(1, pairs + 1)]
names = wanted or sorted(set(runs[0][0]) & set(runs[0][1]))
for name in names:
    ratios = [n[name] / o[name] for o, n in runs if name in o and name in n and o[name] != 0]
    if not ratios: continue
    olds = [o[name] for o, _ in runs if name in o]; news = [n[name] for _, n in runs if name in n]
    print(f"{name}: old {statistics.median(olds):.4g}, new {statistics.median(news):.4g}, "
          f"new/old median {statistics.median(ratios):.3f} (pairs: {', '.join(f'{r:.3f}' for r in ratios)})")
PY
rm -rf "$work"
