//! The chain specs the real binary exports (what zombienet and Polkadot.js Apps read).

use crate::common::NODE_BINARY;
use serde_json::Value;
use std::process::Command;

fn export(chain: &str) -> Value {
	let output = Command::new(NODE_BINARY)
		.args(["export-chain-spec", "--chain", chain])
		.output()
		.expect("run dmchain-node export-chain-spec");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("the chain spec is JSON")
}

#[test]
fn token_properties_match_the_runtime() {
	for chain in ["dev", "local"] {
		let spec = export(chain);
		assert_eq!(spec["properties"]["tokenSymbol"], "DMC");
		assert_eq!(spec["properties"]["tokenDecimals"], 12);
		assert_eq!(
			spec["properties"]["ss58Format"],
			dmchain_runtime::SS58_PREFIX,
			"ss58Format must equal System::SS58Prefix"
		);
	}
}

#[test]
fn local_spec_keeps_the_keys_zombienet_rewrites() {
	let spec = export("local");
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	// zombienet replaces the session keys (validators) and balances; Aura and GRANDPA take
	// their authorities from the session.
	assert_eq!(patch["session"]["keys"].as_array().expect("session.keys").len(), 4);
	assert!(patch.get("aura").is_none() && patch.get("grandpa").is_none());
	assert!(!patch["balances"]["balances"].as_array().expect("balances.balances").is_empty());
}

#[test]
fn build_spec_still_works_for_zombienet() {
	let output = Command::new(NODE_BINARY)
		.args(["build-spec", "--chain", "local", "--disable-default-bootnode"])
		.output()
		.expect("run dmchain-node build-spec");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let spec: Value = serde_json::from_slice(&output.stdout).expect("JSON");
	assert_eq!(spec["id"], "dmchain_local");
}
