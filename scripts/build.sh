#!/usr/bin/env bash
# Builds the node (and with it the runtime's Wasm) in release mode: the one profile that dev
# chains, tests and benchmarks share.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
cargo build --release --locked -p dmchain-node
echo "build: $DMCHAIN_NODE"
