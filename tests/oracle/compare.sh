#!/usr/bin/env bash
# One scenario through the real Tauri (the oracle built against RELEASE) and through
# `eventlab run --tauri RELEASE`; passes when `eventlab diff` finds that every emit delivered
# to the same listeners and that the scenario's expectations (its errors and calls) hold or fail
# in both alike. Tauri runs the handlers of one emit in a hash map's order, so where
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
# What the real app made of the scenario's own expectations (a scenario written for one release
# may fail them in another: what matters is that eventlab run fails the same ones).
grep '"type":"expect","ok":false' "$real" | sed 's/^.*"message":/oracle expect: /' || true

# eventlab run, quiet: a failed expect (exit 1) is same_expects' to judge; 2 is unusable input.
run() {
  local status=0
  "$eventlab" run "$scenario" --tauri "$release" --quiet --trace "$@" >/dev/null || status=$?
  ((status <= 1))
}
# "/steps/N ok" per expect of a trace.
expects() {
  sed -n 's/^.*"type":"expect","ok":\([a-z]*\),"message":"\(\/steps\/[0-9]*\): .*$/\2 \1/p' "$1"
}
# Each expect the real run judged holds or fails in eventlab run too. The real run does not check
# an expect's listener counts (Tauri has no API that tells them), so where it says one holds
# without them, eventlab run may fail it on a count: those are left out.
same_expects() {
  awk 'FILENAME == ARGV[1] { want[$1] = $2; next }
    ($1 in want) { seen[$1] = 1; if (want[$1] != $2) { bad = 1
      print "expect " $1 ": " (want[$1] == "true" ? "holds" : "fails") " in Tauri, " \
        ($2 == "true" ? "holds" : "fails") " in eventlab run" } }
    END { for (step in want) if (!(step in seen)) { bad = 1; print "expect " step ": not in eventlab run" }
      exit bad }' <(grep -v '"ok":true,.*listeners not checked' "$real" | expects /dev/stdin) <(expects "$1")
}

run "$sim"
if "$eventlab" diff "$real" "$sim" && same_expects "$sim"; then
  exit 0
fi
for seed in $(seq 1 32); do
  run "$sim.seed" --order random --seed "$seed"
  if "$eventlab" diff "$real" "$sim.seed" >/dev/null && same_expects "$sim.seed" >/dev/null; then
    echo "the same deliveries as eventlab run --tauri $release --order random --seed $seed" \
      "(Tauri's handler order within an emit is a hash map's)"
    exit 0
  fi
done
exit 1
