#!/usr/bin/env bash
# Measures weights on this machine and writes them:
#   pallets/<pallet>/src/weights.rs for dmchain's pallets (trait, SubstrateWeight, and () for
#   tests), from .maintain/pallet-weight-template.hbs;
#   runtime/src/weights/<name>.rs for what the runtime borrows from upstream pallets and every
#   signed transaction pays: frame-system's transaction extensions, transaction payment's, and
#   balances (the load benchmark's baseline), from the benchmark CLI's own template;
#   runtime/src/weights/{block,extrinsic}_weights.rs for `overhead`: the execution weight of an
#   empty block and of one extrinsic's base (`dmchain-bench overhead`).
# Usage: scripts/bench.sh [name ...]   (default: all of them)
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
ours=(pallet_data_registry pallet_operator_config pallet_supervisor_audit pallet_access_permissions)
borrowed=(frame_system_extensions pallet_transaction_payment pallet_balances)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${ours[@]}" "${borrowed[@]}" overhead)
mkdir -p runtime/src/weights
for name in "${names[@]}"; do
	if [ "$name" = overhead ]; then
		echo "bench: overhead -> runtime/src/weights/{block,extrinsic}_weights.rs"
		"$bench" overhead --chain dev --wasm-execution compiled \
			--weight-path runtime/src/weights --header .maintain/HEADER
		continue
	fi
	if [[ " ${ours[*]} " == *" $name "* ]]; then
		output="pallets/$(echo "${name#pallet_}" | tr _ -)/src/weights.rs"
		template=(--template .maintain/pallet-weight-template.hbs)
	elif [[ " ${borrowed[*]} " == *" $name "* ]]; then
		output="runtime/src/weights/$name.rs"
		template=()
	else
		echo "bench: unknown name $name (one of: ${ours[*]} ${borrowed[*]} overhead)" >&2
		exit 2
	fi
	echo "bench: $name -> $output (steps $steps, repeat $repeat)"
	"$bench" pallet \
		--chain dev \
		--pallet "$name" \
		--extrinsic '*' \
		--steps "$steps" \
		--repeat "$repeat" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header .maintain/HEADER \
		"${template[@]}" \
		--output "$output"
done
