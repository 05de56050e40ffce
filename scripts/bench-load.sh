#!/usr/bin/env bash
# The load benchmark (issue 12): builds the node and the dmchain CLI, starts a fresh
# `dmchain-node --dev` (one validator, 3 s blocks, ParityDb) with a transaction pool large
# enough for the run, and runs `dmchain bench load` against it: balance transfers (the
# baseline), single submit_record calls, submit_records of 100 and of 1,000 records, then
# single records at half the rate they reached. Every transaction is signed before the clock
# starts; all workloads run against the same node, so their ratios hold on a noisy machine.
# Prints one table and the targets, and writes the JSON report.
#
# Usage: scripts/bench-load.sh [OUT.json] [extra `dmchain bench load` options]
# (default target/bench-load.json; for example `--accounts 128 --transactions 6000`).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$PWD/target/bench-load.json}"
shift || true
bash scripts/build.sh >/dev/null
. scripts/env.sh
cli="$CARGO_TARGET_DIR/release/dmchain"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
# The fork-aware pool keeps transactions until they are finalized: room for a whole workload.
"$DMCHAIN_NODE" --dev --base-path "$work/base" --rpc-port "$port" --port $((port + 1)) \
	--pool-limit 100000 --pool-kbytes 512000 --rpc-max-connections 1000 \
	--no-prometheus --no-telemetry >"$work/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -rf "$work"' EXIT
url="ws://127.0.0.1:$port"
# Ready when the node answers a status request.
for _ in $(seq 120); do
	"$cli" --url "$url" status >/dev/null 2>&1 && break
	sleep 1
done
mkdir -p "$(dirname "$out")"
echo "bench-load: dev node at $url, $(nproc) cores; report in $out"
"$cli" --url "$url" --suri //Alice bench load --out "$out" "$@"
# The node's peak memory over the run (the pool holds every transaction until it is final).
echo "bench-load: node peak resident memory $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$node/status")"
