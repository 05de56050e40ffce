#!/usr/bin/env bash
# Runs every test of the project: set-up, then the pallets' unit and benchmark tests, the
# runtime's tests, and the end-to-end tests that start the real dmchain-node.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
if [ -n "${SKIP_WASM_BUILD:-}" ]; then
	echo "test: unset SKIP_WASM_BUILD; the end-to-end tests need a runnable node" >&2
	exit 1
fi
# ParityDb only: RocksDB must not creep back into the dependency tree.
if grep -q '^name = "librocksdb-sys"' Cargo.lock; then
	echo "test: librocksdb-sys is in Cargo.lock; dmchain uses ParityDb only" >&2
	exit 1
fi
log="$CARGO_TARGET_DIR/test-output.log"
status=0
cargo test --release --locked --workspace 2>&1 | tee "$log" || status=$?
# One closing line over every test binary (cargo prints one "test result" line per binary).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
	END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
