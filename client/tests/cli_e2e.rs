//! The `dmchain` command-line tool against a real `dmchain-node --dev`: the flow a city data
//! team follows (register, submit a file, verify it and a changed copy, list, watch), a bulk
//! submission of 1,000 CSV rows each finalized exactly once, the exit codes scripts rely on,
//! and datasets and access grants.

use dmchain_test_node::{free_port, NodeHome, TestNode};
use serde_json::{json, Value};
use std::{
	collections::HashMap,
	path::Path,
	process::{Command, Output, Stdio},
};

const DMCHAIN: &str = env!("CARGO_BIN_EXE_dmchain");

/// Runs `dmchain --url <node> --json <args>`.
fn dmchain(url: &str, args: &[&str]) -> Output {
	Command::new(DMCHAIN)
		.args(["--url", url, "--json"])
		.args(args)
		.env_remove("DMCHAIN_SURI")
		.env_remove("DMCHAIN_KEY_FILE")
		.env_remove("DMCHAIN_ENCRYPTION_KEY_FILE")
		.output()
		.expect("run dmchain")
}

fn code(output: &Output) -> i32 {
	output.status.code().expect("exited normally")
}

/// The JSON `dmchain` printed; panics with its stderr if it failed or printed none.
fn json_ok(output: Output) -> Value {
	assert_eq!(code(&output), 0, "dmchain failed: {}", String::from_utf8_lossy(&output.stderr));
	json_of(&output)
}

fn json_of(output: &Output) -> Value {
	let text = String::from_utf8_lossy(&output.stdout);
	let line = text.lines().last().unwrap_or_else(|| {
		panic!("no output; stderr: {}", String::from_utf8_lossy(&output.stderr))
	});
	serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

fn write(dir: &Path, name: &str, content: &str) -> String {
	let path = dir.join(name);
	std::fs::write(&path, content).unwrap();
	path.display().to_string()
}

#[test]
fn the_command_line_flow_and_its_exit_codes() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();
	let files = home.path();

	// Register a source owned by Alice whose device key is Bob's.
	let registered = json_ok(dmchain(
		&url,
		&["source", "register", "--device", "//Bob", "--format", "0", "--suri", "//Alice"],
	));
	let source = registered["source"].as_u64().expect("source id").to_string();
	assert_eq!(registered["status"], "pending-approval");
	// Alice is also the dev preset's operator: she approves it.
	json_ok(dmchain(&url, &["--suri", "//Alice", "operator", "approve-source", &source]));
	assert_eq!(json_ok(dmchain(&url, &["source", "show", &source]))["status"], "active");

	// Submit a file (the tool hashes it), with typed metadata.
	let reading = write(files, "reading.json", r#"{"vehicles": 41}"#);
	let submitted = json_ok(dmchain(
		&url,
		&[
			"record",
			"submit",
			"--source",
			&source,
			"--file",
			&reading,
			"--meta",
			"count=uint:41",
			"--meta",
			"site=junction 7",
			"--suri",
			"//Bob",
		],
	));
	assert_eq!(submitted["id"]["index"], 0);
	assert_eq!(submitted["receipt"]["finalized"], true);

	// Verify the same file: anchored (exit 0). A changed file: not anchored (exit 1).
	let verified = json_ok(dmchain(&url, &["record", "verify", "--file", &reading]));
	assert_eq!(verified["anchored"], true);
	assert_eq!(verified["records"][0]["metadata"][0]["value"]["value"], 41);
	let changed = write(files, "changed.json", r#"{"vehicles": 42}"#);
	let not_verified = dmchain(&url, &["record", "verify", "--file", &changed]);
	assert_eq!(code(&not_verified), 1);
	assert_eq!(json_of(&not_verified)["anchored"], false);

	// List, get, and watch a record submitted while watching.
	let listed = json_ok(dmchain(&url, &["record", "list", "--source", &source]));
	assert_eq!(listed["records"].as_array().unwrap().len(), 1);
	let got = json_ok(dmchain(&url, &["record", "get", &format!("{source}/0")]));
	assert_eq!(got["sequence"], 0);
	let mut watcher = Command::new(DMCHAIN)
		.args(["--url", &url, "--json", "record", "watch", "--source", &source, "--count", "1"])
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.expect("start watch");
	// The watcher says on standard error when its subscription is live.
	let mut stderr = std::io::BufReader::new(watcher.stderr.take().expect("piped stderr"));
	let mut line = String::new();
	std::io::BufRead::read_line(&mut stderr, &mut line).expect("the watcher starts");
	assert!(line.starts_with("watching finalized records"), "{line}");
	let later = write(files, "later.json", r#"{"vehicles": 7}"#);
	json_ok(dmchain(
		&url,
		&["record", "submit", "--source", &source, "--file", &later, "--suri", "//Bob"],
	));
	let watched = watcher.wait_with_output().expect("watch ends after one record");
	let watched = json_ok(watched);
	assert_eq!(watched["id"]["index"], 1);
	assert_eq!(watched["sequence"], 1);

	// Bulk: 1,000 CSV rows, each its own digest and sequence number.
	let mut csv = String::from("hash,sequence,lane:uint\n");
	let digests: Vec<String> =
		(0..1000u32).map(|i| format!("{:064x}", 0xd00d_0000u64 + u64::from(i))).collect();
	for (i, digest) in digests.iter().enumerate() {
		csv.push_str(&format!("0x{digest},{},{}\n", 100 + i, i % 4));
	}
	let csv_path = write(files, "bulk.csv", &csv);
	let bulk_args = ["record", "bulk", "--source", &source, "--csv", &csv_path, "--suri", "//Bob"];
	let bulk = json_ok(dmchain(&url, &bulk_args));
	assert_eq!(bulk["anchored"], 1000, "{bulk}");
	assert_eq!(bulk["failed"], 0);
	assert_eq!(bulk["firstIndex"], 2);
	assert_eq!(bulk["lastIndex"], 1001);
	// Every row is on chain exactly once.
	let all =
		json_ok(dmchain(&url, &["record", "list", "--source", &source, "--all", "--limit", "100"]));
	let records = all["records"].as_array().unwrap();
	assert_eq!(records.len(), 1002);
	let mut seen: HashMap<String, u32> = HashMap::new();
	for record in records {
		*seen.entry(record["content"]["digest"].as_str().unwrap().to_string()).or_default() += 1;
	}
	for digest in &digests {
		assert_eq!(seen.get(&format!("0x{digest}")), Some(&1), "digest {digest}");
	}
	// Running the same CSV again anchors nothing twice.
	let rerun = json_ok(dmchain(&url, &bulk_args));
	assert_eq!(rerun["skippedAlreadyAnchored"], 1000);
	assert_eq!(rerun["anchored"], 0);

	// Without a sequence column (issue 11): a re-run skips every digest this source has
	// anchored. A file of which only a first part landed (as after a lost connection) anchors
	// just the rest; a directory re-run anchors nothing.
	let plain = |range: std::ops::Range<u64>| {
		let mut text = String::from("hash\n");
		for i in range {
			text.push_str(&format!("0x{:064x}\n", 0xfeed_0000u64 + i));
		}
		text
	};
	let first_part = write(files, "plain-first.csv", &plain(0..25));
	let whole = write(files, "plain.csv", &plain(0..40));
	let args = |path: &str| {
		["record", "bulk", "--source", &source, "--csv", path, "--suri", "//Bob"]
			.map(String::from)
			.to_vec()
	};
	let run = |path: &str| {
		let owned = args(path);
		let borrowed: Vec<&str> = owned.iter().map(String::as_str).collect();
		json_ok(dmchain(&url, &borrowed))
	};
	let landed = run(&first_part);
	assert_eq!(landed["anchored"], 25, "{landed}");
	let rest = run(&whole);
	assert_eq!(
		(rest["skippedAlreadyAnchored"].clone(), rest["anchored"].clone()),
		(json!(25), json!(15)),
		"{rest}"
	);
	let again = run(&whole);
	assert_eq!(
		(again["skippedAlreadyAnchored"].clone(), again["anchored"].clone()),
		(json!(40), json!(0)),
		"{again}"
	);
	let dir = files.join("readings");
	std::fs::create_dir_all(&dir).unwrap();
	for i in 0..5 {
		std::fs::write(dir.join(format!("r{i}.json")), format!("{{\"count\": {i}}}")).unwrap();
	}
	let dir_args =
		["record", "bulk", "--source", &source, "--dir", dir.to_str().unwrap(), "--suri", "//Bob"];
	assert_eq!(json_ok(dmchain(&url, &dir_args))["anchored"], 5);
	let dir_again = json_ok(dmchain(&url, &dir_args));
	assert_eq!(
		(dir_again["skippedAlreadyAnchored"].clone(), dir_again["anchored"].clone()),
		(json!(5), json!(0))
	);

	// Exit codes: a refusal by the registry is 3, with its error named.
	let replay = dmchain(
		&url,
		&[
			"record",
			"submit",
			"--source",
			&source,
			"--file",
			&reading,
			"--sequence",
			"5",
			"--suri",
			"//Bob",
		],
	);
	assert_eq!(code(&replay), 3);
	assert_eq!(json_of(&replay)["kind"], "registry");
	assert!(json_of(&replay)["error"].as_str().unwrap().contains("SequenceOutOfOrder"));
	// Not found is 1; no key is 5; an unreachable node is 4; bad usage is 2.
	assert_eq!(code(&dmchain(&url, &["record", "get", "999/0"])), 1);
	assert_eq!(code(&dmchain(&url, &["source", "show", "999"])), 1);
	assert_eq!(
		code(&dmchain(&url, &["record", "submit", "--source", &source, "--file", &reading])),
		5
	);
	let nowhere = format!("ws://127.0.0.1:{}", free_port());
	// Funding a fresh device account (README): a transfer from a funded account.
	let fresh = "//FreshDevice";
	json_ok(dmchain(&url, &["--suri", "//Alice", "transfer", fresh, "2.5"]));
	let fresh_source = json_ok(dmchain(
		&url,
		&["source", "register", "--device", fresh, "--format", "0", "--suri", fresh],
	));
	assert!(
		fresh_source["source"].is_u64(),
		"the funded account pays a source deposit: {fresh_source}"
	);
	let overdrawn = dmchain(&url, &["--suri", fresh, "transfer", "//Alice", "1000"]);
	assert_eq!(code(&overdrawn), 3);
	// A secret read from standard input (`--suri -`) signs like one given on the command line.
	let mut piped = Command::new(DMCHAIN)
		.args(["--url", &url, "--json", "--suri", "-", "account"])
		.env_remove("DMCHAIN_SURI")
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.spawn()
		.expect("start dmchain");
	std::io::Write::write_all(piped.stdin.as_mut().unwrap(), b"//Bob\n").unwrap();
	let piped = json_ok(piped.wait_with_output().unwrap());
	assert_eq!(
		piped["account"],
		json_ok(dmchain(&url, &["--suri", "//Bob", "account"]))["account"]
	);
	// The key is loaded before the node is asked: no key is 5 even when the node is down.
	assert_eq!(
		code(&dmchain(&nowhere, &["record", "submit", "--source", &source, "--file", &reading])),
		5
	);
	assert_eq!(
		code(&dmchain(&nowhere, &["record", "verify", "--file", &reading, "--timeout", "5"])),
		4
	);
	assert_eq!(code(&dmchain(&url, &["record", "verify"])), 2);
	node.stop();
}

#[test]
fn completions_cover_every_command() {
	let out = Command::new(DMCHAIN).args(["completions", "bash"]).output().unwrap();
	assert!(out.status.success());
	let script = String::from_utf8_lossy(&out.stdout);
	for command in [
		"source",
		"record",
		"user",
		"operator",
		"config",
		"dataset",
		"access",
		"audit",
		"governance",
		"validator",
	] {
		assert!(script.contains(command), "the bash completions lack {command}");
	}
	assert!(script.contains("complete") && script.contains("dmchain"));
}

#[test]
fn help_says_what_each_command_does() {
	let help = Command::new(DMCHAIN).arg("--help").output().unwrap();
	let text = String::from_utf8_lossy(&help.stdout);
	for line in
		["source", "record", "user", "operator", "governance", "validator", "account", "Exit codes"]
	{
		assert!(text.contains(line), "--help lacks {line}: {text}");
	}
	let record_help = Command::new(DMCHAIN).args(["record", "--help"]).output().unwrap();
	let text = String::from_utf8_lossy(&record_help.stdout);
	for command in ["submit", "update", "bulk", "verify", "get", "list", "watch"] {
		let line = text.lines().find(|line| line.trim_start().starts_with(command));
		assert!(line.is_some_and(|line| line.split_whitespace().count() > 2), "{command}: {text}");
	}
}

#[test]
fn data_users_operators_and_governance_through_the_cli() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();
	let identity = write(home.path(), "certificate.pdf", "registration certificate no. 4711");

	// Charlie registers as a data user: pending until an operator decides.
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Charlie",
			"user",
			"register",
			"--kind",
			"organisation",
			"--name",
			"Traffic office",
			"--identity-file",
			&identity,
		],
	));
	let shown = json_ok(dmchain(&url, &["user", "show", "//Charlie"]));
	assert_eq!(shown["status"], "pending");
	assert_eq!(shown["name"], "Traffic office");
	assert_eq!(shown["kind"], "organisation");

	// Bob is no operator: refused with the pallet's own error.
	let refused = dmchain(&url, &["--suri", "//Bob", "operator", "approve-user", "//Charlie"]);
	assert_eq!(code(&refused), 3);
	assert_eq!(json_of(&refused)["kind"], "operator");
	assert!(json_of(&refused)["error"].as_str().unwrap().contains("NotOperator"));

	// Alice (operator in the dev preset) approves, suspends, reinstates and removes.
	let alice = ["--suri", "//Alice", "operator"];
	for (command, status) in [
		("approve-user", "approved"),
		("suspend-user", "suspended"),
		("reinstate-user", "approved"),
	] {
		json_ok(dmchain(&url, &[&alice[..], &[command, "//Charlie"]].concat()));
		assert_eq!(json_ok(dmchain(&url, &["user", "show", "//Charlie"]))["status"], status);
	}
	let twice = dmchain(&url, &[&alice[..], &["reinstate-user", "//Charlie"]].concat());
	assert!(json_of(&twice)["error"].as_str().unwrap().contains("DataUserNotSuspended"));
	json_ok(dmchain(&url, &[&alice[..], &["remove-user", "//Charlie"]].concat()));
	assert_eq!(code(&dmchain(&url, &["user", "show", "//Charlie"])), 1);

	// Governance (the sudo key) appoints Bob, who may then decide; a supervisor cannot also be
	// an operator; only the sudo key governs.
	json_ok(dmchain(&url, &["--suri", "//Alice", "governance", "appoint-operator", "//Bob"]));
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Dave",
			"user",
			"register",
			"--kind",
			"person",
			"--name",
			"Dave",
			"--identity-hash",
			&"ab".repeat(32),
		],
	));
	json_ok(dmchain(&url, &["--suri", "//Bob", "operator", "approve-user", "//Dave"]));
	let conflict =
		dmchain(&url, &["--suri", "//Alice", "governance", "appoint-supervisor", "//Bob"]);
	assert_eq!(code(&conflict), 3);
	assert!(json_of(&conflict)["error"].as_str().unwrap().contains("RoleConflict"));
	let not_sudo = dmchain(&url, &["--suri", "//Bob", "governance", "appoint-operator", "//Eve"]);
	assert_eq!(code(&not_sudo), 3);

	// A source decision on an unknown source is refused by the registry.
	let unknown = dmchain(&url, &[&alice[..], &["approve-source", "999"]].concat());
	assert_eq!(json_of(&unknown)["kind"], "registry");
	assert!(json_of(&unknown)["error"].as_str().unwrap().contains("SourceNotFound"));
	node.stop();
}

#[test]
fn operators_configure_and_anyone_audits_through_the_cli() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();
	let alice = ["--suri", "//Alice", "operator"];

	// A format from a JSON file; the dev preset's open format is id 0.
	let file = write(
		home.path(),
		"meter.json",
		r#"{"name": "meter", "version": 1, "hashAlgorithm": "sha2-256",
		   "maxPayloadSize": 2048, "encoding": "csv",
		   "fields": [{"name": "kwh", "type": "decimal", "min": "0", "max": "99999.9",
		               "required": true}]}"#,
	);
	let registered = json_ok(dmchain(&url, &[&alice[..], &["register-format", &file]].concat()));
	assert_eq!(registered["format"], 1);
	let shown = json_ok(dmchain(&url, &["config", "format", "1"]));
	assert_eq!(shown["name"], "meter");
	assert_eq!(shown["fields"][0]["max"], "99999.9");
	let listed = json_ok(dmchain(&url, &["config", "formats"]));
	assert_eq!(listed.as_array().unwrap().len(), 2);
	assert_eq!(code(&dmchain(&url, &["config", "format", "7"])), 1);
	let bad_file = write(home.path(), "bad.json", r#"{"name": "meter"}"#);
	assert_eq!(code(&dmchain(&url, &[&alice[..], &["register-format", &bad_file]].concat())), 5);

	// A parameter outside its bounds is refused naming the bound (exit 3); inside, it applies.
	let refused = dmchain(&url, &[&alice[..], &["set", "rate-limit=5/0"]].concat());
	assert_eq!(code(&refused), 3);
	assert!(json_of(&refused)["error"].as_str().unwrap().contains("RateLimitWindowZero"));
	assert_eq!(code(&dmchain(&url, &[&alice[..], &["set", "colour=blue"]].concat())), 5);
	json_ok(dmchain(&url, &[&alice[..], &["set", "rate-limit=5000/20"]].concat()));
	json_ok(dmchain(&url, &[&alice[..], &["set", "default-retention=permanent"]].concat()));
	let parameters = json_ok(dmchain(&url, &["config", "parameters"]));
	assert_eq!(parameters["rateLimit"], serde_json::json!({"records": 5000, "window": 20}));
	assert_eq!(parameters["defaultRetention"], "permanent");

	// The history, as JSON and as a table.
	let history = json_ok(dmchain(&url, &["config", "history"]));
	let history = history.as_array().unwrap();
	assert_eq!(history.len(), 2);
	assert_eq!(history[0]["index"], 0);
	assert_eq!(
		history[0]["old"],
		serde_json::json!({"parameter": "rate-limit", "value": {"records": 10000, "window": 10}})
	);
	assert_eq!(history[0]["new"]["value"], serde_json::json!({"records": 5000, "window": 20}));
	assert_eq!(
		history[1]["new"],
		serde_json::json!({"parameter": "default-retention", "value": "permanent"})
	);
	let table = Command::new(DMCHAIN)
		.args(["--url", &url, "config", "history"])
		.output()
		.expect("run dmchain");
	let text = String::from_utf8_lossy(&table.stdout);
	assert!(text.contains("rate-limit=10000/10") && text.contains("rate-limit=5000/20"), "{text}");
	assert!(text.contains("default-retention=permanent"), "{text}");

	// Deprecation; an operator suspends a source and lifts the suspension.
	json_ok(dmchain(&url, &[&alice[..], &["deprecate-format", "1"]].concat()));
	assert_eq!(json_ok(dmchain(&url, &["config", "format", "1"]))["status"], "deprecated");
	let source = json_ok(dmchain(
		&url,
		&["source", "register", "--device", "//Dave", "--format", "0", "--suri", "//Charlie"],
	))["source"]
		.to_string();
	json_ok(dmchain(&url, &[&alice[..], &["approve-source", &source]].concat()));
	json_ok(dmchain(
		&url,
		&[&alice[..], &["suspend-source", &source, "--reason", "audit"]].concat(),
	));
	let shown = json_ok(dmchain(&url, &["source", "show", &source]));
	assert_eq!(shown["status"], "active");
	assert_eq!(shown["holds"]["operatorSuspension"], true);
	let by_owner = dmchain(&url, &["--suri", "//Charlie", "source", "resume", &source]);
	assert_eq!(code(&by_owner), 3);
	json_ok(dmchain(&url, &[&alice[..], &["lift-suspension", &source]].concat()));
	let shown = json_ok(dmchain(&url, &["source", "show", &source]));
	assert_eq!(shown["status"], "active");
	assert_eq!(shown["holds"]["operatorSuspension"], false);

	// The validator set (CTL-5): Charlie's node owner registers keys generated by the node it
	// talks to; Alice plans Charlie in and out again (activation is zombienet's to test).
	let alice_account =
		json_ok(dmchain(&url, &["--suri", "//Alice", "account"]))["account"].clone();
	let validators = json_ok(dmchain(&url, &["config", "validators"]));
	assert_eq!(validators["active"], serde_json::json!([alice_account]));
	let keyless = dmchain(&url, &[&alice[..], &["add-validator", "//Charlie"]].concat());
	assert_eq!(code(&keyless), 3);
	assert!(json_of(&keyless)["error"].as_str().unwrap().contains("SessionKeysNotSet"));
	let set = json_ok(dmchain(&url, &["--suri", "//Charlie", "validator", "set-keys"]));
	assert!(set["sessionKeys"]["aura"].as_str().unwrap().starts_with("0x"));
	assert_eq!(set["receipt"]["finalized"], true);
	json_ok(dmchain(&url, &[&alice[..], &["add-validator", "//Charlie"]].concat()));
	let planned = json_ok(dmchain(&url, &["config", "validators"]));
	assert_eq!(planned["planned"].as_array().unwrap().len(), 2);
	json_ok(dmchain(&url, &[&alice[..], &["remove-validator", "//Charlie"]].concat()));
	let table = Command::new(DMCHAIN)
		.args(["--url", &url, "config", "validators"])
		.output()
		.expect("run dmchain");
	let text = String::from_utf8_lossy(&table.stdout);
	assert!(text.contains(alice_account.as_str().unwrap()) && text.contains("session"), "{text}");
	json_ok(dmchain(&url, &["--suri", "//Charlie", "validator", "purge-keys"]));
	node.stop();
}

/// MON-1..4 through the CLI: a source with a gap is listed by `audit anomalies`; the supervisor
/// flags and freezes it (the device's next submission exits 3 with `SourceFrozen`), opens,
/// investigates and upholds a case; `audit verdict` exits 1 and says why; the record table
/// marks the record invalid.
#[test]
fn supervisors_audit_through_the_cli() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();
	let files = home.path();
	let registered = json_ok(dmchain(
		&url,
		&["--suri", "//Alice", "source", "register", "--device", "//Bob", "--format", "0"],
	));
	let source = registered["source"].as_u64().expect("source id").to_string();
	json_ok(dmchain(&url, &["--suri", "//Alice", "operator", "approve-source", &source]));
	let reading = write(files, "reading.json", r#"{"pm25": 12}"#);
	for sequence in ["1", "4"] {
		json_ok(dmchain(
			&url,
			&[
				"--suri",
				"//Bob",
				"record",
				"submit",
				"--source",
				&source,
				"--file",
				&reading,
				"--sequence",
				sequence,
			],
		));
	}
	let anomalies = json_ok(dmchain(&url, &["audit", "anomalies"]));
	assert_eq!(anomalies[0]["source"], source.parse::<u64>().unwrap());
	assert_eq!(anomalies[0]["anomalies"]["sequenceGaps"], 1);

	// Only a supervisor flags (exit 3, NotSupervisor).
	let refused = dmchain(
		&url,
		&[
			"--suri", "//Eve", "audit", "flag", "--source", &source, "--reason", "other", "--text",
			"x",
		],
	);
	assert_eq!(code(&refused), 3);
	assert!(json_of(&refused)["error"].as_str().unwrap().contains("NotSupervisor"));
	let flag = json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Ferdie",
			"audit",
			"flag",
			"--source",
			&source,
			"--reason",
			"sequence-anomaly",
			"--text",
			"2 readings missing",
		],
	))["flag"]
		.to_string();
	json_ok(dmchain(&url, &["--suri", "//Ferdie", "audit", "freeze", &source]));
	let frozen = dmchain(
		&url,
		&["--suri", "//Bob", "record", "submit", "--source", &source, "--file", &reading],
	);
	assert_eq!(code(&frozen), 3);
	assert!(json_of(&frozen)["error"].as_str().unwrap().contains("SourceFrozen"));

	let case = json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Ferdie",
			"audit",
			"open-case",
			"--source",
			&source,
			"--flags",
			&flag,
			"--summary",
			"gap at night",
		],
	))["case"]
		.to_string();
	json_ok(dmchain(
		&url,
		&["--suri", "//Ferdie", "audit", "add-finding", &case, "--text", "modem restarted"],
	));
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Ferdie",
			"audit",
			"resolve",
			&case,
			"--outcome",
			"upheld",
			"--reason",
			"unreliable",
		],
	));
	let shown = json_ok(dmchain(&url, &["audit", "case", &case]));
	assert_eq!(shown["status"], "upheld");
	assert_eq!(shown["findings"][0]["text"], "modem restarted");
	let open = json_ok(dmchain(&url, &["audit", "cases", "--status", "open"]));
	assert_eq!(open, json!([]));

	let record = format!("{source}/1");
	let verdict = dmchain(&url, &["audit", "verdict", &record]);
	assert_eq!(code(&verdict), 1, "an invalid record exits 1");
	let verdict = json_of(&verdict);
	assert_eq!(verdict["valid"], false);
	assert_eq!(verdict["sourceCase"], case.parse::<u64>().unwrap());
	let got = json_ok(dmchain(&url, &["record", "get", &record]));
	assert_eq!(got["upheldCase"], case.parse::<u64>().unwrap());
	let listed = Command::new(DMCHAIN)
		.args(["--url", &url, "record", "list", "--source", &source])
		.output()
		.unwrap();
	assert!(String::from_utf8_lossy(&listed.stdout).contains("INVALID (case"));
	json_ok(dmchain(&url, &["--suri", "//Ferdie", "audit", "unfreeze", &source]));

	// The node's status, from its own RPC.
	let status = json_ok(dmchain(&url, &["status"]));
	assert_eq!(status["health"], "ok");
	assert!(status["best"].as_u64().unwrap() >= status["finalized"].as_u64().unwrap());
	assert_eq!(status["validators"].as_array().unwrap().len(), 1);
	assert_eq!(status["shouldHavePeers"], false);
	assert!(!status["version"].as_str().unwrap().is_empty());
	assert_eq!(status["pool"], 0);
}

/// Issue 12: the load benchmark's short run, so the tool cannot rot. Every workload kind, a
/// half-load run after the full one; every transaction finalized and accounted for.
#[test]
fn the_load_benchmark_runs_a_short_load() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();
	let out = home.path().join("load.json");
	let report = json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Alice",
			"bench",
			"load",
			"--accounts",
			"4",
			"--workload",
			"transfersx40",
			"--workload",
			"recordsx40",
			"--workload",
			"batch:50x8",
			"--workload",
			"records@halfx20",
			"--out",
			out.to_str().unwrap(),
		],
	));
	let written: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
	assert_eq!(written, report, "the file holds the report printed");
	assert_eq!(report["accounts"], 4);
	assert_eq!(report["blockTimeMs"], 3000);
	let workloads = report["workloads"].as_array().unwrap();
	let names: Vec<_> = workloads.iter().map(|w| w["workload"].as_str().unwrap()).collect();
	assert_eq!(names, ["transfers", "records", "batch:50", "records@50%"]);
	for (w, (count, per_tx)) in workloads.iter().zip([(40, 0), (40, 1), (8, 50), (20, 1)]) {
		assert_eq!(w["transactions"], count, "{w}");
		assert_eq!(w["finalized"], count, "every transaction finalized: {w}");
		assert_eq!(w["rejected"], 0, "{w}");
		assert_eq!(w["failed"], 0, "{w}");
		assert_eq!(w["recordsPerTransaction"], per_tx, "{w}");
		assert!(w["transactionsPerSecond"].as_f64().unwrap() > 0.0, "{w}");
		// The chain's rate counts the blocks that held the workload.
		let span = w["lastBlock"].as_u64().unwrap() - w["firstBlock"].as_u64().unwrap() + 1;
		let chain_rate = count as f64 * 1000.0 / (span * 3000) as f64;
		assert!((w["chainTransactionsPerSecond"].as_f64().unwrap() - chain_rate).abs() < 1e-6);
		assert!(w["blocks"].as_u64().unwrap() <= span, "{w}");
		let p = &w["finalizedMs"];
		assert!(p["p50"].as_f64().unwrap() > 0.0, "{w}");
		assert!(p["p50"].as_f64() <= p["p95"].as_f64() && p["p95"].as_f64() <= p["p99"].as_f64());
		assert!(w["inBlockMs"]["p50"].as_f64() <= p["p50"].as_f64(), "in a block before final");
		assert!(w["blocks"].as_u64().unwrap() >= 1, "{w}");
		let share = w["maxWeightShare"].as_f64().unwrap();
		assert!(share > 0.0 && share <= 1.0, "{w}");
	}
	let batch = &workloads[2];
	let expected = batch["chainTransactionsPerSecond"].as_f64().unwrap() * 50.0;
	assert!((batch["chainRecordsPerSecond"].as_f64().unwrap() - expected).abs() < 1e-6);
	// The half-load run asked for half the full run's rate.
	let full = workloads[1]["chainTransactionsPerSecond"].as_f64().unwrap();
	let asked = workloads[3]["targetRate"].as_f64().unwrap();
	assert!((asked - (full / 2.0).max(1.0)).abs() < 1e-6, "{asked} against {full}");
	// The records are on chain: the four load sources hold 40 + 400 + 20 records.
	let total: u64 = (0..4)
		.map(|source| {
			let shown = json_ok(dmchain(&url, &["source", "show", &source.to_string()]));
			shown["recordCount"].as_u64().unwrap()
		})
		.sum();
	assert_eq!(total, 40 + 400 + 20);

	// A call that fails on chain is found and counted apart: one source may anchor 10,000
	// records per 10 blocks (the dev chain's rate limit), so of twelve calls of 1,000 records
	// in the same few blocks the last two fail with RateLimitExceeded.
	let report = json_ok(dmchain(
		&url,
		&["--suri", "//Alice", "bench", "load", "--accounts", "1", "--workload", "batch:1000x12"],
	));
	let w = &report["workloads"][0];
	assert_eq!(w["finalized"], 10, "{w}");
	assert_eq!(w["failed"], 2, "{w}");
	assert_eq!(w["rejected"], 0, "{w}");
	let shown = json_ok(dmchain(&url, &["source", "show", "4"]));
	assert_eq!(shown["recordCount"], 10_000);

	// The query benchmark counts every source's records at one finalized block and times
	// both registry queries for records drawn from all of them.
	let report = json_ok(dmchain(&url, &["bench", "queries", "--samples", "50"]));
	assert_eq!(report["sources"], 5, "{report}");
	assert_eq!(report["records"], 460 + 10_000, "{report}");
	assert_eq!(report["samples"], 50);
	for method in ["recordMs", "recordsByHashMs"] {
		let p = &report[method];
		assert!(p["p50"].as_f64().unwrap() > 0.0, "{report}");
		assert!(p["p50"].as_f64() <= p["p95"].as_f64() && p["p95"].as_f64() <= p["p99"].as_f64());
		assert!(p["p99"].as_f64() <= p["max"].as_f64());
	}
	// Every drawn record's digest has at least its own anchor (source 4 re-used the first
	// load account's payloads, so some have two).
	let anchors = report["meanAnchors"].as_f64().unwrap();
	assert!((1.0..=2.0).contains(&anchors), "{report}");
}

#[test]
fn datasets_and_access_through_the_cli() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let url = node.ws_url();

	// Alice (operator) owns an approved source; Charlie is an approved data user.
	let source = json_ok(dmchain(
		&url,
		&["source", "register", "--device", "//Dave", "--format", "0", "--suri", "//Alice"],
	))["source"]
		.as_u64()
		.unwrap()
		.to_string();
	json_ok(dmchain(&url, &["--suri", "//Alice", "operator", "approve-source", &source]));
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Charlie",
			"user",
			"register",
			"--kind",
			"organisation",
			"--name",
			"Traffic office",
			"--identity-hash",
			&"cd".repeat(32),
		],
	));
	json_ok(dmchain(&url, &["--suri", "//Alice", "operator", "approve-user", "//Charlie"]));

	// Alice groups her source in a consortium dataset.
	let created = json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Alice",
			"dataset",
			"create",
			"--title",
			"Station air",
			"--format",
			"0",
			"--visibility",
			"consortium",
			"--sources",
			&source,
		],
	));
	let dataset = created["dataset"].as_u64().unwrap().to_string();
	let shown = json_ok(dmchain(&url, &["dataset", "show", &dataset]));
	assert_eq!(shown["title"], "Station air");
	assert_eq!(shown["visibility"], "consortium");
	let listed = json_ok(dmchain(&url, &["dataset", "list", "--viewer", "//Charlie"]));
	assert!(listed["datasets"].as_array().unwrap().iter().any(|d| d["title"] == "Station air"));

	// Charlie may not read yet: `access check` exits 3 and says why.
	let check = ["access", "check", &dataset, "--user", "//Charlie", "--scope", "read"];
	let denied = dmchain(&url, &check);
	assert_eq!(code(&denied), 3);
	assert_eq!(json_of(&denied)["denied"]["reason"], "noGrant");

	// Charlie asks, Alice approves as asked, and the check passes with the grant as its basis.
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Charlie",
			"access",
			"request",
			&dataset,
			"--scope",
			"read",
			"--purpose",
			"traffic model",
			"--blocks",
			"1000",
		],
	));
	let requests = json_ok(dmchain(&url, &["dataset", "requests", &dataset]));
	assert_eq!(requests.as_array().unwrap().len(), 1);
	let approved = json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Alice",
			"access",
			"approve",
			&dataset,
			"--user",
			"//Charlie",
			"--scope",
			"read",
			"--blocks",
			"500",
		],
	));
	assert_eq!(approved["scope"], "read");
	let allowed = json_ok(dmchain(&url, &check));
	assert_eq!(allowed["allowed"]["kind"], "grant");
	assert_eq!(allowed["allowed"]["scope"], "read");

	// Bob is not the owner: refused with the access pallet's own error (exit 3).
	let not_owner =
		dmchain(&url, &["--suri", "//Bob", "access", "revoke", &dataset, "--user", "//Charlie"]);
	assert_eq!(code(&not_owner), 3);
	assert_eq!(json_of(&not_owner)["kind"], "access");
	assert!(json_of(&not_owner)["error"].as_str().unwrap().contains("NotOwner"));

	// Alice revokes: the check fails again.
	json_ok(dmchain(
		&url,
		&["--suri", "//Alice", "access", "revoke", &dataset, "--user", "//Charlie"],
	));
	assert_eq!(code(&dmchain(&url, &check)), 3);
	assert!(json_ok(dmchain(&url, &["dataset", "grants", &dataset]))
		.as_array()
		.unwrap()
		.is_empty());

	// Charlie's encryption key, derived from his secret, registered with his proof (MGMT-2).
	let charlies = |args: &[&str]| {
		let mut all = vec!["--suri", "//Charlie", "key"];
		all.extend_from_slice(args);
		dmchain(&url, &all)
	};
	let before = json_ok(charlies(&["show"]));
	let derived = before["local"].as_str().unwrap().to_string();
	assert_eq!((derived.len(), &before["registered"]), (64, &Value::Null));
	json_ok(charlies(&["register"]));
	assert_eq!(json_ok(charlies(&["show"]))["registered"], derived.as_str());
	let seen = json_ok(dmchain(&url, &["key", "show", "--account", "//Charlie"]));
	assert_eq!(seen["registered"], derived.as_str());

	// A key file replaces the derived key; `generate` never overwrites a file.
	let file = home.path().join("charlie.x25519");
	let file = file.to_str().unwrap();
	let generated = json_ok(dmchain(&url, &["key", "generate", "--out", file]));
	assert_eq!(code(&dmchain(&url, &["key", "generate", "--out", file])), 5);
	json_ok(charlies(&["register", "--encryption-key-file", file]));
	let replaced = json_ok(charlies(&["show", "--encryption-key-file", file]));
	assert_eq!(replaced["registered"], generated["publicKey"]);
	assert_eq!(replaced["local"], generated["publicKey"]);
	assert_ne!(replaced["registered"], derived.as_str());

	// Alice shares the dataset key of the current epoch with Charlie, now a reader again, and
	// with herself (MGMT-2).
	json_ok(dmchain(&url, &["--suri", "//Alice", "key", "register"]));
	json_ok(dmchain(
		&url,
		&[
			"--suri",
			"//Alice",
			"access",
			"grant",
			&dataset,
			"--user",
			"//Charlie",
			"--scope",
			"read",
			"--purpose",
			"traffic model",
			"--blocks",
			"500",
		],
	));
	let share = ["--suri", "//Alice", "dataset", "share-key", &dataset, "--to", "//Charlie"];
	let shared = json_ok(dmchain(&url, &share));
	// Charlie's revocation above moved the epoch on once.
	assert_eq!(shared["epoch"], 1);
	assert_eq!(shared["recipients"].as_array().unwrap().len(), 2);
	let epochs = json_ok(dmchain(&url, &["dataset", "epochs", &dataset]));
	assert_eq!((&epochs["epoch"], &epochs["wrapped"]), (&json!(1), &json!(2)));
	// Bob has a key but no grant and no source in the dataset: he may not receive it.
	json_ok(dmchain(&url, &["--suri", "//Bob", "key", "register"]));
	let to_bob = ["--suri", "//Alice", "dataset", "share-key", &dataset, "--to", "//Bob"];
	let refused = dmchain(&url, &to_bob);
	assert_eq!(code(&refused), 3);
	assert!(json_of(&refused)["error"].as_str().unwrap().contains("NotKeyHolder"));

	// Charlie records what he was served (MON-2); the receipt is listed per dataset and per
	// grantee. After a rotation Alice's share-key makes and shares a fresh key.
	let delivered = "ab".repeat(32);
	let receipt = ["--suri", "//Charlie", "access", "receipt", &dataset, "--delivered", &delivered];
	let recorded = json_ok(dmchain(&url, &receipt));
	let by_dataset = json_ok(dmchain(&url, &["access", "receipts", "--dataset", &dataset]));
	let by_dataset = by_dataset.as_array().unwrap();
	assert_eq!((by_dataset.len(), &by_dataset[0]["id"]), (1, &recorded["id"]));
	assert_eq!(by_dataset[0]["delivered"], format!("0x{delivered}"));
	let by_user = json_ok(dmchain(&url, &["access", "receipts", "--user", "//Charlie"]));
	assert_eq!(by_user.as_array().unwrap().len(), 1);
	let rotated = json_ok(dmchain(&url, &["--suri", "//Alice", "dataset", "rotate-key", &dataset]));
	assert_eq!(rotated["epoch"], 2);
	let fresh = json_ok(dmchain(&url, &["--suri", "//Alice", "dataset", "share-key", &dataset]));
	assert_eq!(fresh["epoch"], 2);
	let epochs = json_ok(dmchain(&url, &["dataset", "epochs", &dataset]));
	assert_eq!(epochs["wrapped"], 3);

	// Removed, the chain holds none; removing again is the pallet's KeyNotFound (exit 3).
	json_ok(charlies(&["remove"]));
	let gone = json_ok(dmchain(&url, &["key", "show", "--account", "//Charlie"]));
	assert_eq!(gone["registered"], Value::Null);
	let again = charlies(&["remove"]);
	assert_eq!(code(&again), 3);
	assert!(json_of(&again)["error"].as_str().unwrap().contains("KeyNotFound"));
	node.stop();
}
