//! The node under abuse (issue 11's adversarial suite), on a real dev node: an oversize
//! extrinsic, malformed and oversized RPC parameters and request bodies, and a flood of tens of
//! thousands of invalid transactions. Each gets a clean JSON-RPC error; the node keeps
//! producing and finalizing blocks, its pool stays within its limit, and nothing the abuse sent
//! is stored. The test prints what it sent and how the node answered.

use crate::common::{hex, start, NodeHome, RuntimeRpc};
use codec::Encode;
use dmchain_runtime::{RuntimeCall, SystemCall};
use serde_json::{json, Value};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use std::{
	collections::BTreeMap,
	time::{Duration, Instant},
};

const TIMEOUT: Duration = Duration::from_secs(90);

/// The pool limit the node runs with here (ready transactions; the future queue holds a tenth):
/// whatever the flood, the pool holds no more.
const POOL_LIMIT: usize = 512;

/// The codes of `author_*` errors (sc-rpc-api: 1000 + 1 bad format .. 40 other).
const AUTHOR_CODES: std::ops::RangeInclusive<i64> = 1001..=1040;

/// How many invalid transactions the flood sends.
const FLOOD: usize = 20_000;

/// How many transactions go in one JSON-RPC batch.
const BATCH: usize = 500;

fn code_of(answer: &Value) -> i64 {
	answer["error"]["code"].as_i64().unwrap_or_else(|| panic!("expected an error, got {answer}"))
}

#[test]
fn abuse_gets_clean_errors_and_the_chain_goes_on() {
	let home = NodeHome::new();
	let limit = POOL_LIMIT.to_string();
	let node = start(&home, &["--dev", "--pool-limit", &limit]);
	node.wait_finalized(1, TIMEOUT);
	let alice = Sr25519Keyring::Alice.pair();
	let genesis = node.genesis_hash();
	let remark = |bytes: usize| -> RuntimeCall {
		SystemCall::remark_with_event { remark: vec![7u8; bytes] }.into()
	};

	// An extrinsic longer than a block (6 MiB against 5 MiB): refused, never pooled.
	let oversize = dmchain_runtime::signing::sign(remark(6 << 20), &alice, 0, genesis);
	let answer = node.rpc_error("author_submitExtrinsic", json!([hex(&oversize.encode())]));
	println!("oversize extrinsic (6 MiB): {answer}");
	assert_eq!(answer["code"], json!(1010), "an invalid transaction: {answer}");

	// Malformed and oversized RPC parameters: invalid-params errors, distinct from runtime ones.
	let malformed = [
		("registry_record", json!(["zero", 0])),
		("registry_record", json!([0, -1])),
		("registry_record", json!([0, "18446744073709551616"])),
		("registry_recordsByHash", json!(["0x1234"])),
		("registry_recordsByHash", json!([format!("0x{}", "zz".repeat(32))])),
		("registry_sourceRecords", json!([0, {"nowhere": 1}])),
		("registry_sourceRecords", json!([0, {"index": 0}, 4_294_967_296u64])),
		("config_parameterHistory", json!([-1])),
		("author_submitExtrinsic", json!(["0xdeadbeef"])),
		("author_submitExtrinsic", json!(["not hex"])),
	];
	let mut codes = BTreeMap::<i64, usize>::new();
	for (method, params) in &malformed {
		let answer = node.rpc_error(method, params.clone());
		*codes.entry(answer["code"].as_i64().expect("an error code")).or_default() += 1;
	}
	println!("malformed parameters: {} calls, error codes {codes:?}", malformed.len());
	// -32602 invalid parameters; 1001..=1040 the author API's own codes (1040: an extrinsic
	// that does not decode). Never an internal error (-32603) or a dropped connection.
	assert!(codes.keys().all(|code| *code == -32602 || AUTHOR_CODES.contains(code)), "{codes:?}");
	// A huge limit is capped by the runtime, not an error; a huge JSON array is refused.
	let capped = node.rpc("registry_sourceRecords", json!([0, {"index": 0}, u32::MAX]));
	assert_eq!(capped["records"], json!([]));
	let huge_params = vec![0u8; 100_000];
	let answer = node.rpc_error("registry_record", json!(huge_params));
	assert_eq!(answer["code"], json!(-32602), "{answer}");
	// A request body above the server's limit (15 MiB by default) is refused whole.
	let body = format!(
		r#"{{"jsonrpc":"2.0","id":1,"method":"system_health","params":["{}"]}}"#,
		"a".repeat(16 << 20)
	);
	let refused = node.post_raw(&body);
	println!("16 MiB request body: {refused:?}");
	if let Ok((status, payload)) = &refused {
		assert!(
			!status.contains(" 200 ") || payload.contains("\"error\""),
			"an oversized body is not served: {status} {payload}"
		);
	}

	// The flood: transactions with bad signatures, stale nonces and another chain's genesis
	// (each refused at once), and transactions from a far future nonce, which the pool may
	// keep only up to its limit.
	let started = Instant::now();
	let best_before = node.best_number();
	let finalized_before = node.finalized_number();
	let mut codes = BTreeMap::<i64, usize>::new();
	let mut accepted_future = 0usize;
	let bob = Sr25519Keyring::Bob.pair();
	let mut sent = 0usize;
	while sent < FLOOD {
		let calls: Vec<(&str, Value)> = (sent..(sent + BATCH).min(FLOOD))
			.map(|i| {
				let extrinsic = match i % 4 {
					// Signed over another payload: a bad proof.
					0 => {
						let mut tx =
							dmchain_runtime::signing::sign(remark(i % 64), &bob, 0, genesis);
						tx.function = remark(i % 64 + 1);
						tx
					},
					// Another chain's genesis hash: a bad proof too.
					1 => dmchain_runtime::signing::sign(remark(i % 64), &bob, 0, [9u8; 32].into()),
					// A far future nonce: valid later, if ever; the pool may keep it.
					2 => dmchain_runtime::signing::sign(
						remark(i % 64),
						&Sr25519Keyring::Charlie.pair(),
						1_000_000 + i as u32,
						genesis,
					),
					// An account with no funds at all cannot pay.
					_ => dmchain_runtime::signing::sign(
						remark(i % 64),
						&sp_core::sr25519::Pair::from_string(&format!("//Pauper{i}"), None)
							.unwrap(),
						0,
						genesis,
					),
				};
				("author_submitExtrinsic", json!([hex(&extrinsic.encode())]))
			})
			.collect();
		sent += calls.len();
		for answer in node.rpc_batch(&calls) {
			match answer.get("error") {
				Some(_) => *codes.entry(code_of(&answer)).or_default() += 1,
				None => accepted_future += 1,
			}
		}
	}
	let elapsed = started.elapsed();
	let pending = node.rpc("author_pendingExtrinsics", json!([])).as_array().unwrap().len();
	println!(
		"flood: {FLOOD} invalid transactions in {:.1} s ({:.0}/s); refused by code {codes:?}; \
		 {accepted_future} future-nonce transactions taken into the pool, {pending} pending after \
		 (pool limit {POOL_LIMIT})",
		elapsed.as_secs_f64(),
		FLOOD as f64 / elapsed.as_secs_f64()
	);
	// 1010 invalid, 1012 temporarily banned, 1014 priority too low, 1016 dropped (pool full),
	// 1021 a future transaction refused: all the author API's clean refusals.
	assert!(codes.keys().all(|code| AUTHOR_CODES.contains(code)), "{codes:?}");
	assert!(
		codes.get(&1010).copied().unwrap_or(0) >= FLOOD / 2,
		"bad proofs and the penniless are invalid"
	);
	assert!(pending <= POOL_LIMIT, "the pool holds more than its limit: {pending}");
	assert_eq!(
		codes.values().sum::<usize>() + accepted_future,
		FLOOD,
		"every transaction was answered"
	);

	// The chain goes on: new blocks, new finality, and a valid transaction still lands.
	node.wait_finalized(finalized_before.max(best_before) + 3, TIMEOUT);
	let good =
		node.submit(SystemCall::remark_with_event { remark: b"still here".to_vec() }, &alice);
	let included = node.wait_finalized_tx(&good, TIMEOUT);
	assert!(included.succeeded(), "{:?}", included.dispatch_error());
	// Nothing the flood sent is stored: the flooding accounts' nonces did not move and the
	// penniless accounts still do not exist.
	let nonce = |who: &str| node.rpc("system_accountNextIndex", json!([who]));
	let bob_account = dmchain_runtime::AccountId::from(bob.public()).to_string();
	assert_eq!(nonce(&bob_account), json!(0), "no flood transaction of Bob's was executed");
	let pauper = sp_core::sr25519::Pair::from_string("//Pauper3", None).unwrap();
	let pauper = dmchain_runtime::AccountId::from(pauper.public()).to_string();
	assert_eq!(nonce(&pauper), json!(0));
	println!(
		"after the flood: best #{}, finalized #{} (were #{best_before} / #{finalized_before})",
		node.best_number(),
		node.finalized_number()
	);
}
