#!/usr/bin/env bash
# The golden list: renders a fixed set of NetFrames commands into a scratch folder and
# prints the SHA-256 of every file they write, one "digest  path" line each, sorted.
#
#   scripts/golden-outputs.sh NETFRAMES_BINARY [SCRATCH_FOLDER]
#
# Run from the package root (run files are named relative to it). The list committed in
# Tests/NetFramesGoldenTests/golden.sha256 is checked by GoldenOutputTests; a change that means to
# change output bytes regenerates it with:
#   scripts/golden-outputs.sh .build/debug/netframes > Tests/NetFramesGoldenTests/golden.sha256
set -euo pipefail
bin=${1:?usage: golden-outputs.sh NETFRAMES_BINARY [SCRATCH_FOLDER]}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
nf() { "$bin" "$@" --quiet --jobs 2 >/dev/null 2>"$out/.stderr" || { cat "$out/.stderr" >&2; echo "golden: failed: netframes $*" >&2; exit 1; }; }

for format in png svg pdf html mp4 gif webm; do
  nf demo --format "$format" -o "$out/demo-$format"
done
nf render examples/xor.yaml --format png --every 2000 -o "$out/xor-every-2000"
nf batch examples/xor-sweep.yaml -o "$out/xor-sweep"
for k in 1 2 3; do
  nf render examples/two-two-two.yaml --format png --shard "$k/3" -o "$out/stills-3-shards"
  nf render examples/two-two-two.yaml --format mp4 --quality low --shard "$k/3" -o "$out/video-3-shards"
done
"$bin" assemble "$out/stills-3-shards" >/dev/null 2>&1
"$bin" assemble "$out/video-3-shards" >/dev/null 2>&1
nf render examples/two-two-two.yaml --format png --animate --quality low -o "$out/animate"
# The digits: the whole run trained (1,124 Adam steps on the shipped data), its last frames drawn.
nf render examples/digits.yaml --format png --every 2000 --shard 27/27 -o "$out/digits-last-frames"
rm -f "$out/.stderr"

cd "$out"
find . -type f ! -name '.*' | LC_ALL=C sort | sed 's|^\./||' | while read -r f; do
  printf '%s  %s\n' "$(sha256sum "$f" | cut -d' ' -f1)" "$f"
done
