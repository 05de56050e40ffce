//! The runtime's genesis presets: validators, sudo, and the keys zombienet rewrites.

use dmchain_runtime::{
	genesis_config_presets::{get_preset, preset_names},
	RuntimeGenesisConfig,
};
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

fn preset(id: &str) -> Value {
	let bytes = get_preset(&PresetId::from(id)).expect("the preset exists");
	serde_json::from_slice(&bytes).expect("a preset is JSON")
}

fn list_len(value: &Value) -> usize {
	value.as_array().expect("a JSON list").len()
}

#[test]
fn local_testnet_has_four_authorities_and_the_keys_zombienet_rewrites() {
	let local = preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET);
	assert_eq!(list_len(&local["aura"]["authorities"]), 4);
	assert_eq!(list_len(&local["grandpa"]["authorities"]), 4);
	assert!(list_len(&local["balances"]["balances"]) >= 4);
}

#[test]
fn development_has_alice_alone_as_validator_and_sudo() {
	let dev = preset(sp_genesis_builder::DEV_RUNTIME_PRESET);
	assert_eq!(list_len(&dev["aura"]["authorities"]), 1);
	assert_eq!(dev["sudo"]["key"], Value::from(Sr25519Keyring::Alice.to_account_id().to_string()));
}

#[test]
fn presets_appoint_alice_operator_and_ferdie_supervisor() {
	for id in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		let roles = &preset(id)["operatorConfig"];
		let alice = Value::from(Sr25519Keyring::Alice.to_account_id().to_string());
		let ferdie = Value::from(Sr25519Keyring::Ferdie.to_account_id().to_string());
		assert_eq!(roles["operators"], Value::Array(vec![alice]), "{id}");
		assert_eq!(roles["supervisors"], Value::Array(vec![ferdie]), "{id}");
	}
}

#[test]
fn every_preset_builds_a_genesis_state() {
	for id in preset_names() {
		let patch: Value =
			serde_json::from_slice(&get_preset(&id).expect("listed presets exist")).expect("JSON");
		let mut config =
			serde_json::to_value(RuntimeGenesisConfig::default()).expect("config serialises");
		merge(&mut config, patch);
		let config: RuntimeGenesisConfig =
			serde_json::from_value(config).expect("the patched config deserialises");
		assert!(sp_runtime::BuildStorage::build_storage(&config).is_ok(), "{id:?}");
	}
}

#[test]
fn unknown_presets_are_refused() {
	assert!(get_preset(&PresetId::from("staging")).is_none());
}

/// Applies a JSON merge patch (objects merge key by key, anything else replaces).
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}
