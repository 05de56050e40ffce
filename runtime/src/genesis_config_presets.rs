//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (Alice, Bob,
//! Charlie and Dave as validators, which zombienet may replace). Validators are given as session
//! keys (pallet-session sets the Aura and GRANDPA authorities from them), so `aura` and
//! `grandpa` have no entries of their own.

use crate::{
	token::UNIT, AccountId, Balance, BalancesConfig, OperatorConfigConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each dev account starts with: one million DMC.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The data format every dev chain starts with (id 0): `dmchain/open` v1, BLAKE2b-256 content
/// hashes, any metadata (open, no field listed). Operators register strict formats on top.
pub fn open_dev_format() -> pallet_operator_config::GenesisFormat {
	dmchain_primitives::FormatSpec {
		name: b"dmchain/open".to_vec(),
		version: 1,
		hash_algorithm: dmchain_primitives::HashAlgorithm::Blake2b256,
		fields: Vec::new(),
		open: true,
		max_payload_size: 1 << 30,
		encoding: dmchain_primitives::Encoding::Binary,
	}
}

/// A genesis with `validators` (account and session keys) producing and finalising blocks,
/// `endowed` accounts funded, `root` as the sudo key, Alice as the first operator, Ferdie as the
/// first supervisor, the open data format 0 and the default data-management parameters. The
/// operator pallet adopts the session's validators as its first validator set.
/// Always writes `session.keys` and `balances.balances`, so that zombienet can rewrite them in
/// the plain chain spec.
fn genesis(
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, DEV_ENDOWMENT)).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|(who, aura, grandpa)| (who.clone(), who, SessionKeys { aura, grandpa }))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		operator_config: OperatorConfigConfig {
			operators: vec![Sr25519Keyring::Alice.to_account_id()],
			supervisors: vec![Sr25519Keyring::Ferdie.to_account_id()],
			formats: vec![open_dev_format()],
			parameters: dmchain_primitives::DataParameters::default(),
		},
	})
}

/// A well-known dev validator: its account and session keys (all of the same name).
fn dev_authority(name: Sr25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	let grandpa = match name {
		Sr25519Keyring::Alice => Ed25519Keyring::Alice,
		Sr25519Keyring::Bob => Ed25519Keyring::Bob,
		Sr25519Keyring::Charlie => Ed25519Keyring::Charlie,
		Sr25519Keyring::Dave => Ed25519Keyring::Dave,
		Sr25519Keyring::Eve => Ed25519Keyring::Eve,
		_ => Ed25519Keyring::Ferdie,
	};
	(name.to_account_id(), name.public().into(), grandpa.public().into())
}

/// Every well-known dev account (Alice to Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|who| !matches!(who, Sr25519Keyring::One | Sr25519Keyring::Two))
		.map(|who| who.to_account_id())
		.collect()
}

/// The `development` preset: Alice alone produces and finalises blocks and holds sudo.
pub fn development_genesis() -> Value {
	genesis(
		vec![dev_authority(Sr25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice, Bob, Charlie and Dave are validators (four tolerate one
/// failure under GRANDPA); Alice holds sudo.
pub fn local_testnet_genesis() -> Value {
	genesis(
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave]
			.into_iter()
			.map(dev_authority)
			.collect(),
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of preset `id`, if it exists.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
