//! # Data Registry JSON-RPC
//!
//! `registry_*` methods over [`DataRegistryRuntimeApi`], so that curl, scripts and any
//! JSON-RPC client can find and verify records without decoding storage (D3.7 SVC-2..4, GOV-3).
//! Every method takes an optional block hash `at` (default: the best block). Digests are
//! `0x`-prefixed hex; record and source answers are JSON objects (see `dmchain_primitives`).

use codec::Codec;
use dmchain_primitives::{RecordCursor, RecordId, RecordPage, RecordView, SourceId, SourceView};
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::error::{ErrorObject, ErrorObjectOwned},
};
pub use pallet_data_registry_runtime_api::DataRegistryApi as DataRegistryRuntimeApi;
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;
use std::{marker::PhantomData, sync::Arc};

/// The page size used when a caller gives no `limit` (the runtime caps every page anyway).
pub const DEFAULT_LIMIT: u32 = 100;

/// The JSON-RPC error code of a failed runtime-API call.
pub const RUNTIME_ERROR: i32 = 1;

/// The registry's JSON-RPC methods.
#[rpc(server)]
pub trait DataRegistryApi<BlockHash, AccountId, Balance, BlockNumber> {
	/// The record `source`/`index`, or `null`.
	#[method(name = "registry_record")]
	fn record(
		&self,
		source: SourceId,
		index: u64,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecordView<AccountId, BlockNumber>>>;

	/// Every record anchoring `digest` (at most `limit`): verification by hash.
	#[method(name = "registry_recordsByHash")]
	fn records_by_hash(
		&self,
		digest: H256,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RecordView<AccountId, BlockNumber>>>;

	/// A page of a source's records from `cursor`, for example `{"index":0}`,
	/// `{"sequence":42}` or `{"chainTime":1750000000000}`.
	#[method(name = "registry_sourceRecords")]
	fn source_records(
		&self,
		source: SourceId,
		cursor: RecordCursor,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<RecordPage<AccountId, BlockNumber>>;

	/// The source `source`, or `null`.
	#[method(name = "registry_source")]
	fn source(
		&self,
		source: SourceId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<SourceView<AccountId, Balance, BlockNumber>>>;
}

/// Serves [`DataRegistryApiServer`] from a client with the registry's runtime API.
pub struct DataRegistry<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> DataRegistry<C, Block> {
	/// Serves the registry's methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "runtime API call failed", Some(error.to_string()))
}

impl<C, Block, AccountId, Balance, BlockNumber>
	DataRegistryApiServer<<Block as BlockT>::Hash, AccountId, Balance, BlockNumber>
	for DataRegistry<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DataRegistryRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Serialize + Send + Sync + 'static,
	Balance: Codec + Serialize + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + Send + Sync + 'static,
{
	fn record(
		&self,
		source: SourceId,
		index: u64,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<RecordView<AccountId, BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().record(at, RecordId { source, index }).map_err(runtime_error)
	}

	fn records_by_hash(
		&self,
		digest: H256,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<RecordView<AccountId, BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.records_by_hash(at, digest.0, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn source_records(
		&self,
		source: SourceId,
		cursor: RecordCursor,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<RecordPage<AccountId, BlockNumber>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.source_records(at, source, cursor, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn source(
		&self,
		source: SourceId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<SourceView<AccountId, Balance, BlockNumber>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().source(at, source).map_err(runtime_error)
	}
}
