//! Chain specs: `dev` (one validator) and `local` (four validators), built from the runtime's
//! genesis presets, with the token properties wallets need.

use dmchain_runtime::{token, SS58_PREFIX, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A dmchain chain spec.
pub type ChainSpec = sc_service::GenericChainSpec;

/// `tokenSymbol`, `tokenDecimals` and `ss58Format`, from the runtime's own constants, so that
/// Polkadot.js Apps shows balances and addresses right.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), token::SYMBOL.into());
	properties.insert("tokenDecimals".into(), token::DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn spec(name: &str, id: &str, chain_type: ChainType, preset: &str) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY
		.ok_or_else(|| "the runtime Wasm was not built (was SKIP_WASM_BUILD set?)".to_string())?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_protocol_id("dmchain")
		.with_properties(properties())
		.with_genesis_config_preset_name(preset)
		.build())
}

/// The one-validator development chain (`--dev`): Alice authors, finalises and holds sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"dmchain development",
		"dmchain_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// The local testnet (`--chain local`): Alice, Bob, Charlie and Dave validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	spec(
		"dmchain local testnet",
		"dmchain_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// The chain spec a `--chain` value names: `dev`, `local` (also the default, an empty value)
/// or the path of a chain-spec JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
