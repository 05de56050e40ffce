//! The runtime's genesis presets: validators (session keys, D3.7 CTL-5), sudo, and the keys
//! zombienet rewrites.

use dmchain_runtime::{
	genesis_config_presets::{get_preset, preset_names},
	Runtime, RuntimeGenesisConfig,
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
fn local_testnet_has_four_validators_and_the_keys_zombienet_rewrites() {
	let local = preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET);
	assert_eq!(list_len(&local["session"]["keys"]), 4);
	assert!(list_len(&local["balances"]["balances"]) >= 4);
	// Session sets the Aura and GRANDPA authorities; entries of their own would clash.
	assert!(local.get("aura").is_none() && local.get("grandpa").is_none());
}

#[test]
fn development_has_alice_alone_as_validator_and_sudo() {
	let dev = preset(sp_genesis_builder::DEV_RUNTIME_PRESET);
	let alice = Value::from(Sr25519Keyring::Alice.to_account_id().to_string());
	let keys = &dev["session"]["keys"];
	assert_eq!(list_len(keys), 1);
	assert_eq!(keys[0][0], alice);
	assert_eq!(keys[0][2]["aura"], alice, "Alice's sr25519 key authors blocks");
	assert_eq!(dev["sudo"]["key"], alice);
}

#[test]
fn genesis_validators_become_authorities_and_the_operators_validator_set() {
	let mut ext = sp_io::TestExternalities::new(built(preset(
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)));
	ext.execute_with(|| {
		let names = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		];
		let accounts: Vec<_> = names.iter().map(|who| who.to_account_id()).collect();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), accounts);
		assert_eq!(pallet_operator_config::Validators::<Runtime>::get().into_inner(), accounts);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
	});
}

/// zombienet writes one `session.keys` entry per validator with many more key types than ours
/// (babe, im_online, beefy, …); the runtime must take such a spec and use only its own.
#[test]
fn a_zombienet_session_entry_with_extra_key_types_builds() {
	let mut patch = preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET);
	let alice = Sr25519Keyring::Alice.to_account_id().to_string();
	let entry = serde_json::json!([alice, alice, {
		"grandpa": sp_keyring::Ed25519Keyring::Alice.to_account_id().to_string(),
		"babe": alice, "im_online": alice, "authority_discovery": alice,
		"beefy": "KW39r9CJjAVzmkf9zQ4YDb2hqfAVGdRqn53eRqyruqpxAP5YL",
		"aura": alice, "nimbus": alice,
	}]);
	patch["session"]["keys"] = Value::Array(vec![entry]);
	let mut ext = sp_io::TestExternalities::new(built(patch));
	ext.execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_operator_config::Validators::<Runtime>::get().len(), 1);
	});
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

/// The genesis storage a preset patch builds, as the node builds it.
fn built(patch: Value) -> sp_runtime::Storage {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("deserialises");
	sp_runtime::BuildStorage::build_storage(&config).expect("builds")
}

/// Applies a JSON merge patch (objects merge key by key, anything else replaces), as the node's
/// chain-spec builder does with a preset.
pub(crate) fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}
