//! The runtime-upgrade procedure of `docs/operations.md` on a real dev chain (CTL-5): governance
//! authorizes the new code's hash, anyone applies the code, the chain reports the new spec
//! version and keeps producing, finalizing and anchoring.
//!
//! The new code is this runtime's own Wasm with the spec version in its `runtime_version`
//! custom section raised by one: the node and `frame_system` read a runtime's version from that
//! section, so the chain sees a newer runtime without a second 10-minute runtime build. What is
//! tested is the procedure and the chain's behaviour across it, not a change of logic.

use crate::common::{start_dev, NodeHome, RuntimeRpc};
use codec::Encode;
use dmchain_runtime::{Runtime, RuntimeCall, VERSION};
use serde_json::json;
use sp_keyring::Sr25519Keyring;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(60);

/// Reads an unsigned LEB128 number; returns it and how many bytes it took.
fn leb128(bytes: &[u8]) -> (usize, usize) {
	let (mut value, mut shift) = (0usize, 0);
	for (i, byte) in bytes.iter().enumerate() {
		value |= usize::from(byte & 0x7f) << shift;
		if byte & 0x80 == 0 {
			return (value, i + 1);
		}
		shift += 7;
	}
	panic!("truncated LEB128 number");
}

/// This runtime's Wasm with `spec_version` in its `runtime_version` section set to `spec`,
/// compressed as the build compresses it (the plain module is too long for one block).
fn code_with_spec_version(spec: u32) -> Vec<u8> {
	let compact = dmchain_runtime::WASM_BINARY.expect("the runtime's Wasm is built");
	let mut wasm = sp_maybe_compressed_blob::decompress(compact, 64 << 20)
		.expect("the runtime blob decompresses")
		.into_owned();
	assert_eq!(&wasm[..8], b"\0asm\x01\0\0\0", "a Wasm module, version 1");
	// The section starts with the name, impl name and authoring version; spec version follows.
	let prefix =
		(VERSION.spec_name.as_ref(), VERSION.impl_name.as_ref(), VERSION.authoring_version)
			.encode();
	let mut pos = 8;
	while pos < wasm.len() {
		let id = wasm[pos];
		let (size, n) = leb128(&wasm[pos + 1..]);
		let body = pos + 1 + n;
		if id == 0 {
			let (name_len, m) = leb128(&wasm[body..]);
			let payload = body + m + name_len;
			if &wasm[body + m..payload] == b"runtime_version" {
				assert_eq!(&wasm[payload..payload + prefix.len()], &prefix[..]);
				let at = payload + prefix.len();
				assert_eq!(wasm[at..at + 4], VERSION.spec_version.to_le_bytes());
				wasm[at..at + 4].copy_from_slice(&spec.to_le_bytes());
				return sp_maybe_compressed_blob::compress_strongly(&wasm, 64 << 20)
					.expect("the patched runtime compresses");
			}
		}
		pos = body + size;
	}
	panic!("the runtime has no runtime_version section");
}

#[test]
fn an_authorized_upgrade_raises_the_spec_version_and_the_chain_goes_on() {
	let home = NodeHome::new();
	let node = start_dev(&home);
	node.wait_finalized(1, TIMEOUT);
	let spec = |node: &crate::common::TestNode| {
		node.rpc("state_getRuntimeVersion", json!([]))["specVersion"].as_u64().unwrap()
	};
	assert_eq!(spec(&node), u64::from(VERSION.spec_version));

	let code = code_with_spec_version(VERSION.spec_version + 1);
	let code_hash = sp_io::hashing::blake2_256(&code).into();
	// 1. Governance (sudo on the dev chain) authorizes the code's hash: a small transaction.
	let authorize = node.submit(
		RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::System(frame_system::Call::authorize_upgrade {
				code_hash,
			})),
		}),
		&Sr25519Keyring::Alice.pair(),
	);
	let authorized = node.wait_finalized_tx(&authorize, TIMEOUT);
	assert!(authorized.events.iter().any(|e| matches!(
		e,
		dmchain_runtime::RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { .. })
	)));

	// 2. Anyone applies the authorized code (here Bob, no role).
	let apply = node.submit(
		RuntimeCall::System(frame_system::Call::apply_authorized_upgrade { code }),
		&Sr25519Keyring::Bob.pair(),
	);
	let applied = node.wait_finalized_tx(&apply, TIMEOUT);
	assert!(applied.succeeded(), "apply failed: {:?}", applied.dispatch_error());
	assert!(applied.events.iter().any(|e| matches!(
		e,
		dmchain_runtime::RuntimeEvent::System(frame_system::Event::CodeUpdated { .. })
	)));

	// 3. The new version is in force from the next block, and the chain goes on.
	node.wait_for(TIMEOUT, "the new spec version", || {
		(spec(&node) == u64::from(VERSION.spec_version) + 1).then_some(())
	});
	let upgraded_at = applied.block_number;
	node.wait_finalized(upgraded_at + 5, TIMEOUT);
	let registered = node.submit(
		pallet_data_registry::Call::<Runtime>::register_source {
			device: Sr25519Keyring::Dave.to_account_id(),
			format: 0,
			metadata: Default::default(),
			expected_interval: None,
		},
		&Sr25519Keyring::Charlie.pair(),
	);
	let registered = node.wait_finalized_tx(&registered, TIMEOUT);
	assert!(registered.succeeded(), "{:?}", registered.dispatch_error());
	assert!(registered.block_number > upgraded_at);
	node.stop();
}
