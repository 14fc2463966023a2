#!/usr/bin/env bash
# One scenario through the real Tauri (the oracle built against RELEASE) and through
# `eventlab run --tauri RELEASE`; passes when `eventlab diff` finds that every emit delivered
# to the same listeners. Tauri runs the handlers of one emit in a hash map's order, so where
# what a scenario delivers depends on that order (a handler that unlistens another), the real
# run may match one of EventLab's random orders instead of registration order: then it passes,
# naming the seed.
# usage: compare.sh RELEASE EVENTLAB_BINARY SCENARIO.json OUT_DIR
set -euo pipefail
release=$1 eventlab=$2 scenario=$3 out=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=$(basename "$(dirname "$scenario")")-$(basename "$scenario" .json)
real="$out/$name.oracle.jsonl"
sim="$out/$name.run.jsonl"
mkdir -p "$out"

"$here/../../tauri/oracle/run.sh" "$release" "$scenario" "$real"
# What the real app made of the scenario's own expectations (informative: EventLab's modes are
# judged by the deliveries, and listener counts are not observable in Tauri).
grep '"type":"expect","ok":false' "$real" | sed 's/^.*"message":/oracle expect: /' || true

# eventlab run, quiet: a failed expect (exit 1) is the diff's to judge; 2 is unusable input.
run() {
  local status=0
  "$eventlab" run "$scenario" --tauri "$release" --quiet --trace "$@" >/dev/null || status=$?
  ((status <= 1))
}
run "$sim"
if "$eventlab" diff "$real" "$sim"; then
  exit 0
fi
for seed in $(seq 1 32); do
  run "$sim.seed" --order random --seed "$seed"
  if "$eventlab" diff "$real" "$sim.seed" >/dev/null; then
    echo "the same deliveries as eventlab run --tauri $release --order random --seed $seed" \
      "(Tauri's handler order within an emit is a hash map's)"
    exit 0
  fi
done
exit 1
