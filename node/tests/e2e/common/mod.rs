//! The runtime-aware half of the end-to-end harness: signs and submits extrinsics built from
//! the runtime's own types and decodes their events. Starting, stopping and plain JSON-RPC come
//! from `dmchain-test-node`, shared with the client's tests.

#![allow(dead_code)]

use codec::{Decode, Encode};
use dmchain_runtime::{Hash, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
pub use dmchain_test_node::{hex, unhex, NodeHome, TestNode};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair};
use std::{path::Path, time::Duration};

/// The node binary cargo built for these tests.
pub const NODE_BINARY: &str = env!("CARGO_BIN_EXE_dmchain-node");

/// Starts this package's `dmchain-node` in `home` with `args`.
pub fn start(home: &NodeHome, args: &[&str]) -> TestNode {
	TestNode::start(Path::new(NODE_BINARY), home, args)
}

/// Starts this package's `dmchain-node --dev` in `home`.
pub fn start_dev(home: &NodeHome) -> TestNode {
	start(home, &["--dev"])
}

/// Runtime-typed calls on a running node.
pub trait RuntimeRpc {
	/// The genesis block's hash.
	fn genesis_hash(&self) -> Hash;
	/// The next nonce of `who`, counting transactions in the pool.
	fn nonce(&self, who: &sr25519::Pair) -> u32;
	/// Signs `call` by `signer` with its next nonce and submits it; returns the transaction.
	fn submit(&self, call: impl Into<RuntimeCall>, signer: &sr25519::Pair) -> Submitted;
	/// Submits an already signed transaction.
	fn submit_signed(&self, extrinsic: UncheckedExtrinsic) -> Submitted;
	/// Waits until `tx` is in a finalised block; returns that block's hash and the events of
	/// the transaction.
	fn wait_finalized_tx(&self, tx: &Submitted, timeout: Duration) -> Included;
	/// The events of block `at`, decoded with the runtime's own types.
	fn events_at(&self, at: Hash) -> Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;
}

impl RuntimeRpc for TestNode {
	fn genesis_hash(&self) -> Hash {
		parse_hash(&self.rpc("chain_getBlockHash", json!([0])))
	}

	fn nonce(&self, who: &sr25519::Pair) -> u32 {
		let account = dmchain_runtime::AccountId::from(who.public()).to_string();
		self.rpc("system_accountNextIndex", json!([account])).as_u64().expect("nonce") as u32
	}

	fn submit(&self, call: impl Into<RuntimeCall>, signer: &sr25519::Pair) -> Submitted {
		let extrinsic = dmchain_runtime::signing::sign(
			call.into(),
			signer,
			self.nonce(signer),
			self.genesis_hash(),
		);
		self.submit_signed(extrinsic)
	}

	fn submit_signed(&self, extrinsic: UncheckedExtrinsic) -> Submitted {
		let encoded = extrinsic.encode();
		let hash = self.rpc("author_submitExtrinsic", json!([hex(&encoded)]));
		Submitted { hash: parse_hash(&hash), encoded }
	}

	fn wait_finalized_tx(&self, tx: &Submitted, timeout: Duration) -> Included {
		let mut checked = 0u32;
		self.wait_for(timeout, "the transaction to be finalised", || {
			let finalized = self.finalized_number();
			while checked < finalized {
				checked += 1;
				let hash = self.rpc("chain_getBlockHash", json!([checked]));
				let block = self.rpc("chain_getBlock", json!([hash]));
				let extrinsics = block["block"]["extrinsics"].as_array()?.clone();
				let wanted = hex(&tx.encoded);
				if let Some(index) = extrinsics.iter().position(|x| x.as_str() == Some(&wanted)) {
					let block_hash = parse_hash(&hash);
					let events = self
						.events_at(block_hash)
						.into_iter()
						.filter(|record| {
							record.phase == frame_system::Phase::ApplyExtrinsic(index as u32)
						})
						.map(|record| record.event)
						.collect();
					return Some(Included { block_hash, block_number: checked, events });
				}
			}
			None
		})
	}

	fn events_at(&self, at: Hash) -> Vec<frame_system::EventRecord<RuntimeEvent, Hash>> {
		let key =
			[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Events")].concat();
		let raw = self.rpc("state_getStorage", json!([hex(&key), format!("{at:?}")]));
		let bytes = unhex(raw.as_str().unwrap_or("0x"));
		Decode::decode(&mut &bytes[..]).expect("events decode with the runtime's types")
	}
}

/// A submitted transaction.
pub struct Submitted {
	/// Its hash, as the pool reported it.
	pub hash: Hash,
	/// Its SCALE encoding, to find it in blocks.
	pub encoded: Vec<u8>,
}

/// Where a transaction landed and what it did.
pub struct Included {
	/// The block that includes it.
	pub block_hash: Hash,
	/// That block's number.
	pub block_number: u32,
	/// The events the transaction emitted.
	pub events: Vec<RuntimeEvent>,
}

impl Included {
	/// Whether the transaction succeeded.
	pub fn succeeded(&self) -> bool {
		self.events.iter().any(|event| {
			matches!(event, RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { .. }))
		})
	}

	/// The transaction's dispatch error, if it failed.
	pub fn dispatch_error(&self) -> Option<sp_runtime::DispatchError> {
		self.events.iter().find_map(|event| match event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => Some(*dispatch_error),
			_ => None,
		})
	}
}

fn parse_hash(value: &Value) -> Hash {
	let bytes = unhex(value.as_str().expect("a hash is a hex string"));
	Hash::from_slice(&bytes)
}
