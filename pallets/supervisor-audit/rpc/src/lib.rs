//! # Supervisor Audit JSON-RPC
//!
//! `audit_*` methods over [`SupervisorAuditRuntimeApi`], so that curl, scripts and any
//! JSON-RPC client can read flags, cases and record verdicts (D3.7 MON-1, MON-4, SVC-4). Every
//! method takes an optional block hash `at` (default: the best block). Answers are JSON objects
//! in camelCase (see `dmchain_primitives`); failures carry the codes of
//! [`dmchain_rpc_support`].

use codec::Codec;
use dmchain_primitives::{
	AuditPage, CaseFilter, CaseId, CaseView, FlagId, FlagView, RecordId, RecordVerdict, Subject,
};
use dmchain_rpc_support::{block_at, runtime_error, DEFAULT_LIMIT};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
pub use pallet_supervisor_audit_runtime_api::SupervisorAuditApi as SupervisorAuditRuntimeApi;
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;
use std::{marker::PhantomData, sync::Arc};

/// The supervisor audit's JSON-RPC methods.
#[rpc(server)]
pub trait SupervisorAuditApi<BlockHash, AccountId, BlockNumber> {
	/// The flag `id`, or `null`.
	#[method(name = "audit_flag")]
	fn flag(
		&self,
		id: FlagId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<FlagView<AccountId, BlockNumber>>>;

	/// The flags about `subject` (for example `{"source":0}` or
	/// `{"record":{"source":0,"index":"5"}}`; every flag when `null`), lowest id first. Pass
	/// the answer's `next` as `after` for the following page.
	#[method(name = "audit_flags")]
	fn flags(
		&self,
		subject: Option<Subject>,
		after: Option<FlagId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AuditPage<FlagView<AccountId, BlockNumber>>>;

	/// The case `id` with its findings, or `null`.
	#[method(name = "audit_case")]
	fn case(
		&self,
		id: CaseId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<CaseView<AccountId, BlockNumber>>>;

	/// The cases `filter` selects (`{"status":"open"}` or `{"subject":{"source":0}}`), lowest
	/// id first, each with its findings.
	#[method(name = "audit_cases")]
	fn cases(
		&self,
		filter: CaseFilter,
		after: Option<CaseId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AuditPage<CaseView<AccountId, BlockNumber>>>;

	/// Whether record `record` (`{"source":0,"index":"5"}`) can be relied on, each part its
	/// own field; `digest`, if given (`0x`-prefixed hex), is compared with the anchored one.
	#[method(name = "audit_recordVerdict")]
	fn record_verdict(
		&self,
		record: RecordId,
		digest: Option<H256>,
		at: Option<BlockHash>,
	) -> RpcResult<RecordVerdict<BlockNumber>>;
}

/// Serves [`SupervisorAuditApiServer`] from a client with the supervisor audit's runtime API.
pub struct SupervisorAudit<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> SupervisorAudit<C, Block> {
	/// Serves the audit methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId, BlockNumber>
	SupervisorAuditApiServer<<Block as BlockT>::Hash, AccountId, BlockNumber>
	for SupervisorAudit<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: SupervisorAuditRuntimeApi<Block, AccountId, BlockNumber>,
	AccountId: Codec + Serialize + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + Send + Sync + 'static,
{
	fn flag(
		&self,
		id: FlagId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<FlagView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().flag(at, id).map_err(runtime_error)
	}

	fn flags(
		&self,
		subject: Option<Subject>,
		after: Option<FlagId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<AuditPage<FlagView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.flags(at, subject, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn case(
		&self,
		id: CaseId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<CaseView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().case(at, id).map_err(runtime_error)
	}

	fn cases(
		&self,
		filter: CaseFilter,
		after: Option<CaseId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<AuditPage<CaseView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.cases(at, filter, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn record_verdict(
		&self,
		record: RecordId,
		digest: Option<H256>,
		at: Option<Block::Hash>,
	) -> RpcResult<RecordVerdict<BlockNumber>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.record_verdict(at, record, digest.map(|digest| digest.0))
			.map_err(runtime_error)
	}
}
