#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test dmchain. Idempotent: a second run
# only checks. Debian packages (protoc for sc-network, clang-free: no RocksDB), the Rust
# Wasm target and rust-src for the runtime build, and the npm tools of the network tests.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v curl >/dev/null || need_apt+=(curl)
command -v jq >/dev/null || need_apt+=(jq)
if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing Debian packages: ${need_apt[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
	echo "setup: cargo not found; install Rust with rustup first" >&2
	exit 1
fi
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

echo "setup: ok (protoc $(protoc --version | awk '{print $2}'), $(rustc --version | awk '{print $1" "$2}'), wasm32v1-none)"
