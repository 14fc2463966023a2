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
