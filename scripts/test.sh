#!/usr/bin/env bash
# Runs every test of the project: set-up; the node workspace (pallets' unit, fuzzing and
# benchmark tests, runtime tests, node end-to-end tests, the client-metadata drift check); the
# client workspace (library and CLI unit tests, library, CLI and README end-to-end tests against
# a real node); then the zombienet tests on the six-node local network (smoke, validator set,
# node authorization).
#
# Stages: build the node workspace, build the client workspace, run the node workspace's tests,
# then the client's tests and zombienet side by side (both mostly wait for blocks, so running
# them together saves their shorter one's time without competing for the 2 cores). Every stage
# runs even if an earlier one failed; each stage's time is printed, the last line sums up the
# tests and the exit status is non-zero if anything failed.
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
logs="$CARGO_TARGET_DIR/test-logs"
rm -rf "$logs"
mkdir -p "$logs"
status=0
times=()

# stage NAME COMMAND...: runs COMMAND with its output in $logs/NAME.log and on the terminal,
# records its time; a failure marks the run failed but does not stop it.
stage() {
	local name="$1" start=$SECONDS rc=0
	shift
	echo "== $name"
	"$@" > >(tee "$logs/$name.log") 2>&1 || rc=$?
	times+=("$name: $((SECONDS - start)) s$([ "$rc" -eq 0 ] || echo " (failed)")")
	[ "$rc" -eq 0 ] || status=1
}

stage node-build cargo test --release --locked --workspace --exclude dmchain-bench --no-run
stage client-build bash -c 'cd client && cargo test --release --locked --no-run'
# --show-output: the fuzzing and adversarial tests print their reliability figures.
stage node-tests cargo test --release --locked --workspace --exclude dmchain-bench -- --show-output

# The client's tests and zombienet together; each writes its own log and time, shown when
# both end.
export DMCHAIN_CLI="$CARGO_TARGET_DIR/release/dmchain"
# background NAME COMMAND...: runs COMMAND in the background with its output in
# $logs/NAME.log; its time and exit status go to $logs/NAME.time.
background() {
	local name="$1"
	shift
	(
		start=$SECONDS
		rc=0
		"$@" >"$logs/$name.log" 2>&1 || rc=$?
		echo "$((SECONDS - start)) $rc" >"$logs/$name.time"
		exit "$rc"
	) &
}
background client-tests bash -c 'cd client && cargo test --release --locked'
client=$!
background zombienet env DMCHAIN_BUILT=1 bash scripts/zombienet.sh
zombienet=$!
wait "$client" || true
wait "$zombienet" || true
for name in client-tests zombienet; do
	read -r secs rc <"$logs/$name.time" || { secs="?"; rc=1; }
	times+=("$name: $secs s$([ "$rc" = 0 ] || echo " (failed)")")
	[ "$rc" = 0 ] || status=1
done
echo "== client-tests"
cat "$logs/client-tests.log"
echo "== zombienet (the six-node local network, scripts/zombienet.sh)"
cat "$logs/zombienet.log"

echo "== stage times"
printf '  %s\n' "${times[@]}"
# One closing line over every test binary (cargo prints one "test result" line per binary;
# zombienet prints "Result: passed/total" after its assertions).
cat "$logs"/*.log | awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
	match($0, /Result: [0-9]+\/[0-9]+/) { split(substr($0, RSTART + 8, RLENGTH - 8), r, "/"); p += r[1]; f += r[2] - r[1] }
	END { printf "tests: %d passed, %d failed\n", p, f }'
exit "$status"
