#!/usr/bin/env bash
# Runs every test of the project: set-up; the node workspace (pallets' unit and benchmark tests,
# runtime tests, node end-to-end tests, the client-metadata drift check); the client workspace
# (library and CLI unit tests, library and CLI end-to-end tests against a real node); then the
# zombienet tests on the six-node local network (smoke, validator set, node authorization).
# Every stage runs even if an earlier one failed; the
# last line sums them up and the exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
if [ -n "${SKIP_WASM_BUILD:-}" ]; then
	echo "test: unset SKIP_WASM_BUILD; the end-to-end tests need a runnable node" >&2
	exit 1
fi
# ParityDb only: RocksDB must not creep back into the dependency tree.
if grep -q '^name = "librocksdb-sys"' Cargo.lock client/Cargo.lock; then
	echo "test: librocksdb-sys is in a Cargo.lock; dmchain uses ParityDb only" >&2
	exit 1
fi
log="$CARGO_TARGET_DIR/test-output.log"
: >"$log"
status=0
echo "== node workspace: cargo test --workspace"
cargo test --release --locked --workspace --exclude dmchain-bench 2>&1 | tee -a "$log" || status=1
echo "== client workspace: cargo test (client/)"
(cd client && cargo test --release --locked) 2>&1 | tee -a "$log" || status=1
echo "== zombienet: the six-node local network (scripts/zombienet.sh)"
bash scripts/zombienet.sh 2>&1 | tee -a "$log" || status=1
# One closing line over every test binary (cargo prints one "test result" line per binary;
# zombienet prints "Result: passed/total" after its assertions).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
	match($0, /Result: [0-9]+\/[0-9]+/) { split(substr($0, RSTART + 8, RLENGTH - 8), r, "/"); p += r[1]; f += r[2] - r[1] }
	END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
