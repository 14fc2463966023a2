# Sourced by the oracle's scripts (and scripts/dev): where cargo builds the oracle. Outside the
# clone, so later runs and other clones reuse it, and shared by every release, so the crates they
# have in common build once. EVENTLAB_CARGO_TARGET_DIR moves it.
export CARGO_TARGET_DIR="${EVENTLAB_CARGO_TARGET_DIR:-$HOME/.cache/eventlab/cargo-target}"
# rustup installs cargo here; a login shell would have it on PATH, CI and CTest may not.
export PATH="$HOME/.cargo/bin:$PATH"

# The oracle binary of a release folder ("2.12" -> .../debug/eventlab-oracle-2-12).
oracle_binary() {
  echo "$CARGO_TARGET_DIR/debug/eventlab-oracle-${1//./-}"
}

# The bridge port of an EventLab (`serve` or `--serve`) started in the background as PID with
# its output going to FILE: waits (up to 20 s) for its ready line and prints the port; fails
# with its output when it exits first or never gets ready.
bridge_port() {
  local out=$1 pid=$2 port _
  for _ in $(seq 1 400); do
    port=$(sed -n 's#^eventlab: bridge listening on http://127.0.0.1:\([0-9]*\)$#\1#p' "$out")
    [[ -n $port ]] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; return 1; }
    sleep 0.05
  done
  echo "EventLab did not get ready" >&2
  return 1
}
