//! Builds the runtime's Wasm blob (skipped with `SKIP_WASM_BUILD=1`).

fn main() {
	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();

	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(crate_token::SYMBOL, crate_token::DECIMALS)
		.build();
}

#[cfg(feature = "metadata-hash")]
mod crate_token {
	// Keep in step with `runtime/src/token.rs`.
	pub const SYMBOL: &str = "DMC";
	pub const DECIMALS: u8 = 12;
}
