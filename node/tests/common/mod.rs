//! The end-to-end harness: starts the real `dmchain-node` binary on free loopback ports with a
//! temporary base path, waits for it, talks JSON-RPC to it over plain HTTP, stops it, and keeps
//! its base path and log when a test fails. Every end-to-end test builds on it.

#![allow(dead_code)]

use codec::{Decode, Encode};
use dmchain_runtime::{Hash, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair};
use std::{
	fs::File,
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	thread::sleep,
	time::{Duration, Instant},
};

/// The node binary cargo built for these tests.
pub const NODE_BINARY: &str = env!("CARGO_BIN_EXE_dmchain-node");

/// A node's home: its base path and its log. Kept on disk (and its log tail printed) when the
/// test panics; removed otherwise.
pub struct NodeHome {
	dir: Option<tempfile::TempDir>,
}

impl NodeHome {
	/// A fresh, empty home.
	pub fn new() -> Self {
		let dir = tempfile::Builder::new().prefix("dmchain-e2e-").tempdir().expect("temp dir");
		Self { dir: Some(dir) }
	}

	/// The node's `--base-path`.
	pub fn base_path(&self) -> PathBuf {
		self.path().join("base")
	}

	/// The log file all runs of the node append to.
	pub fn log_path(&self) -> PathBuf {
		self.path().join("node.log")
	}

	fn path(&self) -> &Path {
		self.dir.as_ref().expect("home exists until dropped").path()
	}
}

impl Drop for NodeHome {
	fn drop(&mut self) {
		if std::thread::panicking() {
			if let Some(dir) = self.dir.take() {
				let kept = dir.keep();
				let log = std::fs::read_to_string(kept.join("node.log")).unwrap_or_default();
				let tail: Vec<&str> = log.lines().rev().take(40).collect();
				eprintln!("--- node home kept at {} ---", kept.display());
				for line in tail.into_iter().rev() {
					eprintln!("{line}");
				}
			}
		}
	}
}

/// A running `dmchain-node` process. Killed when dropped.
pub struct TestNode {
	child: Child,
	/// The JSON-RPC port on 127.0.0.1.
	pub rpc_port: u16,
}

/// A free TCP port on 127.0.0.1 (the OS picks it; it is released before the node binds it).
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("a free loopback port")
}

impl TestNode {
	/// Starts `dmchain-node --dev` in `home` and waits until its RPC answers.
	pub fn start_dev(home: &NodeHome) -> Self {
		Self::start(home, &["--dev"])
	}

	/// Starts the node in `home` with `args`, on free ports, listening on loopback only.
	pub fn start(home: &NodeHome, args: &[&str]) -> Self {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let log =
			File::options().create(true).append(true).open(home.log_path()).expect("open node log");
		let child = Command::new(NODE_BINARY)
			.args(args)
			.arg("--base-path")
			.arg(home.base_path())
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{p2p_port}")])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
			.stdout(Stdio::from(log.try_clone().expect("clone log handle")))
			.stderr(Stdio::from(log))
			.spawn()
			.expect("start dmchain-node");
		let mut node = Self { child, rpc_port };
		let deadline = Instant::now() + Duration::from_secs(60);
		loop {
			if let Ok(Some(status)) = node.child.try_wait() {
				panic!("dmchain-node exited during start-up ({status}); see its log");
			}
			if node.try_rpc("system_health", json!([])).is_ok() {
				return node;
			}
			assert!(Instant::now() < deadline, "dmchain-node's RPC did not answer within 60 s");
			sleep(Duration::from_millis(250));
		}
	}

	/// Stops the node gracefully (SIGTERM), waiting up to 30 s before killing it.
	pub fn stop(mut self) {
		let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(_)) = self.child.try_wait() {
				return;
			}
			sleep(Duration::from_millis(100));
		}
		let _ = self.child.kill();
		let _ = self.child.wait();
	}

	/// Polls `probe` every 250 ms until it returns a value; panics after `timeout`.
	pub fn wait_for<T>(
		&self,
		timeout: Duration,
		what: &str,
		mut probe: impl FnMut() -> Option<T>,
	) -> T {
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(value) = probe() {
				return value;
			}
			assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
			sleep(Duration::from_millis(250));
		}
	}

	/// Calls `method` with `params`; the `result`, or the JSON-RPC error as a string.
	pub fn try_rpc(&self, method: &str, params: Value) -> Result<Value, String> {
		let body =
			json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
		let mut stream =
			TcpStream::connect(("127.0.0.1", self.rpc_port)).map_err(|e| e.to_string())?;
		stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n{}",
			body.len(),
			body
		)
		.map_err(|e| e.to_string())?;
		let mut response = String::new();
		stream.read_to_string(&mut response).map_err(|e| e.to_string())?;
		let (_, payload) = response.split_once("\r\n\r\n").ok_or("no HTTP body")?;
		let payload: Value = serde_json::from_str(payload.trim()).map_err(|e| e.to_string())?;
		match payload.get("error") {
			Some(error) => Err(error.to_string()),
			None => Ok(payload["result"].clone()),
		}
	}

	/// Calls `method` with `params`; panics on an error.
	pub fn rpc(&self, method: &str, params: Value) -> Value {
		self.try_rpc(method, params).unwrap_or_else(|e| panic!("{method} failed: {e}"))
	}

	/// The genesis block's hash.
	pub fn genesis_hash(&self) -> Hash {
		parse_hash(&self.rpc("chain_getBlockHash", json!([0])))
	}

	/// The next nonce of `who`, counting transactions in the pool.
	pub fn nonce(&self, who: &sr25519::Pair) -> u32 {
		let account = dmchain_runtime::AccountId::from(who.public()).to_string();
		self.rpc("system_accountNextIndex", json!([account])).as_u64().expect("nonce") as u32
	}

	/// The number of the latest finalised block.
	pub fn finalized_number(&self) -> u32 {
		let hash = self.rpc("chain_getFinalizedHead", json!([]));
		block_number(&self.rpc("chain_getHeader", json!([hash])))
	}

	/// The number of the best block.
	pub fn best_number(&self) -> u32 {
		block_number(&self.rpc("chain_getHeader", json!([])))
	}

	/// Waits until the finalised height reaches `height`.
	pub fn wait_finalized(&self, height: u32, timeout: Duration) {
		self.wait_for(timeout, &format!("finalised height {height}"), || {
			(self.finalized_number() >= height).then_some(())
		});
	}

	/// Signs `call` by `signer` with its next nonce and submits it; returns the transaction.
	pub fn submit(&self, call: impl Into<RuntimeCall>, signer: &sr25519::Pair) -> Submitted {
		let extrinsic = dmchain_runtime::signing::sign(
			call.into(),
			signer,
			self.nonce(signer),
			self.genesis_hash(),
		);
		self.submit_signed(extrinsic)
	}

	/// Submits an already signed transaction.
	pub fn submit_signed(&self, extrinsic: UncheckedExtrinsic) -> Submitted {
		let encoded = extrinsic.encode();
		let hash = self.rpc("author_submitExtrinsic", json!([hex(&encoded)]));
		Submitted { hash: parse_hash(&hash), encoded }
	}

	/// Waits until `tx` is in a finalised block; returns that block's hash and the events of
	/// the transaction.
	pub fn wait_finalized_tx(&self, tx: &Submitted, timeout: Duration) -> Included {
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

	/// The events of block `at`, decoded with the runtime's own types.
	pub fn events_at(&self, at: Hash) -> Vec<frame_system::EventRecord<RuntimeEvent, Hash>> {
		let key =
			[sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"Events")].concat();
		let raw = self.rpc("state_getStorage", json!([hex(&key), format!("{at:?}")]));
		let bytes = unhex(raw.as_str().unwrap_or("0x"));
		Decode::decode(&mut &bytes[..]).expect("events decode with the runtime's types")
	}
}

impl Drop for TestNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
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

/// `bytes` as `0x`-prefixed hex.
pub fn hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{digits}")
}

/// The bytes of `0x`-prefixed hex.
pub fn unhex(text: &str) -> Vec<u8> {
	let digits = text.trim_start_matches("0x");
	(0..digits.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex digit"))
		.collect()
}

fn parse_hash(value: &Value) -> Hash {
	let bytes = unhex(value.as_str().expect("a hash is a hex string"));
	Hash::from_slice(&bytes)
}

fn block_number(header: &Value) -> u32 {
	let text = header["number"].as_str().expect("a header has a number");
	u32::from_str_radix(text.trim_start_matches("0x"), 16).expect("hex block number")
}
