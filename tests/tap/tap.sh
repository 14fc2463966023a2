#!/usr/bin/env bash
# The tap's test: the oracle with EventLab's tap added (tauri/tauri-plugin-eventlab/tests/
# tapped-oracle) runs tapped-app.json against `eventlab serve --trace`.
#   correct: every record a page can see shows up in the serve trace as observed, the same as the
#            oracle wrote it (compare-tap.mjs), and the model of the release flags nothing;
#   wrong:   the same run checked against a deliberately wrong row (2.12 with
#            any_label_matching=false, as 2.0 had it): the tap flags the delivery of the page's
#            emit_to("main") to main's listen(..., {target: "main"}) with that rule.
# RELEASE: latest (default; the oracle with the tap, Tauri 2.12) or 2.0 (the same with Tauri
# 2.0.6, whose pages keep their callbacks on window: the tap's other way of seeing deliveries).
# usage: tap.sh EVENTLAB_BINARY OUT_DIR correct|wrong [latest|2.0]
set -euo pipefail
eventlab=$1 out=$2 variant=$3 release=${4:-latest}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../../tauri/oracle/env.sh"
case $release in
  latest) app="$CARGO_TARGET_DIR/debug/eventlab-oracle-tapped" model=2.12 ;;
  2.0) app="$CARGO_TARGET_DIR/debug/eventlab-oracle-tapped-2-0" model=2.0 ;;
  *) echo "unknown release $release (latest, 2.0)" >&2; exit 2 ;;
esac
[[ -x $app ]] || { echo "no tapped oracle at $app (the 'tap: build' tests build it)" >&2; exit 1; }
mkdir -p "$out"
serve_trace="$out/$release.$variant.serve.jsonl" oracle_trace="$out/$release.$variant.oracle.jsonl"
serve_out="$out/$release.$variant.serve.out"
rules=()
[[ $variant == wrong ]] && rules=(--tap-rule any_label_matching=false)

"$eventlab" serve --port 0 --tauri "$release" --trace "$serve_trace" "${rules[@]}" >"$serve_out" 2>&1 &
serve=$!
trap 'kill -TERM $serve 2>/dev/null || true' EXIT
port=$(bridge_port "$serve_out" $serve)

export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
EVENTLAB_URL="http://127.0.0.1:$port" xvfb-run -a -s "-screen 0 1280x800x24" \
  "$app" "$here/tapped-app.json" -o "$oracle_trace"
kill -TERM $serve
wait $serve
trap - EXIT

flags=$(grep '"type":"expect","ok":false' "$serve_trace" || true)
if [[ $variant == correct ]]; then
  node "$here/compare-tap.mjs" "$oracle_trace" "$serve_trace"
  if [[ -n $flags ]]; then
    echo "the model of the release flagged what Tauri did:" && echo "$flags"
    exit 1
  fi
  grep -q "\"match\":\"observed, as the $model model predicts" "$serve_trace" ||
    { echo "no delivery was checked against the model" && exit 1; }
else
  wanted='to listener 0 in main, which the 2.12 (with any_label_matching=false) model does not predict'
  if ! grep -F "$wanted" <<<"$flags" | grep -q 'rule anylabel_2_0, any_label_matching = false'; then
    echo "the wrong row's prediction was not flagged; flags:" && echo "${flags:-none}"
    exit 1
  fi
  echo "flagged: $(grep -F "$wanted" <<<"$flags" | sed 's/^.*"message":"//; s/"}$//')"
fi
