#!/usr/bin/env bash
# cargo for the oracle of one release, niced (the machines have two cores) and locked to the
# committed Cargo.lock: tauri/oracle/cargo.sh RELEASE build|test [cargo options]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/env.sh"
release=$1 subcommand=$2
shift 2
exec nice -n 19 cargo "$subcommand" --locked --quiet \
  --manifest-path "$here/releases/$release/Cargo.toml" "$@"
