#!/usr/bin/env bash
# The README's picture of a tapped app (docs/screenshots/tapped-app.png): the inspector
# (`eventlab --serve`) in a virtual X server, the oracle with the tap (the tap test's build,
# tests/tapped-oracle) running tapped-app.json against it, and the inspector's screenshot taken
# once the app's windows and their listeners show (EVENTLAB_SCREENSHOT_AFTER_ITEM).
# usage: screenshot.sh EVENTLAB_BINARY [OUT.png]
set -euo pipefail
eventlab=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${2:-$here/../../../../docs/screenshots/tapped-app.png}
source "$here/../../../oracle/env.sh"
app="$CARGO_TARGET_DIR/debug/eventlab-oracle-tapped"
[[ -x $app ]] || { echo "no tapped oracle at $app (ctest -R 'tap: build' builds it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill -TERM $inspector 2>/dev/null || true; rm -rf "$work"' EXIT

# The settings window's last listener: drawn once both windows and their listeners are there.
EVENTLAB_SCREENSHOT_AFTER_ITEM=${EVENTLAB_SCREENSHOT_AFTER_ITEM:-win/settings/unlisten/3} \
  xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$eventlab" --serve 0 --tauri latest --scenario "$here/../../../../assets/workspace/tapped-app.json" --size 1600x1000 \
  --frames 3 --screenshot "$out" >"$work/inspector.out" 2>&1 &
inspector=$!
port=$(bridge_port "$work/inspector.out" $inspector)

export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
EVENTLAB_URL="http://127.0.0.1:$port" xvfb-run -a -s "-screen 0 1280x800x24" \
  "$app" "$here/tapped-app.json" -o "$work/oracle.jsonl"
wait $inspector
trap 'rm -rf "$work"' EXIT
cat "$work/inspector.out"
echo "wrote $out"
