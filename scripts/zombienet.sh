#!/usr/bin/env bash
# Runs the zombienet tests on the local network (zombienet/local.toml: four validators and a
# fifth node): smoke.zndsl (blocks, finality, records across nodes, a validator restarted) and
# validator-set.zndsl (a fifth validator added at runtime, one removed; CTL-5) and
# node-authorization.zndsl (an enforced peer-id allow-list; CTL-5), with zombienet's
# native provider and our own dmchain-node: set-up, build, the pinned npm
# tools (zombienet/package-lock.json), then the test. Logs stay in $ZOMBIENET_DIR. The test also
# drives the dmchain CLI (client/), built here too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
. scripts/env.sh
# The same invocation as scripts/test.sh, so both share the artifacts (it builds the binary).
(cd client && cargo test --release --locked --no-run)
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
