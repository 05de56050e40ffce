//! # Operator Configuration JSON-RPC
//!
//! `config_*` methods over [`OperatorConfigRuntimeApi`]: the data-management parameters in
//! force and the configuration history (who changed which parameter when, from what to what),
//! for auditors' scripts and any JSON-RPC client (D3.7 CTL-2, CTL-4, MON-1). Every method takes
//! an optional block hash `at` (default: the best block). Answers are camelCase JSON with 64-bit
//! numbers as decimal strings; failures carry the codes of [`dmchain_rpc_support`].

use codec::Codec;
use dmchain_primitives::{DataParameters, ParameterChange};
use dmchain_rpc_support::{block_at, runtime_error, DEFAULT_LIMIT};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
pub use pallet_operator_config_runtime_api::OperatorConfigApi as OperatorConfigRuntimeApi;
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;
use std::{marker::PhantomData, sync::Arc};

/// One entry of the configuration history with its position.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry<AccountId, BlockNumber> {
	/// The entry's position in the history, from 0.
	pub index: u32,
	/// The change.
	#[serde(flatten)]
	pub change: ParameterChange<AccountId, BlockNumber>,
}

/// The operator configuration's JSON-RPC methods.
#[rpc(server)]
pub trait OperatorConfigApi<BlockHash, AccountId, BlockNumber> {
	/// The data-management parameters in force.
	#[method(name = "config_parameters")]
	fn parameters(&self, at: Option<BlockHash>) -> RpcResult<DataParameters>;

	/// The configuration history from entry `from` (default 0), at most `limit` entries,
	/// oldest first.
	#[method(name = "config_parameterHistory")]
	fn parameter_history(
		&self,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<HistoryEntry<AccountId, BlockNumber>>>;
}

/// Serves [`OperatorConfigApiServer`] from a client with the operator configuration's runtime
/// API.
pub struct OperatorConfig<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> OperatorConfig<C, Block> {
	/// Serves the methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId, BlockNumber>
	OperatorConfigApiServer<<Block as BlockT>::Hash, AccountId, BlockNumber>
	for OperatorConfig<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: OperatorConfigRuntimeApi<Block, AccountId, BlockNumber>,
	AccountId: Codec + Serialize + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + Send + Sync + 'static,
{
	fn parameters(&self, at: Option<Block::Hash>) -> RpcResult<DataParameters> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().parameters(at).map_err(runtime_error)
	}

	fn parameter_history(
		&self,
		from: Option<u32>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<HistoryEntry<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		let entries = self
			.client
			.runtime_api()
			.parameter_history(at, from.unwrap_or(0), limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)?;
		Ok(entries.into_iter().map(|(index, change)| HistoryEntry { index, change }).collect())
	}
}
