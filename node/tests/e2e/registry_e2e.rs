//! End to end, against the real `dmchain-node --dev` (D3.7 PROC-SUBMIT, PROC-SERVICE):
//! register a source, submit records singly and in a batch, read and verify them over the
//! `registry_*` RPC, see a replayed sequence number refused with its own error, then restart
//! the node on the same base path and find every finalised record still there.

use crate::common::{hex, start_dev, NodeHome, RuntimeRpc, TestNode};
use dmchain_primitives::{ContentHash, HashAlgorithm, MetadataEntry, MetadataValue};
use dmchain_runtime::{DataRegistryCall, Runtime, RuntimeCall};
use pallet_data_registry::{Error as RegistryError, RecordInput};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(90);

fn payload_digest(payload: &str) -> [u8; 32] {
	sp_io::hashing::blake2_256(payload.as_bytes())
}

fn record(sequence: u64, payload: &str) -> RecordInput<pallet_data_registry::MetadataOf<Runtime>> {
	let now_ms = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("clock after 1970")
		.as_millis() as u64;
	RecordInput {
		content: ContentHash {
			algorithm: HashAlgorithm::Blake2b256,
			digest: payload_digest(payload),
		},
		sequence,
		device_time: now_ms - 60_000,
		replaces: None,
		metadata: vec![MetadataEntry {
			key: b"no2".to_vec().try_into().unwrap(),
			value: MetadataValue::Decimal { mantissa: 4120, scale: 2 },
		}]
		.try_into()
		.unwrap(),
	}
}

fn address(who: &sr25519::Pair) -> String {
	dmchain_runtime::AccountId::from(who.public()).to_string()
}

fn records_of(node: &TestNode, source: u32) -> Value {
	node.rpc("registry_sourceRecords", json!([source, {"index": 0}, 100]))
}

#[test]
fn registers_submits_verifies_refuses_replays_and_survives_a_restart() {
	let home = NodeHome::new();
	let node = start_dev(&home);
	node.wait_finalized(1, TIMEOUT);
	let owner = Sr25519Keyring::Alice.pair();
	let device = Sr25519Keyring::Bob.pair();

	// The owner registers a source whose device is Bob (REP-1).
	let registered = node.submit(
		DataRegistryCall::<Runtime>::register_source {
			device: device.public().into(),
			format: 0,
			metadata: b"{\"site\":\"harbour\"}".to_vec().try_into().unwrap(),
			expected_interval: None,
		},
		&owner,
	);
	let included = node.wait_finalized_tx(&registered, TIMEOUT);
	assert!(included.succeeded(), "register_source failed: {:?}", included.dispatch_error());
	let source = node.rpc("registry_source", json!([0]));
	assert_eq!(source["owner"], json!(address(&owner)));
	assert_eq!(source["device"], json!(address(&device)));
	assert_eq!(source["format"], json!(0));
	assert_eq!(source["retention"], json!({"days": 3650}));
	assert_eq!(source["status"], json!("pendingApproval"));

	// Alice is also the preset's operator: she approves the source (CTL-3).
	let approved = node.submit(
		RuntimeCall::OperatorConfig(pallet_operator_config::Call::approve_source { source: 0 }),
		&owner,
	);
	let approved = node.wait_finalized_tx(&approved, TIMEOUT);
	assert!(approved.succeeded(), "approve_source failed: {:?}", approved.dispatch_error());
	assert_eq!(node.rpc("registry_source", json!([0]))["status"], json!("active"));
	let parameters = node.rpc("config_parameters", json!([]));
	assert_eq!(parameters["maxClockSkew"], json!("300000"), "64-bit numbers are strings");
	assert_eq!(parameters["rateLimit"], json!({"records": 10_000, "window": 10}));
	assert_eq!(node.rpc("config_parameterHistory", json!([])), json!([]));

	// The device anchors one record, then three in one call (REP-2, PROC-SUBMIT).
	let single = node.submit(
		DataRegistryCall::<Runtime>::submit_record { source: 0, record: record(1, "reading 1") },
		&device,
	);
	let single = node.wait_finalized_tx(&single, TIMEOUT);
	assert!(single.succeeded(), "submit_record failed: {:?}", single.dispatch_error());
	let batch = node.submit(
		DataRegistryCall::<Runtime>::submit_records {
			source: 0,
			records: (2..=4)
				.map(|n| record(n, &format!("reading {n}")))
				.collect::<Vec<_>>()
				.try_into()
				.unwrap(),
		},
		&device,
	);
	let batch = node.wait_finalized_tx(&batch, TIMEOUT);
	assert!(batch.succeeded(), "submit_records failed: {:?}", batch.dispatch_error());

	// Read and verify over RPC (SVC-2, SVC-3, SVC-4, PROC-SERVICE).
	let first = node.rpc("registry_record", json!([0, 0]));
	assert_eq!(first["sequence"], json!("1"), "64-bit numbers are strings");
	assert_eq!(first["id"], json!({"source": 0, "index": "0"}));
	assert_eq!(node.rpc("registry_record", json!([0, "0"])), first, "an index may be a string");
	assert_eq!(first["block"], json!(single.block_number));
	assert_eq!(first["submitter"], json!(address(&device)));
	assert_eq!(first["content"]["digest"], json!(hex(&payload_digest("reading 1"))));
	let millis = |v: &Value| v.as_str().unwrap().parse::<u64>().unwrap();
	assert!(millis(&first["chainTime"]) > millis(&first["deviceTime"]));
	assert_eq!(first["metadata"][0]["key"], json!("no2"));

	let verified = node.rpc("registry_recordsByHash", json!([hex(&payload_digest("reading 3"))]));
	let anchors = verified["records"].as_array().unwrap();
	assert_eq!(anchors.len(), 1, "exactly one anchor of reading 3");
	assert_eq!(verified["next"], Value::Null);
	assert_eq!(anchors[0]["id"], json!({"source": 0, "index": "2"}));
	assert_eq!(anchors[0]["block"], json!(batch.block_number));
	let tampered = node.rpc("registry_recordsByHash", json!([hex(&payload_digest("reading 3!"))]));
	assert_eq!(tampered, json!({"records": [], "next": null}), "a changed payload matches nothing");

	// Each kind of failure has its own code (dmchain-rpc-support): an unknown block, and
	// malformed parameters (jsonrpsee's invalid-params code).
	let unknown = format!("0x{}", "ab".repeat(32));
	let error = node.rpc_error("registry_record", json!([0, 0, unknown]));
	assert_eq!(error["code"], json!(4001), "{error}");
	let error = node.rpc_error("config_parameters", json!([unknown]));
	assert_eq!(error["code"], json!(4001), "{error}");
	let error = node.rpc_error("registry_record", json!([0, "zero"]));
	assert_eq!(error["code"], json!(-32602), "{error}");

	let from_sequence = node.rpc("registry_sourceRecords", json!([0, {"sequence": 3}, 10]));
	let sequences: Vec<_> = from_sequence["records"]
		.as_array()
		.unwrap()
		.iter()
		.map(|r| r["sequence"].clone())
		.collect();
	assert_eq!(sequences, vec![json!("3"), json!("4")]);
	assert_eq!(from_sequence["next"], Value::Null);
	assert_eq!(node.rpc("registry_record", json!([0, 9])), Value::Null);

	// A replayed sequence number is refused with its own error (MON-3).
	let replay = node.submit(
		DataRegistryCall::<Runtime>::submit_record {
			source: 0,
			record: record(4, "reading 4 again"),
		},
		&device,
	);
	let replay = node.wait_finalized_tx(&replay, TIMEOUT);
	let expected: sp_runtime::DispatchError = RegistryError::<Runtime>::SequenceReplayed.into();
	match (replay.dispatch_error(), expected) {
		(Some(sp_runtime::DispatchError::Module(got)), sp_runtime::DispatchError::Module(want)) => {
			assert_eq!((got.index, got.error), (want.index, want.error))
		},
		(got, _) => panic!("expected SequenceReplayed, got {got:?}"),
	}
	let before_restart = records_of(&node, 0);
	assert_eq!(before_restart["records"].as_array().unwrap().len(), 4);
	let finalized_before = node.finalized_number();

	// Restart on the same base path: every finalised record is still there (PRC-4, AUTH-1).
	node.stop();
	let node = start_dev(&home);
	assert!(node.finalized_number() >= finalized_before, "finality survives the restart");
	assert_eq!(records_of(&node, 0), before_restart);
	node.wait_finalized(finalized_before + 2, TIMEOUT);
	assert_eq!(records_of(&node, 0), before_restart, "and the chain goes on");
}
