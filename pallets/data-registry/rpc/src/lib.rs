//! # Data Registry JSON-RPC
//!
//! `registry_*` methods over [`DataRegistryRuntimeApi`], so that curl, scripts and any
//! JSON-RPC client can find and verify records without decoding storage (D3.7 SVC-2..4, GOV-3).
//! Every method takes an optional block hash `at` (default: the best block). Digests are
//! `0x`-prefixed hex; record and source answers are JSON objects in camelCase (see
//! `dmchain_primitives`), with 64- and 128-bit numbers as decimal strings. Failures carry the
//! codes of [`dmchain_rpc_support`].

use codec::Codec;
use dmchain_primitives::{
	AnchorPage, AnomalyPage, RecordCursor, RecordId, RecordPage, RecordView, SourceId, SourceView,
};
use dmchain_rpc_support::{block_at, runtime_error, U64Param, DEFAULT_LIMIT};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
pub use pallet_data_registry_runtime_api::DataRegistryApi as DataRegistryRuntimeApi;
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;
use std::{marker::PhantomData, sync::Arc};

/// The registry's JSON-RPC methods.
#[rpc(server)]
pub trait DataRegistryApi<BlockHash, AccountId, Balance: std::fmt::Display, BlockNumber> {
	/// The record `source`/`index`, or `null`. `index` is a number or a decimal string.
	#[method(name = "registry_record")]
	fn record(
		&self,
		source: SourceId,
		index: U64Param,
		at: Option<BlockHash>,
	) -> RpcResult<Option<RecordView<AccountId, BlockNumber>>>;

	/// The records anchoring `digest`, earliest first: verification by hash. The first page
	/// (`after` null) always starts with the first anchor; pass the answer's `next` as `after`
	/// for the following page (`{"source":0,"index":"5"}`). At most `limit` per page.
	#[method(name = "registry_recordsByHash")]
	fn records_by_hash(
		&self,
		digest: H256,
		after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AnchorPage<AccountId, BlockNumber>>;

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

	/// The sources with a time-sequence anomaly (sequence gaps, device clock going back or
	/// drifting) or a silence beyond their expected interval, among the `limit` sources after
	/// `after` (MON-3). Pass the answer's `next` as `after` for the following page; a page may
	/// be empty and still have a `next`.
	#[method(name = "registry_anomalies")]
	fn anomalies(
		&self,
		after: Option<SourceId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AnomalyPage>;
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

impl<C, Block, AccountId, Balance, BlockNumber>
	DataRegistryApiServer<<Block as BlockT>::Hash, AccountId, Balance, BlockNumber>
	for DataRegistry<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DataRegistryRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	AccountId: Codec + Serialize + Send + Sync + 'static,
	Balance: Codec + std::fmt::Display + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + Send + Sync + 'static,
{
	fn record(
		&self,
		source: SourceId,
		index: U64Param,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<RecordView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		let id = RecordId { source, index: index.0 };
		self.client.runtime_api().record(at, id).map_err(runtime_error)
	}

	fn records_by_hash(
		&self,
		digest: H256,
		after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<AnchorPage<AccountId, BlockNumber>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.records_by_hash(at, digest.0, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn source_records(
		&self,
		source: SourceId,
		cursor: RecordCursor,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<RecordPage<AccountId, BlockNumber>> {
		let at = block_at(&*self.client, at)?;
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
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().source(at, source).map_err(runtime_error)
	}

	fn anomalies(
		&self,
		after: Option<SourceId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<AnomalyPage> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.source_anomalies(at, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}
}
