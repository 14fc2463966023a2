#!/usr/bin/env bash
# Runs the oracle of a release on a scenario under an X server of its own (xvfb-run -a picks a
# free display, so runs can go side by side). WebKitGTK draws in software there: no GPU, no
# DMA-BUF. usage: tauri/oracle/run.sh RELEASE SCENARIO.json OUT.jsonl   (exit: the oracle's)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/env.sh"
binary=$(oracle_binary "$1")
if [[ ! -x $binary ]]; then
  echo "eventlab: no oracle for Tauri $1 at $binary (scripts/dev oracle --release $1 builds it)" >&2
  exit 1
fi
export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
exec xvfb-run -a -s "-screen 0 1280x800x24" "$binary" "$2" -o "$3"
