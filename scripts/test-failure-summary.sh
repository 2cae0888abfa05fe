#!/usr/bin/env bash
# Usage: scripts/test-failure-summary.sh LOG
#
# After a failed `swift test` whose output was saved in LOG, prints in a few lines what
# a reader of only the end of the output needs: the crash report's head (which signal,
# which thread, its frames, which name the test that was running) and the tests that
# failed. `.ci/run` prints it last when the tests fail.
set -euo pipefail
log=${1:?usage: test-failure-summary.sh LOG}
[[ -r $log ]] || { echo "test-failure-summary: cannot read $log" >&2; exit 2; }

echo "=== why the tests failed (from $log) ==="
if grep -q -E '^\*\*\* (Program crashed|Signal [0-9]+)' "$log"; then
    echo "--- the crash:"
    grep -m 2 -E '^\*\*\* (Program crashed|Signal [0-9]+)' "$log"
    grep -m 3 -E 'Fatal error|Assertion|malloc\(\)|free\(\)|double free|corrupted|stack smashing|buffer overflow' "$log" \
        | cut -c1-200 || true
    # The crashed thread's frames (Swift's backtracer: "Thread N ... crashed:" then one
    # line per frame), spaces squeezed so each fits a line.
    awk '/^Thread [0-9]+.*crashed:/ { on = 1 } on { print; if (++n >= 30 || (n > 2 && $0 == "")) exit }' "$log" \
        | sed -E 's/ +/ /g' | cut -c1-200
fi
failed=$(grep -E '^✘ Test ' "$log" | sed -E 's/ (recorded an issue|failed after).*//' | sort -u | head -10 || true)
if [[ -n $failed ]]; then
    echo "--- failed:"
    echo "$failed" | cut -c1-200
fi
if ! grep -q -E '^\*\*\* (Program crashed|Signal [0-9]+)' "$log" && [[ -z $failed ]]; then
    echo "no crash report and no failed test in the log: see the lines before this summary"
fi
