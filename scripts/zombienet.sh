#!/usr/bin/env bash
# Runs the zombienet tests on the six-node local network (zombienet/local.toml: the four
# genesis validators, Eve who can become a fifth, and Ferdie, a full node): smoke.zndsl (blocks, finality, records across nodes, a validator restarted) and
# validator-set.zndsl (a fifth validator added at runtime, one removed; CTL-5) and
# node-authorization.zndsl (an enforced peer-id allow-list; CTL-5), with zombienet's
# native provider and our own dmchain-node: set-up (with the pinned npm tools of
# zombienet/package-lock.json), build (the node and the dmchain CLI the tests drive), then the
# tests. Logs stay in $ZOMBIENET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
# scripts/test.sh has built everything already and runs this beside the client's tests: it
# sets DMCHAIN_BUILT=1 so that no second cargo waits for the build directory's lock.
if [ -z "${DMCHAIN_BUILT:-}" ]; then
	bash scripts/build.sh
fi
. scripts/env.sh
export DMCHAIN_CLI="$CARGO_TARGET_DIR/release/dmchain"
# scripts/build.sh ran scripts/setup.sh, which installs the pinned npm tools.
export DMCHAIN_NODE
export ZOMBIENET_DIR="${ZOMBIENET_DIR:-$(mktemp -d)/network}"
mkdir -p "$ZOMBIENET_DIR"
echo "zombienet: network files and logs in $ZOMBIENET_DIR/<test>"
cd zombienet
# Each test spawns the network afresh; every test runs, and the script fails if any failed.
status=0
for test in smoke validator-set node-authorization; do
	echo "zombienet: $test.zndsl"
	./node_modules/.bin/zombienet -p native -d "$ZOMBIENET_DIR/$test" -f -l text test "./$test.zndsl" ||
		status=1
done
exit "$status"
