#!/usr/bin/env bash
# Builds the node (and with it the runtime's Wasm) and the dmchain CLI in release mode: the one
# profile that dev chains, tests and benchmarks share.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
# Exactly the invocation of scripts/test.sh without running the tests: the same crates and
# features, so the dev chain, the tests and the benchmarks share every artifact (any other
# selection, even `cargo build --workspace --all-targets`, recompiles part of the tree).
cargo test --release --locked --workspace --exclude dmchain-bench --no-run
# The dmchain CLI and the client library (client/, a workspace of its own), built the way
# scripts/test.sh builds them.
(cd client && cargo test --release --locked --no-run)
echo "build: $DMCHAIN_NODE and $CARGO_TARGET_DIR/release/dmchain"
