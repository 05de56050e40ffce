//! Data sources and the seams through which other pallets govern them (D3.7 REP-1, PRC-1).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::DispatchResult;

/// Identifies a data source: assigned by the registry, counting up from 0.
pub type SourceId = u32;

/// Where a data source stands in its life cycle.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum SourceStatus {
	/// Registered, waiting for an operator's approval; cannot submit yet.
	PendingApproval,
	/// Submits records.
	Active,
	/// Paused by its owner or an operator; cannot submit until resumed.
	Suspended,
	/// Frozen by a supervisor or suspended by an operator; only they can lift it, not the
	/// owner.
	Frozen,
	/// Retired for good by its owner; its records stay queryable.
	Retired,
}

/// Decides the status a newly registered source starts in. The runtime wires this to the
/// operator pallet (approval step, CTL-3); `()` admits every source at once.
pub trait SourceAdmission<AccountId> {
	/// The status a source registered by `owner` starts in: [`SourceStatus::Active`] or
	/// [`SourceStatus::PendingApproval`].
	fn initial_status(owner: &AccountId) -> SourceStatus;
}

impl<AccountId> SourceAdmission<AccountId> for () {
	fn initial_status(_: &AccountId) -> SourceStatus {
		SourceStatus::Active
	}
}

/// What the registry lets other pallets (operators, supervisors) do to a source. Implemented by
/// the data registry; the runtime hands it to the pallets that need it.
pub trait SourceControl<AccountId> {
	/// The owner of `source`, if it exists.
	fn owner_of(source: SourceId) -> Option<AccountId>;
	/// The status of `source`, if it exists.
	fn status_of(source: SourceId) -> Option<SourceStatus>;
	/// Moves `source` from [`SourceStatus::PendingApproval`] to [`SourceStatus::Active`].
	fn approve(source: SourceId) -> DispatchResult;
	/// Freezes `source` (supervisor): it cannot submit until [`Self::unfreeze`].
	fn freeze(source: SourceId) -> DispatchResult;
	/// Lifts a freeze: the source becomes [`SourceStatus::Active`] again.
	fn unfreeze(source: SourceId) -> DispatchResult;
	/// Refuses a source waiting for approval: its entry goes and its owner's deposit is
	/// released. Only a [`SourceStatus::PendingApproval`] source can be rejected (it has no
	/// records).
	fn reject(source: SourceId) -> DispatchResult;
	/// Registers a source owned by `owner` that waits for approval, for benchmarks of the
	/// pallets that approve and reject sources (funds `owner` as needed).
	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &AccountId) -> SourceId;
}
