//! Data sources and the seams through which other pallets govern them (D3.7 REP-1, PRC-1).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::DispatchResult;

/// Identifies a data source: assigned by the registry, counting up from 0.
pub type SourceId = u32;

/// Where a data source stands in its life cycle. Whether it may submit also depends on its
/// [`SourceHolds`]: an active source with any hold on cannot submit.
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
	/// Approved (or admitted at once): submits records unless a hold is on.
	Active,
	/// Retired for good by its owner; its records stay queryable.
	Retired,
}

/// Who put a hold on a source. Each hold has its own authority and is lifted only by it; holds
/// stack, and lifting one leaves the others as they are (D3.7 CTL-3, MON-1).
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
pub enum SourceHold {
	/// The owner paused the source (`suspend_source` / `resume_source`).
	OwnerPause,
	/// An operator suspended the source (operator pallet: `suspend_source` /
	/// `lift_source_suspension`).
	OperatorSuspension,
	/// A supervisor froze the source (supervisor pallet: freeze / unfreeze).
	SupervisorFreeze,
}

/// The holds on a source: any one of them stops its submissions.
#[derive(
	Clone,
	Copy,
	Default,
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
pub struct SourceHolds {
	/// Paused by the owner.
	pub owner_pause: bool,
	/// Suspended by an operator.
	pub operator_suspension: bool,
	/// Frozen by a supervisor.
	pub supervisor_freeze: bool,
}

impl SourceHolds {
	/// Whether `hold` is on.
	pub fn has(&self, hold: SourceHold) -> bool {
		match hold {
			SourceHold::OwnerPause => self.owner_pause,
			SourceHold::OperatorSuspension => self.operator_suspension,
			SourceHold::SupervisorFreeze => self.supervisor_freeze,
		}
	}

	/// Puts `hold` on (`true`) or lifts it (`false`).
	pub fn set(&mut self, hold: SourceHold, on: bool) {
		match hold {
			SourceHold::OwnerPause => self.owner_pause = on,
			SourceHold::OperatorSuspension => self.operator_suspension = on,
			SourceHold::SupervisorFreeze => self.supervisor_freeze = on,
		}
	}

	/// The hold with the highest authority that is on (supervisor, then operator, then owner),
	/// if any: the one a refused submission names.
	pub fn strongest(&self) -> Option<SourceHold> {
		[SourceHold::SupervisorFreeze, SourceHold::OperatorSuspension, SourceHold::OwnerPause]
			.into_iter()
			.find(|hold| self.has(*hold))
	}

	/// Whether no hold is on.
	pub fn is_empty(&self) -> bool {
		self.strongest().is_none()
	}
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
	/// The life-cycle status and the holds of `source`, if it exists.
	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)>;
	/// Moves `source` from [`SourceStatus::PendingApproval`] to [`SourceStatus::Active`]. Holds
	/// put on while it waited stay on.
	fn approve(source: SourceId) -> DispatchResult;
	/// Puts `hold` on `source`: it cannot submit until the hold is lifted with
	/// [`Self::lift`]. Only [`SourceHold::OperatorSuspension`] and
	/// [`SourceHold::SupervisorFreeze`] come through here; the owner's pause is the registry's
	/// own call. A retired source takes no hold.
	fn hold(source: SourceId, hold: SourceHold) -> DispatchResult;
	/// Lifts `hold` from `source`, leaving its other holds and its status as they are.
	fn lift(source: SourceId, hold: SourceHold) -> DispatchResult;
	/// Refuses a source waiting for approval: its entry goes and its owner's deposit is
	/// released. Only a [`SourceStatus::PendingApproval`] source can be rejected (it has no
	/// records).
	fn reject(source: SourceId) -> DispatchResult;
	/// Registers a source owned by `owner` that waits for approval, for benchmarks of the
	/// pallets that approve and reject sources (funds `owner` as needed).
	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &AccountId) -> SourceId;
}
