#!/usr/bin/env bash
# Runs a dmchain development chain: set-up, release build (node and the dmchain CLI), then one node (Alice authors and
# finalises) whose state persists in $DMCHAIN_DEV_BASE (default ~/.local/share/dmchain-dev).
# Extra arguments go to the node, for example `scripts/dev.sh --rpc-external`.
# Start from scratch with: dmchain-node purge-chain --dev --base-path "$DMCHAIN_DEV_BASE"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
. scripts/env.sh
base="${DMCHAIN_DEV_BASE:-$HOME/.local/share/dmchain-dev}"
port=9944
for ((i = 1; i <= $#; i++)); do
	[ "${!i}" = "--rpc-port" ] && { j=$((i + 1)); port="${!j}"; }
done
# Refuse clearly when the RPC port is taken (another node, or an old dev chain still running).
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
	echo "dev: port $port is in use (another dmchain-node?); stop it, or pass --rpc-port N" >&2
	exit 1
fi
# A persistent dev state keeps the runtime it was created with: a rebuilt runtime does not
# replace it. Warn when the state predates the runtime just built.
wasm="$CARGO_TARGET_DIR/release/wbuild/dmchain-runtime/dmchain_runtime.compact.compressed.wasm"
marker="$base/runtime.sha256"
if [ -f "$wasm" ]; then
	built="$(sha256sum "$wasm" | cut -d' ' -f1)"
	if [ -d "$base/chains" ] && [ -f "$marker" ] && [ "$(cat "$marker")" != "$built" ]; then
		echo "dev: WARNING: the dev state in $base was created with an older runtime, which it keeps" >&2
		echo "dev: running; to run the runtime just built, purge it first:" >&2
		echo "dev:   $DMCHAIN_NODE purge-chain --dev --base-path $base -y" >&2
	elif [ ! -d "$base/chains" ]; then
		mkdir -p "$base"
		echo "$built" >"$marker"
	fi
fi
cat <<MSG

dmchain dev chain
  state:           $base
  JSON-RPC / WS:   ws://127.0.0.1:9944
  Polkadot.js:     point Apps (or @polkadot/api) at ws://127.0.0.1:9944
  CLI:             export PATH="$CARGO_TARGET_DIR/release:\$PATH"; dmchain --help
  try:             curl -s -H 'Content-Type: application/json' \\
                     -d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead"}' http://127.0.0.1:9944

MSG
# The transaction pool sized for the product's rates (issue 12): the fork-aware pool keeps every
# transaction until it is finalized, and at 1,500 single records a second with finality two
# blocks behind that is well over the default 8,192 transactions; the load benchmark runs with
# the same limits (docs/benchmarks.md gives the memory it costs).
exec "$DMCHAIN_NODE" --dev --base-path "$base" --rpc-cors all \
	--pool-limit 100000 --pool-kbytes 512000 "$@"
