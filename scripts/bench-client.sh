#!/usr/bin/env bash
# Measures end-to-end submission through the dmchain CLI against a fresh dev node: records
# anchored per second until finality, for single submissions (the baseline) and for bulk CSV
# submissions with several records-per-call settings, in the same run. Prints one line per case
# and each case's ratio to the baseline. Usage: scripts/bench-client.sh [RECORDS] (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
records="${1:-1000}"
cli="$CARGO_TARGET_DIR/release/dmchain"
[ -x "$cli" ] && [ -x "$DMCHAIN_NODE" ] || { echo "bench-client: run scripts/build.sh and build client/ first" >&2; exit 1; }
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
"$DMCHAIN_NODE" --dev --base-path "$work/base" --rpc-port "$port" --port $((port + 1)) \
	--no-prometheus --no-telemetry >"$work/node.log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -rf "$work"' EXIT
url="ws://127.0.0.1:$port"
# Ready when the node answers (exit 1, "no source 0", is an answer; 4 is "unreachable").
for _ in $(seq 60); do
	status=0
	"$cli" --url "$url" source show 0 >/dev/null 2>&1 || status=$?
	[ "$status" -ne 4 ] && break
	sleep 1
done
dm() { "$cli" --url "$url" --json "$@"; }
ms() { date +%s%3N; }

source_id=$(dm --suri //Alice source register --device //Bob --format bench/v1 | jq .source)
echo "bench-client: $records records a bulk case, dev node (one validator, 3 s blocks), $(nproc) cores"

# Baseline: single submissions, one after the other, each awaited until finalized.
singles=20
start=$(ms)
for i in $(seq "$singles"); do
	dm --suri //Bob record submit --source "$source_id" --hash "$(printf '%064x' "$i")" >/dev/null
done
base_ms=$(( $(ms) - start ))
base_rate=$(awk -v n="$singles" -v t="$base_ms" 'BEGIN { printf "%.2f", n * 1000 / t }')
echo "single submit, finalized each:   $singles records in ${base_ms} ms = $base_rate records/s (baseline 1.00)"

seq_base=1000000
for per_call in 100 1000; do
	csv="$work/bulk-$per_call.csv"
	echo "hash,sequence" >"$csv"
	for i in $(seq 0 $((records - 1))); do
		printf '0x%064x,%d\n' $((seq_base + i)) $((seq_base + i)) >>"$csv"
	done
	start=$(ms)
	answer=$(dm --suri //Bob record bulk --source "$source_id" --csv "$csv" --per-call "$per_call")
	took=$(( $(ms) - start ))
	anchored=$(echo "$answer" | jq .anchored)
	rate=$(awk -v n="$anchored" -v t="$took" 'BEGIN { printf "%.2f", n * 1000 / t }')
	ratio=$(awk -v r="$rate" -v b="$base_rate" 'BEGIN { printf "%.1f", r / b }')
	echo "bulk CSV, $per_call per call:        $anchored records in ${took} ms = $rate records/s ($ratio x baseline)"
	seq_base=$((seq_base + records))
done
