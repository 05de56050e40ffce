# Sourced by the other scripts: where cargo builds and where the node binary lands.
# One persistent target directory serves every script, session and CI run on a machine, so a
# warm build takes minutes instead of the ~30 of a cold one.
if ! command -v cargo >/dev/null && [ -f "$HOME/.cargo/env" ]; then
	# shellcheck disable=SC1091
	. "$HOME/.cargo/env"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dmchain-target}"
# The runtime's Wasm build looks for Cargo.lock from the target directory upwards; with the
# target directory outside the repository it must be told where the workspace is.
export WASM_BUILD_WORKSPACE_HINT="${WASM_BUILD_WORKSPACE_HINT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export DMCHAIN_NODE="$CARGO_TARGET_DIR/release/dmchain-node"
mkdir -p "$CARGO_TARGET_DIR"
# litep2p (sc-network) asks for a vendored OpenSSL, which compiles OpenSSL's C sources for
# minutes on 2 cores; the system's libssl-dev (scripts/setup.sh) links instead.
export OPENSSL_NO_VENDOR=1
