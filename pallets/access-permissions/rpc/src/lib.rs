//! # Access Permissions JSON-RPC
//!
//! `access_*` methods over [`AccessPermissionsRuntimeApi`], so that curl, scripts and any
//! JSON-RPC client can ask the access question and read the data directory, lineage, grants,
//! requests and encryption keys (D3.7 GOV-1, APP-2, MGMT-1, MGMT-2, PRC-5). Every method takes
//! an optional block hash `at` (default: the best block). Answers are JSON objects in camelCase
//! (see `dmchain_primitives`); failures carry the codes of [`dmchain_rpc_support`].

use codec::Codec;
use dmchain_primitives::{
	AccessBasis, AccessDenial, AccessTarget, AuditPage, DatasetId, DatasetView, GrantView,
	KeyEpochView, Provenance, ReceiptPage, ReceiptsOf, RequestView, Scope,
};
use dmchain_rpc_support::{block_at, runtime_error, U64Param, DEFAULT_LIMIT};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
pub use pallet_access_permissions_runtime_api::AccessPermissionsApi as AccessPermissionsRuntimeApi;
use serde::{de::DeserializeOwned, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{Bytes, H256};
use sp_runtime::traits::Block as BlockT;
use std::{fmt::Display, marker::PhantomData, sync::Arc};

/// The answer to the access question: `allowed`, and either the `basis` it is allowed on or
/// the `denial` that says why not.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessDecision<BlockNumber> {
	/// Whether the access is allowed.
	pub allowed: bool,
	/// Why it is allowed (`{"kind":"owner"}`, `{"kind":"public"}` or
	/// `{"kind":"grant","scope":"read","expiresAt":120}`), if it is.
	pub basis: Option<AccessBasis<BlockNumber>>,
	/// Why it is refused (for example `{"reason":"noGrant"}` or
	/// `{"reason":"grantExpired","at":120}`), if it is.
	pub denial: Option<AccessDenial<BlockNumber>>,
}

impl<BlockNumber> From<Result<AccessBasis<BlockNumber>, AccessDenial<BlockNumber>>>
	for AccessDecision<BlockNumber>
{
	fn from(answer: Result<AccessBasis<BlockNumber>, AccessDenial<BlockNumber>>) -> Self {
		match answer {
			Ok(basis) => Self { allowed: true, basis: Some(basis), denial: None },
			Err(denial) => Self { allowed: false, basis: None, denial: Some(denial) },
		}
	}
}

/// A page of grants: `next` is the grantee to pass as `after` for the following page.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantPage<AccountId, BlockNumber> {
	/// The grants of this page.
	pub items: Vec<GrantView<AccountId, BlockNumber>>,
	/// The last grantee of this page, if there may be more.
	pub next: Option<AccountId>,
}

/// The access pallet's JSON-RPC methods.
#[rpc(server)]
pub trait AccessPermissionsApi<BlockHash, AccountId, BlockNumber, Balance: std::fmt::Display> {
	/// May `user` do `scope` (`"verifyOnly"`, `"read"`, `"derive"`) on `target`
	/// (`{"dataset":0}` or `{"record":{"dataset":0,"record":{"source":0,"index":"5"}}}`) at
	/// block `at`, and why (not).
	#[method(name = "access_check")]
	fn check(
		&self,
		user: AccountId,
		scope: Scope,
		target: AccessTarget,
		at: Option<BlockHash>,
	) -> RpcResult<AccessDecision<BlockNumber>>;

	/// The dataset `id` with its owner history, or `null`.
	#[method(name = "access_dataset")]
	fn dataset(
		&self,
		id: DatasetId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<DatasetView<AccountId, BlockNumber, Balance>>>;

	/// The datasets `viewer` may see (`null`: what anyone sees), lowest id first. Pass the
	/// answer's `next` as `after` for the following page.
	#[method(name = "access_datasets")]
	fn datasets(
		&self,
		viewer: Option<AccountId>,
		after: Option<DatasetId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<AuditPage<DatasetView<AccountId, BlockNumber, Balance>>>;

	/// The ancestors of dataset `id`, nearest first, or `null`.
	#[method(name = "access_provenance")]
	fn provenance(&self, id: DatasetId, at: Option<BlockHash>) -> RpcResult<Option<Provenance>>;

	/// The grants on dataset `dataset`, expired ones not yet cleaned up included (`expired`
	/// says so). Pass the answer's `next` as `after` for the following page.
	#[method(name = "access_grants")]
	fn grants(
		&self,
		dataset: DatasetId,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<GrantPage<AccountId, BlockNumber>>;

	/// The requests waiting on dataset `dataset`.
	#[method(name = "access_requests")]
	fn requests(
		&self,
		dataset: DatasetId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<RequestView<AccountId, BlockNumber>>>;

	/// The X25519 public encryption key `who` registered (`0x`-prefixed hex), or `null`.
	#[method(name = "access_encryptionKey")]
	fn encryption_key(&self, who: AccountId, at: Option<BlockHash>) -> RpcResult<Option<H256>>;

	/// Dataset `dataset`'s current key epoch and how many wrapped keys it holds
	/// (`{"epoch":1,"wrapped":3}`), or `null` if it does not exist.
	#[method(name = "access_keyEpochs")]
	fn key_epochs(
		&self,
		dataset: DatasetId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<KeyEpochView>>;

	/// The key of dataset `dataset`'s epoch `epoch` wrapped for `who` (80 bytes, `0x` hex), or
	/// `null`.
	#[method(name = "access_wrappedKey")]
	fn wrapped_key(
		&self,
		dataset: DatasetId,
		epoch: u32,
		who: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<Bytes>>;

	/// The access receipts of `of` (`{"dataset":0}` or `{"user":"5F…"}`) recorded in blocks
	/// `from..=to` (both optional), oldest first. Pass the answer's `next` (a decimal string)
	/// as `cursor` for the following page.
	#[method(name = "access_receipts")]
	fn receipts(
		&self,
		of: ReceiptsOf<AccountId>,
		from: Option<BlockNumber>,
		to: Option<BlockNumber>,
		cursor: Option<U64Param>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<ReceiptPage<AccountId, BlockNumber>>;
}

/// Serves [`AccessPermissionsApiServer`] from a client with the access pallet's runtime API.
pub struct AccessPermissions<C, Block> {
	client: Arc<C>,
	_block: PhantomData<Block>,
}

impl<C, Block> AccessPermissions<C, Block> {
	/// Serves the access methods from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: PhantomData }
	}
}

impl<C, Block, AccountId, BlockNumber, Balance>
	AccessPermissionsApiServer<<Block as BlockT>::Hash, AccountId, BlockNumber, Balance>
	for AccessPermissions<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AccessPermissionsRuntimeApi<Block, AccountId, BlockNumber, Balance>,
	AccountId: Codec + Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
	BlockNumber: Codec + Serialize + DeserializeOwned + Default + Send + Sync + 'static,
	Balance: Codec + Display + Send + Sync + 'static,
{
	fn check(
		&self,
		user: AccountId,
		scope: Scope,
		target: AccessTarget,
		at: Option<Block::Hash>,
	) -> RpcResult<AccessDecision<BlockNumber>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.access(at, user, scope, target)
			.map(AccessDecision::from)
			.map_err(runtime_error)
	}

	fn dataset(
		&self,
		id: DatasetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<DatasetView<AccountId, BlockNumber, Balance>>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().dataset(at, id).map_err(runtime_error)
	}

	fn datasets(
		&self,
		viewer: Option<AccountId>,
		after: Option<DatasetId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<AuditPage<DatasetView<AccountId, BlockNumber, Balance>>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.datasets(at, viewer, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map_err(runtime_error)
	}

	fn provenance(&self, id: DatasetId, at: Option<Block::Hash>) -> RpcResult<Option<Provenance>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().provenance(at, id).map_err(runtime_error)
	}

	fn grants(
		&self,
		dataset: DatasetId,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<GrantPage<AccountId, BlockNumber>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.grants(at, dataset, after, limit.unwrap_or(DEFAULT_LIMIT))
			.map(|(items, next)| GrantPage { items, next })
			.map_err(runtime_error)
	}

	fn requests(
		&self,
		dataset: DatasetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<RequestView<AccountId, BlockNumber>>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().requests(at, dataset).map_err(runtime_error)
	}

	fn encryption_key(&self, who: AccountId, at: Option<Block::Hash>) -> RpcResult<Option<H256>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.encryption_key(at, who)
			.map(|key| key.map(H256))
			.map_err(runtime_error)
	}

	fn key_epochs(
		&self,
		dataset: DatasetId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<KeyEpochView>> {
		let at = block_at(&*self.client, at)?;
		self.client.runtime_api().key_epochs(at, dataset).map_err(runtime_error)
	}

	fn wrapped_key(
		&self,
		dataset: DatasetId,
		epoch: u32,
		who: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<Bytes>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.wrapped_key(at, dataset, epoch, who)
			.map(|key| key.map(Bytes))
			.map_err(runtime_error)
	}

	fn receipts(
		&self,
		of: ReceiptsOf<AccountId>,
		from: Option<BlockNumber>,
		to: Option<BlockNumber>,
		cursor: Option<U64Param>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<ReceiptPage<AccountId, BlockNumber>> {
		let at = block_at(&*self.client, at)?;
		self.client
			.runtime_api()
			.receipts(
				at,
				of,
				from.unwrap_or_default(),
				to,
				cursor.map(|c| c.0),
				limit.unwrap_or(DEFAULT_LIMIT),
			)
			.map_err(runtime_error)
	}
}
