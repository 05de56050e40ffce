//! # Data Registry runtime API
//!
//! The queries a data user needs (D3.7 SVC-2, SVC-3, SVC-4), answered by the runtime without
//! the caller decoding storage. The node serves them as `registry_*` JSON-RPC methods
//! (`pallet-data-registry-rpc`); subxt clients call them directly as runtime APIs.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use dmchain_primitives::{
	AnchorPage, AnomalyPage, RecordCursor, RecordId, RecordPage, RecordView, SourceId, SourceView,
};

sp_api::decl_runtime_apis! {
	/// Queries of the data registry. Every list is bounded by the registry's `MaxPageSize`.
	pub trait DataRegistryApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The record `id`, if it exists (SVC-2).
		fn record(id: RecordId) -> Option<RecordView<AccountId, BlockNumber>>;

		/// The records anchoring the content `digest`, earliest first, after the record
		/// `after` (from the first anchor when `None`), at most `limit`: who anchored the
		/// payload, when and in which block (SVC-4). The first page always starts with the
		/// first anchor; `next` is the `after` of the following page.
		fn records_by_hash(
			digest: [u8; 32],
			after: Option<RecordId>,
			limit: u32,
		) -> AnchorPage<AccountId, BlockNumber>;

		/// A page of `source`'s records in anchoring order, starting at `cursor` (a position,
		/// a sequence number or a chain time), at most `limit` (SVC-2, SVC-3).
		fn source_records(
			source: SourceId,
			cursor: RecordCursor,
			limit: u32,
		) -> RecordPage<AccountId, BlockNumber>;

		/// The source `id`, if it exists (REP-1).
		fn source(id: SourceId) -> Option<SourceView<AccountId, Balance, BlockNumber>>;

		/// The sources with a time-sequence anomaly or a silence among the (at most `limit`)
		/// sources after `after` (MON-3): bounded work per call, no record read. Pass `next` as
		/// `after` for the following page; a page may be empty and still have a `next`.
		fn source_anomalies(after: Option<SourceId>, limit: u32) -> AnomalyPage;
	}
}
