//! Data sources: registration, life cycle and the [`SourceControl`] seam (D3.7 REP-1).

use crate::{
	pallet::{
		Config, Error, Event, HoldReason, NextSourceId, Pallet, ProgressOf, Records, Sources,
		SupersededBy,
	},
	types::{BalanceOf, SourceInfo, SourceInfoOf, SourceMetadataOf, SourceProgress},
};
use dmchain_primitives::{
	CurrentParameters, DataFormats, FormatId, FormatUnusable, Millis, RecordFacts, RecordId,
	RecordRegistry, SourceAdmission, SourceControl, SourceHold, SourceHolds, SourceId,
	SourceStatus, EXPECTED_INTERVAL_MAX,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The deposit held for a source entry with a description of `bytes` bytes.
	pub fn source_deposit(bytes: u32) -> BalanceOf<T> {
		T::SourceDepositPerByte::get()
			.saturating_mul(bytes.into())
			.saturating_add(T::SourceDepositBase::get())
	}

	/// Registers a source for `owner`; returns its id.
	pub(crate) fn do_register_source(
		owner: T::AccountId,
		device: T::AccountId,
		format: FormatId,
		metadata: SourceMetadataOf<T>,
		expected_interval: Option<Millis>,
	) -> Result<SourceId, DispatchError> {
		check_interval::<T>(expected_interval)?;
		T::Formats::bind_source(format).map_err(|why| match why {
			FormatUnusable::NotFound => Error::<T>::FormatNotFound,
			FormatUnusable::Deprecated => Error::<T>::FormatDeprecated,
		})?;
		let id = NextSourceId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::SourceIdsExhausted)?;

		let deposit = Self::source_deposit(metadata.len() as u32);
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::SourceDeposit.into(), &owner, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
		}
		let status = match T::SourceAdmission::initial_status(&owner) {
			SourceStatus::PendingApproval => SourceStatus::PendingApproval,
			_ => SourceStatus::Active,
		};
		Sources::<T>::insert(
			id,
			SourceInfo {
				owner: owner.clone(),
				device: device.clone(),
				format,
				retention: T::Parameters::current().default_retention,
				metadata,
				status,
				holds: SourceHolds::default(),
				expected_interval,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		ProgressOf::<T>::insert(
			id,
			SourceProgress { last_chain_time: Self::chain_time(), ..Default::default() },
		);
		NextSourceId::<T>::put(next);
		Self::deposit_event(Event::SourceRegistered { source: id, owner, device, status, deposit });
		Ok(id)
	}

	/// Applies an owner's `action` to `source`: pause, resume or retire (a source still
	/// waiting for approval is withdrawn instead of retired).
	pub(crate) fn do_owner_action(
		who: &T::AccountId,
		source: SourceId,
		action: OwnerAction,
	) -> DispatchResult {
		let info = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotSourceOwner);
		match action {
			OwnerAction::Pause => Self::set_hold(source, SourceHold::OwnerPause, true),
			OwnerAction::Resume => Self::set_hold(source, SourceHold::OwnerPause, false),
			OwnerAction::Retire => match info.status {
				SourceStatus::Retired => Err(Error::<T>::SourceRetired.into()),
				_ if info.holds.supervisor_freeze => Err(Error::<T>::SourceFrozen.into()),
				SourceStatus::PendingApproval => {
					let owner = info.owner.clone();
					let deposit = Self::remove_unapproved(source, info)?;
					Self::deposit_event(Event::SourceWithdrawn { source, owner, deposit });
					Ok(())
				},
				SourceStatus::Active => Self::transition(source, SourceStatus::Retired),
			},
		}
	}

	/// Sets the expected reporting interval of `source` for its owner `who` (MON-3).
	pub(crate) fn do_set_expected_interval(
		who: &T::AccountId,
		source: SourceId,
		interval: Option<Millis>,
	) -> DispatchResult {
		check_interval::<T>(interval)?;
		Sources::<T>::try_mutate(source, |entry| {
			let info = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			ensure!(&info.owner == who, Error::<T>::NotSourceOwner);
			ensure!(info.status != SourceStatus::Retired, Error::<T>::SourceRetired);
			info.expected_interval = interval;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::ExpectedIntervalSet { source, interval });
		Ok(())
	}

	/// Moves `source` to the life-cycle status `to` and emits [`Event::SourceStatusChanged`]:
	/// the one place a status changes. Holds stay as they are.
	fn transition(source: SourceId, to: SourceStatus) -> DispatchResult {
		Sources::<T>::try_mutate(source, |entry| {
			let info = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			let from = info.status;
			info.status = to;
			Self::deposit_event(Event::SourceStatusChanged { source, from, to });
			Ok(())
		})
	}

	/// Puts `hold` on `source` (`on`) or lifts it, and emits [`Event::SourceHeld`] or
	/// [`Event::SourceHoldLifted`]: the one place a hold changes. Each hold has its own errors,
	/// so a refusal says which authority's hold it was about; a retired source takes no hold
	/// (but a hold on it can still be lifted).
	fn set_hold(source: SourceId, hold: SourceHold, on: bool) -> DispatchResult {
		Sources::<T>::try_mutate(source, |entry| {
			let info = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			if on {
				ensure!(info.status != SourceStatus::Retired, Error::<T>::SourceRetired);
				ensure!(!info.holds.has(hold), already_held::<T>(hold));
			} else {
				ensure!(info.holds.has(hold), not_held::<T>(hold));
			}
			info.holds.set(hold, on);
			Self::deposit_event(if on {
				Event::SourceHeld { source, hold }
			} else {
				Event::SourceHoldLifted { source, hold }
			});
			Ok(())
		})
	}

	/// Removes a source that never was approved (so it has no records and no index refers to
	/// it) and releases its owner's deposit; returns the deposit. The caller emits the event.
	fn remove_unapproved(
		source: SourceId,
		info: SourceInfoOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		Sources::<T>::remove(source);
		ProgressOf::<T>::remove(source);
		T::Formats::unbind_source(info.format);
		if !info.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::SourceDeposit.into(),
				&info.owner,
				info.deposit,
				Precision::BestEffort,
			)?;
		}
		Ok(info.deposit)
	}
}

impl<T: Config> SourceControl<T::AccountId> for Pallet<T> {
	fn owner_of(source: SourceId) -> Option<T::AccountId> {
		Sources::<T>::get(source).map(|info| info.owner)
	}

	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)> {
		Sources::<T>::get(source).map(|info| (info.status, info.holds))
	}

	fn approve(source: SourceId) -> DispatchResult {
		let info = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(info.status == SourceStatus::PendingApproval, Error::<T>::SourceNotPendingApproval);
		// A source waiting for approval cannot report: its silence counts from its approval.
		ProgressOf::<T>::mutate(source, |progress| progress.last_chain_time = Self::chain_time());
		Self::transition(source, SourceStatus::Active)
	}

	fn hold(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, true)
	}

	fn lift(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, false)
	}

	fn reject(source: SourceId) -> DispatchResult {
		let info = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(info.status == SourceStatus::PendingApproval, Error::<T>::SourceNotPendingApproval);
		let owner = info.owner.clone();
		Self::remove_unapproved(source, info)?;
		Self::deposit_event(Event::SourceRejected { source, owner });
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &T::AccountId) -> SourceId {
		use frame_support::traits::fungible::Mutate;
		use sp_runtime::traits::Bounded;
		T::Currency::set_balance(owner, BalanceOf::<T>::max_value() / 4u32.into());
		let format = T::Formats::format_for_benchmark(
			dmchain_primitives::HashAlgorithm::Blake2b256,
			alloc::vec::Vec::new(),
		);
		let id = Self::do_register_source(
			owner.clone(),
			owner.clone(),
			format,
			Default::default(),
			None,
		)
		.expect("a funded owner registers a source");
		Sources::<T>::mutate(id, |entry| {
			if let Some(info) = entry {
				info.status = SourceStatus::PendingApproval;
			}
		});
		id
	}
}

impl<T: Config> RecordRegistry<BlockNumberFor<T>> for Pallet<T> {
	fn record_facts(id: RecordId) -> Option<RecordFacts<BlockNumberFor<T>>> {
		Records::<T>::get(id.source, id.index).map(|record| RecordFacts {
			content: record.content,
			block: record.block,
			superseded_by: SupersededBy::<T>::get(id),
		})
	}
}

/// An expected reporting interval is above 0 and at most [`EXPECTED_INTERVAL_MAX`], or absent.
fn check_interval<T: Config>(interval: Option<Millis>) -> Result<(), Error<T>> {
	match interval {
		Some(ms) if ms == 0 || ms > EXPECTED_INTERVAL_MAX => {
			Err(Error::<T>::InvalidExpectedInterval)
		},
		_ => Ok(()),
	}
}

/// What a source's owner may do to it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum OwnerAction {
	/// Puts the owner's pause on ([`SourceHold::OwnerPause`]).
	Pause,
	/// Lifts the owner's pause; other holds stay.
	Resume,
	/// Retires an approved source for good, or withdraws one still waiting for approval.
	Retire,
}

/// The error a hold that is already on gets when it is put on again.
fn already_held<T: Config>(hold: SourceHold) -> Error<T> {
	match hold {
		SourceHold::OwnerPause => Error::<T>::SourceAlreadySuspended,
		SourceHold::OperatorSuspension => Error::<T>::SourceAlreadySuspendedByOperator,
		SourceHold::SupervisorFreeze => Error::<T>::SourceAlreadyFrozen,
	}
}

/// The error lifting a hold that is not on gets.
fn not_held<T: Config>(hold: SourceHold) -> Error<T> {
	match hold {
		SourceHold::OwnerPause => Error::<T>::SourceNotSuspended,
		SourceHold::OperatorSuspension => Error::<T>::SourceNotSuspendedByOperator,
		SourceHold::SupervisorFreeze => Error::<T>::SourceNotFrozen,
	}
}

/// The error a submission gets from a source in `status` with `holds`, or `None` if it may
/// submit. The life cycle comes first, then the hold of the highest authority.
pub(crate) fn submission_blocker<T: Config>(
	status: SourceStatus,
	holds: SourceHolds,
) -> Option<Error<T>> {
	match status {
		SourceStatus::PendingApproval => return Some(Error::<T>::SourcePendingApproval),
		SourceStatus::Retired => return Some(Error::<T>::SourceRetired),
		SourceStatus::Active => {},
	}
	holds.strongest().map(|hold| match hold {
		SourceHold::SupervisorFreeze => Error::<T>::SourceFrozen,
		SourceHold::OperatorSuspension => Error::<T>::SourceSuspendedByOperator,
		SourceHold::OwnerPause => Error::<T>::SourceSuspended,
	})
}
