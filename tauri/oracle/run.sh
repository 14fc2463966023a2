#!/usr/bin/env bash
# Runs an oracle binary on a scenario under an X server of its own (xvfb-run -a picks a free
# display, so runs can go side by side). WebKitGTK draws in software there: no GPU, no DMA-BUF.
# usage: tauri/oracle/run.sh ORACLE_BINARY SCENARIO.json OUT.jsonl   (exit: the oracle's)
set -euo pipefail
export WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
exec xvfb-run -a -s "-screen 0 1280x800x24" "$1" "$2" -o "$3"
