//! # Access Permissions runtime API
//!
//! What a data user, an owner or a client library asks of the access pallet (D3.7 GOV-1,
//! APP-2, MGMT-1, MGMT-2, PRC-5) without decoding storage: above all the access question, which
//! the client asks before it hands out any data.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use dmchain_primitives::{
	AccessBasis, AccessDenial, AccessTarget, AuditPage, DatasetId, DatasetView, GrantView,
	KeyEpochView, Provenance, ReceiptPage, ReceiptsOf, RequestView, Scope,
};

sp_api::decl_runtime_apis! {
	/// Queries of the access pallet. Every list is bounded by the pallet's `MaxPageSize` (or
	/// `MaxPendingRequests`, `MaxProvenance`).
	pub trait AccessPermissionsApi<AccountId, BlockNumber, Balance>
	where
		AccountId: Codec,
		BlockNumber: Codec,
		Balance: Codec,
	{
		/// May `user` do `scope` on `target` at the block this is asked at, on what basis, and
		/// if not, why not.
		fn access(
			user: AccountId,
			scope: Scope,
			target: AccessTarget,
		) -> Result<AccessBasis<BlockNumber>, AccessDenial<BlockNumber>>;

		/// The dataset `id` with its owner history, if it exists.
		fn dataset(id: DatasetId) -> Option<DatasetView<AccountId, BlockNumber, Balance>>;

		/// The datasets `viewer` (`None`: anyone) may see, ids after `after`, at most `limit`,
		/// lowest id first.
		fn datasets(
			viewer: Option<AccountId>,
			after: Option<DatasetId>,
			limit: u32,
		) -> AuditPage<DatasetView<AccountId, BlockNumber, Balance>>;

		/// The ancestors of dataset `id`, nearest first, each once; `None` if it does not
		/// exist.
		fn provenance(id: DatasetId) -> Option<Provenance>;

		/// The grants on dataset `dataset` after grantee `after`, at most `limit`, and the
		/// grantee to go on after.
		fn grants(
			dataset: DatasetId,
			after: Option<AccountId>,
			limit: u32,
		) -> (Vec<GrantView<AccountId, BlockNumber>>, Option<AccountId>);

		/// The requests waiting on dataset `dataset`.
		fn requests(dataset: DatasetId) -> Vec<RequestView<AccountId, BlockNumber>>;

		/// The X25519 encryption key `who` registered, if any.
		fn encryption_key(who: AccountId) -> Option<[u8; 32]>;

		/// Dataset `dataset`'s current key epoch and how many wrapped keys it holds; `None` if
		/// it does not exist.
		fn key_epochs(dataset: DatasetId) -> Option<KeyEpochView>;

		/// The key of dataset `dataset`'s epoch `epoch` wrapped for `who` (80 bytes), if the
		/// owner stored one.
		fn wrapped_key(dataset: DatasetId, epoch: u32, who: AccountId) -> Option<Vec<u8>>;

		/// The access receipts of a dataset or a grantee recorded in blocks `from..=to` (`to`:
		/// no bound), oldest first, at most `limit`; `cursor` is the `next` of the page before.
		fn receipts(
			of: ReceiptsOf<AccountId>,
			from: BlockNumber,
			to: Option<BlockNumber>,
			cursor: Option<u64>,
			limit: u32,
		) -> ReceiptPage<AccountId, BlockNumber>;
	}
}
