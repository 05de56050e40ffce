//! # dmchain RPC support
//!
//! What the `registry_*` and `config_*` JSON-RPC methods share, so that every method answers a
//! failure the same way: one error code per kind of failure (documented in
//! `docs/architecture.md`), and the block a query reads (`at`, default the best block), checked
//! to exist before the runtime is asked.
//!
//! Codes (JSON-RPC reserves -32768..-32000; jsonrpsee answers malformed parameters itself with
//! -32602):
//! - [`UNKNOWN_BLOCK`] (4001): `at` names a block this node does not have (never had, or
//!   pruned).
//! - [`RUNTIME_API_FAILED`] (4002): the runtime could not answer at that block (for example a
//!   block from before the runtime had the API).

use jsonrpsee::types::error::{ErrorObject, ErrorObjectOwned};
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// `at` names a block this node does not have.
pub const UNKNOWN_BLOCK: i32 = 4001;

/// The runtime API call failed at the block asked for.
pub const RUNTIME_API_FAILED: i32 = 4002;

/// A 64-bit number as a caller writes it: a JSON number or a decimal string (numbers above
/// 2^53 do not survive a JavaScript number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct U64Param(#[serde(with = "dmchain_primitives::num_serde")] pub u64);

/// The page size used when a caller gives no `limit` (the runtime caps every page anyway).
pub const DEFAULT_LIMIT: u32 = 100;

/// The block a query reads: `at` if the node has its header, the best block when `at` is
/// `None`; an [`UNKNOWN_BLOCK`] error otherwise.
pub fn block_at<Block: BlockT, C: HeaderBackend<Block>>(
	client: &C,
	at: Option<Block::Hash>,
) -> Result<Block::Hash, ErrorObjectOwned> {
	let Some(hash) = at else { return Ok(client.info().best_hash) };
	match client.header(hash) {
		Ok(Some(_)) => Ok(hash),
		Ok(None) => Err(ErrorObject::owned(
			UNKNOWN_BLOCK,
			"unknown block",
			Some(format!("this node has no block {hash:?}")),
		)),
		Err(error) => Err(ErrorObject::owned(
			UNKNOWN_BLOCK,
			"unknown block",
			Some(format!("reading block {hash:?}: {error}")),
		)),
	}
}

/// A [`RUNTIME_API_FAILED`] error carrying `error`'s text.
pub fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_API_FAILED, "runtime API call failed", Some(error.to_string()))
}
