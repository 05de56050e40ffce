#!/usr/bin/env bash
# Runs the zombienet smoke test (zombienet/smoke.zndsl) on the four-validator local network,
# with zombienet's native provider and our own dmchain-node: set-up, build, the pinned npm
# tools (zombienet/package-lock.json), then the test. Logs stay in $ZOMBIENET_DIR. The test also
# drives the dmchain CLI (client/), built here too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
. scripts/env.sh
# The same invocation as scripts/test.sh, so both share the artifacts (it builds the binary).
(cd client && cargo test --release --locked --no-run)
export DMCHAIN_CLI="$CARGO_TARGET_DIR/release/dmchain"
command -v npm >/dev/null || { echo "zombienet: npm (Node.js >= 18) is needed" >&2; exit 1; }
if [ ! -x zombienet/node_modules/.bin/zombienet ] ||
	[ zombienet/package-lock.json -nt zombienet/node_modules/.package-lock.json ]; then
	(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
fi
export DMCHAIN_NODE
export ZOMBIENET_DIR="${ZOMBIENET_DIR:-$(mktemp -d)/network}"
echo "zombienet: network files and logs in $ZOMBIENET_DIR"
cd zombienet
./node_modules/.bin/zombienet -p native -d "$ZOMBIENET_DIR" -f -l text test ./smoke.zndsl
