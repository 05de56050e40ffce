#!/usr/bin/env bash
# Builds the node (and with it the runtime's Wasm) in release mode: the one profile that dev
# chains, tests and benchmarks share.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
# The whole workspace with all targets: the same feature set as `cargo test --workspace`, so
# the dev chain, the tests and the benchmarks share every artifact.
cargo build --release --locked --workspace --all-targets
echo "build: $DMCHAIN_NODE"
