//! End-to-end test support for dmchain: starts the real `dmchain-node` binary on free loopback
//! ports with a temporary base path, waits for it, talks JSON-RPC to it over plain HTTP, stops
//! it, and keeps its base path and log when a test fails.
//!
//! The node's own end-to-end tests and the client's (`dmchain-client`) build on it; neither
//! mocks the chain. It knows nothing of the runtime's types: callers decode what they need.

use serde_json::{json, Value};
use std::{
	fs::File,
	io::{Read, Write},
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	thread::sleep,
	time::{Duration, Instant},
};

/// The `dmchain-node` binary to test: `$DMCHAIN_NODE` if set, otherwise the one cargo built next
/// to the running test executable (`<target>/<profile>/dmchain-node`), which `cargo test
/// --workspace` builds before it runs any test.
pub fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("DMCHAIN_NODE") {
		return PathBuf::from(path);
	}
	let exe = std::env::current_exe().expect("the test executable's path");
	// <target>/<profile>/deps/<test>-<hash>
	let profile_dir = exe.parent().and_then(Path::parent).expect("<target>/<profile>");
	let binary = profile_dir.join("dmchain-node");
	assert!(
		binary.exists(),
		"{} not found: build the workspace (scripts/build.sh) or set DMCHAIN_NODE",
		binary.display()
	);
	binary
}

/// A node's home: its base path and its log. Kept on disk (and its log tail printed) when the
/// test panics; removed otherwise.
pub struct NodeHome {
	dir: Option<tempfile::TempDir>,
}

impl Default for NodeHome {
	fn default() -> Self {
		Self::new()
	}
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

	/// The home directory itself, for a test's own files.
	pub fn path(&self) -> &Path {
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
	/// The JSON-RPC port on 127.0.0.1 (HTTP and WebSocket).
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
	/// Starts [`node_binary`] with `--dev` in `home` and waits until its RPC answers.
	pub fn start_dev(home: &NodeHome) -> Self {
		Self::start(&node_binary(), home, &["--dev"])
	}

	/// Starts `binary` in `home` with `args`, on free ports, listening on loopback only, and
	/// waits until its RPC answers. Panics if the node exits or does not answer within 60 s.
	pub fn start(binary: &Path, home: &NodeHome, args: &[&str]) -> Self {
		Self::start_on(binary, home, args, free_port())
	}

	/// [`TestNode::start`] with the RPC on `rpc_port`: a node restarted in the same `home` on
	/// the same port is the same node to its clients.
	pub fn start_on(binary: &Path, home: &NodeHome, args: &[&str], rpc_port: u16) -> Self {
		let p2p_port = free_port();
		let log =
			File::options().create(true).append(true).open(home.log_path()).expect("open node log");
		let child = Command::new(binary)
			.args(args)
			.arg("--base-path")
			.arg(home.base_path())
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--listen-addr", &format!("/ip4/127.0.0.1/tcp/{p2p_port}")])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns"])
			.stdout(Stdio::from(log.try_clone().expect("clone log handle")))
			.stderr(Stdio::from(log))
			.spawn()
			.unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
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

	/// The port the node's JSON-RPC listens on.
	pub fn rpc_port(&self) -> u16 {
		self.rpc_port
	}

	/// The node's WebSocket JSON-RPC address, for clients such as subxt.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
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

	/// Kills the node at once (SIGKILL), as a crash or a lost connection would look to a client.
	pub fn kill(mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}

	/// Freezes the node (SIGSTOP): its sockets stay open but nothing answers, as with a hung
	/// node. [`TestNode::resume`] lets it go on.
	pub fn pause(&self) {
		self.signal("-STOP");
	}

	/// Lets a paused node go on (SIGCONT).
	pub fn resume(&self) {
		self.signal("-CONT");
	}

	fn signal(&self, signal: &str) {
		let status = Command::new("kill")
			.args([signal, &self.child.id().to_string()])
			.status()
			.expect("run kill");
		assert!(status.success(), "kill {signal} failed");
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
		let payload: Value = serde_json::from_str(&self.post(&body)?).map_err(|e| e.to_string())?;
		match payload.get("error") {
			Some(error) => Err(error.to_string()),
			None => Ok(payload["result"].clone()),
		}
	}

	/// Sends one JSON-RPC batch of `calls` (method, params) in one HTTP request; returns the
	/// answers in the order of the calls, each the whole response object (`result` or
	/// `error`).
	pub fn rpc_batch(&self, calls: &[(&str, Value)]) -> Vec<Value> {
		let body: Vec<Value> = calls
			.iter()
			.enumerate()
			.map(|(id, (method, params))| {
				json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
			})
			.collect();
		let answer = self.post(&Value::Array(body).to_string()).expect("the batch is answered");
		let mut answers: Vec<Value> =
			serde_json::from_str::<Vec<Value>>(&answer).expect("a batch answer is a JSON array");
		answers.sort_by_key(|answer| answer["id"].as_u64());
		answers
	}

	/// Posts `body` to the node's JSON-RPC endpoint; returns the HTTP status line and body.
	pub fn post_raw(&self, body: &str) -> Result<(String, String), String> {
		let mut stream =
			TcpStream::connect(("127.0.0.1", self.rpc_port)).map_err(|e| e.to_string())?;
		stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
		write!(
			stream,
			"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
			 Content-Length: {}\r\nConnection: close\r\n\r\n",
			body.len(),
		)
		.map_err(|e| e.to_string())?;
		// The node may answer (and close) before the whole of an oversized body is written.
		let _ = stream.write_all(body.as_bytes());
		let mut response = String::new();
		stream.read_to_string(&mut response).map_err(|e| e.to_string())?;
		let (head, payload) = response.split_once("\r\n\r\n").ok_or("no HTTP body")?;
		let status = head.lines().next().unwrap_or_default().to_string();
		Ok((status, payload.trim().to_string()))
	}

	fn post(&self, body: &str) -> Result<String, String> {
		self.post_raw(body).map(|(_, payload)| payload)
	}

	/// Calls `method` with `params`, which must fail; returns the JSON-RPC error object
	/// (`code`, `message`, `data`).
	pub fn rpc_error(&self, method: &str, params: Value) -> Value {
		match self.try_rpc(method, params) {
			Ok(result) => panic!("{method} answered {result} where an error was expected"),
			Err(error) => serde_json::from_str(&error)
				.unwrap_or_else(|_| panic!("{method} failed without a JSON-RPC error: {error}")),
		}
	}

	/// Calls `method` with `params`; panics on an error.
	pub fn rpc(&self, method: &str, params: Value) -> Value {
		self.try_rpc(method, params).unwrap_or_else(|e| panic!("{method} failed: {e}"))
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
}

impl Drop for TestNode {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// `bytes` as `0x`-prefixed hex.
pub fn hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
	format!("0x{digits}")
}

/// The bytes of `0x`-prefixed hex; panics on anything else.
pub fn unhex(text: &str) -> Vec<u8> {
	let digits = text.trim_start_matches("0x");
	assert!(digits.len() % 2 == 0, "odd-length hex: {text}");
	(0..digits.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex digit"))
		.collect()
}

fn block_number(header: &Value) -> u32 {
	let text = header["number"].as_str().expect("a header has a number");
	u32::from_str_radix(text.trim_start_matches("0x"), 16).expect("hex block number")
}
