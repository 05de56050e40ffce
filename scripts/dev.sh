#!/usr/bin/env bash
# Runs a dmchain development chain: set-up, release build (node and the dmchain CLI), then one node (Alice authors and
# finalises) whose state persists in $DMCHAIN_DEV_BASE (default ~/.local/share/dmchain-dev).
# Extra arguments go to the node, for example `scripts/dev.sh --rpc-external`.
# Start from scratch with: dmchain-node purge-chain --dev --base-path "$DMCHAIN_DEV_BASE"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
. scripts/env.sh
# The dmchain CLI (client/), built the way scripts/test.sh builds it so both share artifacts.
(cd client && cargo test --release --locked --no-run)
base="${DMCHAIN_DEV_BASE:-$HOME/.local/share/dmchain-dev}"
cat <<MSG

dmchain dev chain
  state:           $base
  JSON-RPC / WS:   ws://127.0.0.1:9944
  Polkadot.js:     point Apps (or @polkadot/api) at ws://127.0.0.1:9944
  CLI:             export PATH="$CARGO_TARGET_DIR/release:\$PATH"; dmchain --help
  try:             curl -s -H 'Content-Type: application/json' \\
                     -d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead"}' http://127.0.0.1:9944

MSG
exec "$DMCHAIN_NODE" --dev --base-path "$base" --rpc-cors all "$@"
