//! The runtime a chain runs must stay able to replace itself: a runtime upgrade carries the
//! compressed Wasm in one operational extrinsic, inside a block of at most
//! `MAX_BLOCK_LENGTH` (5 MiB). This runtime is the one `--dev` runs, built with
//! `runtime-benchmarks`, so it is the largest of our builds; it must keep a margin of 1 MiB.

use dmchain_runtime::configs::system::MAX_BLOCK_LENGTH;

/// The largest compressed runtime we accept: 4 MiB, a MiB below the block length.
const LIMIT: usize = 4 << 20;

#[test]
fn compressed_runtime_fits_an_upgrade_with_a_margin() {
	let wasm =
		dmchain_runtime::WASM_BINARY.expect("the runtime's Wasm is built (unset SKIP_WASM_BUILD)");
	println!(
		"compressed runtime: {} bytes ({:.2} MiB), limit {} bytes, block length {} bytes",
		wasm.len(),
		wasm.len() as f64 / (1 << 20) as f64,
		LIMIT,
		MAX_BLOCK_LENGTH
	);
	assert!(LIMIT < MAX_BLOCK_LENGTH as usize);
	assert!(
		wasm.len() <= LIMIT,
		"the compressed runtime is {} bytes, over the {LIMIT}-byte limit: an upgrade to it would \
		 barely fit a block (did a benchmark embed a test runtime?)",
		wasm.len()
	);
}
