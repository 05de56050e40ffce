//! The runtime's types and calls, generated at compile time from `metadata/dmchain.scale`: the
//! SCALE-encoded metadata (V16) of `dmchain-runtime`.
//!
//! The file is checked against the runtime by `node/tests/e2e/client_metadata.rs`, which fails when
//! a built node serves different metadata; `scripts/refresh-metadata.sh` rewrites it. subxt also
//! checks, call by call, that the connected chain's types still match these.

// Makes cargo rebuild this crate (and so regenerate the types) whenever the file changes.
const _: &[u8] = include_bytes!("../metadata/dmchain.scale");

/// The generated API: `tx()`, `storage()`, `constants()`, `runtime_apis()`, events and
/// `runtime_types`.
#[subxt::subxt(
	runtime_metadata_path = "metadata/dmchain.scale",
	derive_for_all_types = "Clone, PartialEq, Eq",
	generate_docs
)]
pub mod api {}
