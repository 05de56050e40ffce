//! The runtime's integration tests, one binary (one link of the runtime instead of one per
//! file): whole blocks through `Executive`, the genesis presets, the permission table of
//! `docs/permissions.md`, and the size of the runtime a chain runs. Run one with `cargo test --release -p dmchain-runtime --test runtime
//! permissions`.

mod blocks;
mod genesis_presets;
mod permissions;
mod wasm_size;

use frame_support::traits::IntegrityTest;

/// What `construct_runtime!`'s own unit test checks (the library has no test build): every
/// pallet's `integrity_test`, among them the registry's check that the largest
/// `submit_records` call fits one block in length and weight.
#[test]
fn every_pallet_passes_its_integrity_test() {
	sp_io::TestExternalities::new_empty()
		.execute_with(<dmchain_runtime::AllPalletsWithSystem as IntegrityTest>::integrity_test);
}

/// The default genesis config builds (what `construct_runtime!`'s generated test checks).
#[test]
fn the_default_genesis_config_builds() {
	use sp_runtime::BuildStorage;
	dmchain_runtime::RuntimeGenesisConfig::default()
		.build_storage()
		.expect("the default genesis config builds");
}
