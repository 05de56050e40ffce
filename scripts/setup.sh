#!/usr/bin/env bash
# Installs what a fresh Debian machine with only rustup lacks to build and test dmchain.
# Idempotent: a second run only checks. What it installs:
# - Debian packages: a C toolchain (build-essential: cc for the crates' C parts), pkg-config
#   and libssl-dev (litep2p's WebRTC transport links OpenSSL; scripts/env.sh sets
#   OPENSSL_NO_VENDOR=1 so the system library is used instead of compiling OpenSSL),
#   protobuf-compiler (sc-network's build scripts), curl and jq (scripts and tests), and
#   Node.js with npm for zombienet. No clang: there is no RocksDB in the tree.
# - Rust: the wasm32v1-none target and rust-src for the runtime's Wasm build.
# - npm: zombienet's pinned tools (zombienet/package-lock.json), into zombienet/node_modules.
# Without root and without sudo it says in one line what to install by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v cc >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
[ -f /usr/include/openssl/ssl.h ] || need_apt+=(libssl-dev)
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v curl >/dev/null || need_apt+=(curl)
command -v jq >/dev/null || need_apt+=(jq)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || {
			echo "setup: install these Debian packages as root: apt-get install ${need_apt[*]}" >&2
			exit 1
		}
		SUDO="sudo"
	fi
	echo "setup: installing Debian packages: ${need_apt[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
node_major="$(node --version | sed 's/^v\([0-9]*\).*/\1/')"
if [ "$node_major" -lt 18 ]; then
	echo "setup: zombienet needs Node.js >= 18; this machine has $(node --version)" >&2
	exit 1
fi

if ! command -v cargo >/dev/null && [ -f "$HOME/.cargo/env" ]; then
	# shellcheck disable=SC1091
	. "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null; then
	echo "setup: cargo not found; install Rust with rustup first (https://rustup.rs)" >&2
	exit 1
fi
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

if [ ! -x zombienet/node_modules/.bin/zombienet ] ||
	[ zombienet/package-lock.json -nt zombienet/node_modules/.package-lock.json ]; then
	echo "setup: installing zombienet's npm tools (zombienet/package-lock.json)"
	(cd zombienet && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "setup: ok (protoc $(protoc --version | awk '{print $2}'), $(rustc --version | awk '{print $1" "$2}'), wasm32v1-none, node $(node --version), zombienet npm tools)"
