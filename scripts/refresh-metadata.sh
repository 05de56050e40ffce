#!/usr/bin/env bash
# Rewrites client/metadata/dmchain.scale, the runtime metadata the client's static types are
# generated from, with what the runtime built from this tree serves (a dev node is started and
# asked; see node/tests/e2e/client_metadata.rs). Run it after any runtime change, then rebuild the
# client; without it that test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DMCHAIN_REFRESH_METADATA=1 cargo test --release --locked --workspace --exclude dmchain-bench --test e2e client_metadata -- --nocapture
