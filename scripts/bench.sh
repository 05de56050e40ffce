#!/usr/bin/env bash
# Measures the weights of dmchain's pallets on this machine and writes them:
#   pallets/<pallet>/src/weights.rs (trait, SubstrateWeight, and () for tests), from
#   .maintain/pallet-weight-template.hbs.
# Usage: scripts/bench.sh [pallet_name ...]   (default: every dmchain pallet)
# STEPS and REPEAT (defaults 20 and 10) trade precision for time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
# The benchmark binary (node/bench): frame-benchmarking-cli and its parachain crates are built
# here only, never by the tests or the dev chain.
cargo build --release --locked -p dmchain-bench
bench="$CARGO_TARGET_DIR/release/dmchain-bench"
steps="${STEPS:-20}"
repeat="${REPEAT:-10}"
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_data_registry pallet_operator_config pallet_supervisor_audit)
for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr _ -)"
	echo "bench: $pallet -> $dir/src/weights.rs (steps $steps, repeat $repeat)"
	"$bench" pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$steps" \
		--repeat "$repeat" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header .maintain/HEADER \
		--template .maintain/pallet-weight-template.hbs \
		--output "$dir/src/weights.rs"
done
