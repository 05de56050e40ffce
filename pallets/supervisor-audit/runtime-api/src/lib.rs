//! # Supervisor Audit runtime API
//!
//! What a supervisor, an auditor or a data user asks of the supervisor audit (D3.7 MON-1,
//! MON-4, SVC-4), answered by the runtime without the caller decoding storage. The node serves
//! it as `audit_*` JSON-RPC methods (`pallet-supervisor-audit-rpc`); subxt clients call it
//! directly as a runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use dmchain_primitives::{
	AuditPage, CaseFilter, CaseId, CaseView, FlagId, FlagView, RecordId, RecordVerdict, Subject,
};

sp_api::decl_runtime_apis! {
	/// Queries of the supervisor audit. Every list is bounded by the pallet's `MaxPageSize`.
	pub trait SupervisorAuditApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The flag `id`, if it exists.
		fn flag(id: FlagId) -> Option<FlagView<AccountId, BlockNumber>>;

		/// The flags about `subject` (every flag when `None`) after `after`, at most `limit`,
		/// lowest id first.
		fn flags(
			subject: Option<Subject>,
			after: Option<FlagId>,
			limit: u32,
		) -> AuditPage<FlagView<AccountId, BlockNumber>>;

		/// The case `id` with its findings, if it exists.
		fn case(id: CaseId) -> Option<CaseView<AccountId, BlockNumber>>;

		/// The cases in a status or about a subject after `after`, at most `limit`, lowest id
		/// first.
		fn cases(
			filter: CaseFilter,
			after: Option<CaseId>,
			limit: u32,
		) -> AuditPage<CaseView<AccountId, BlockNumber>>;

		/// Whether record `id` can be relied on, each part its own field (MON-4); `digest`, if
		/// given, is compared with the anchored one.
		fn record_verdict(id: RecordId, digest: Option<[u8; 32]>) -> RecordVerdict<BlockNumber>;
	}
}
