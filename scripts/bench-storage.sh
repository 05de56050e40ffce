#!/usr/bin/env bash
# dmchain's own database weights, measured on a big state (issue 12), and the registry's query
# latency on that state:
#   1. a fresh `dmchain-node --dev` (ParityDb, archive state so that every block can be
#      re-executed) is filled by the load tool: transfers, single records, then RECORDS records
#      through calls of 1,000 (default 1,000,000) from 200 load accounts and sources;
#   2. `dmchain bench queries` times registry_record and registry_recordsByHash on that state;
#   3. with the node stopped, `dmchain-bench storage` measures a read and a write of the
#      state's keys -> runtime/src/weights/paritydb_weights.rs (the runtime's `DbWeight`);
#   4. `dmchain-bench block` re-executes every block the load filled and compares each one's
#      execution time with the weight it was charged (a block over its weight is flagged).
# Reports go to OUT (default target/bench-storage/): load.json, queries.json, storage-*.json,
# blocks.log, and a summary on the terminal.
#
# Usage: scripts/bench-storage.sh [RECORDS]
# DMCHAIN_BENCH_STATE (default $CARGO_TARGET_DIR/bench-state) keeps the filled state: a re-run
# with the same runtime skips step 1 (delete the directory to fill it again). KEYS_LIMIT (default
# all keys) samples that many random keys for the storage benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
bash scripts/build.sh >/dev/null
. scripts/env.sh
bench="$CARGO_TARGET_DIR/release/dmchain-bench"
cli="$CARGO_TARGET_DIR/release/dmchain"
out="${OUT:-$PWD/target/bench-storage}"
state="${DMCHAIN_BENCH_STATE:-$CARGO_TARGET_DIR/bench-state}"
wasm="$CARGO_TARGET_DIR/release/wbuild/dmchain-runtime/dmchain_runtime.compact.compressed.wasm"
runtime="$(sha256sum "$wasm" | cut -d' ' -f1)"
mkdir -p "$out"
port=$((20000 + RANDOM % 20000))
url="ws://127.0.0.1:$port"
node=""
trap '[ -z "$node" ] || { kill $node 2>/dev/null; wait $node 2>/dev/null; }' EXIT

start_node() {
	"$DMCHAIN_NODE" --dev --base-path "$state" --state-pruning archive --rpc-port "$port" \
		--port $((port + 1)) --pool-limit 100000 --pool-kbytes 512000 \
		--no-prometheus --no-telemetry >>"$out/node.log" 2>&1 &
	node=$!
	for _ in $(seq 120); do
		"$cli" --url "$url" status >/dev/null 2>&1 && return
		sleep 1
	done
	echo "bench-storage: the node did not answer at $url (see $out/node.log)" >&2
	exit 1
}

stop_node() {
	kill -INT "$node"
	wait "$node" || true
	node=""
}

if [ "$(cat "$state/filled" 2>/dev/null)" != "$runtime $records" ]; then
	rm -rf "$state"
	mkdir -p "$state"
	: >"$out/node.log"
	start_node
	echo "bench-storage: filling $state with $records records through $url"
	"$cli" --url "$url" --suri //Alice bench load --accounts 200 \
		--workload transfersx4000 --workload recordsx4000 \
		--workload "batch:1000x$((records / 1000))" --out "$out/load.json"
	stop_node
	echo "$runtime $records" >"$state/filled"
fi

start_node
"$cli" --url "$url" bench queries --samples 5000 --out "$out/queries.json"
echo "bench-storage: node peak resident memory $(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$node/status")"
stop_node

# Built only now: no build competes with the node for the 2 cores while it is measured.
cargo build --release --locked -p dmchain-bench
echo "bench-storage: storage read and write weights on the filled state"
limit=()
[ -z "${KEYS_LIMIT:-}" ] || limit=(--keys-limit "$KEYS_LIMIT")
"$bench" storage --chain dev --base-path "$state" --state-pruning archive --state-version 1 \
	--header .maintain/HEADER --weight-path runtime/src/weights/paritydb_weights.rs \
	--json-read-path "$out/storage-read.json" --json-write-path "$out/storage-write.json" \
	"${limit[@]}"

first="$(jq '[.workloads[].firstBlock] | min' "$out/load.json")"
last="$(jq '[.workloads[].lastBlock] | max' "$out/load.json")"
echo "bench-storage: re-executing blocks $first..=$last, each against the weight it was charged"
"$bench" block --chain dev --base-path "$state" --state-pruning archive \
	--from "$first" --to "$last" --repeat 3 2>&1 | tee "$out/blocks.log"
over="$(grep -c 'OVER WEIGHT' "$out/blocks.log" || true)"
echo "bench-storage: $over of $((last - first + 1)) blocks took longer than their weight"
grep -o 'used *[0-9.]*% of its weight' "$out/blocks.log" | tr -s ' ' | cut -d' ' -f2 |
	tr -d '%' | sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "bench-storage: execution / weight per block: min %s%%, median %s%%, max %s%%\n", v[1], v[int((NR + 1) / 2)], v[NR] }'
