//! Data sources: registration, life cycle and the [`SourceControl`] seam (D3.7 REP-1).

use crate::{
	pallet::{
		Config, Error, Event, HoldReason, NextSourceId, Pallet, Records, SourceStates, Sources,
		Versions,
	},
	types::{BalanceOf, SourceInfo, SourceMetadataOf, SourceProgress, SourceState},
};
use dmchain_primitives::{
	ContentHash, CurrentParameters, DataFormats, FormatId, FormatUnusable, Millis, RecordFacts,
	RecordId, RecordRegistry, SourceAdmission, SourceControl, SourceHold, SourceHolds, SourceId,
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
		let terms = T::Formats::bind_source(format).map_err(|why| match why {
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
				retention: T::Parameters::current().default_retention,
				metadata,
				expected_interval,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		SourceStates::<T>::insert(
			id,
			SourceState {
				device: device.clone(),
				format,
				terms,
				status,
				holds: SourceHolds::default(),
				progress: SourceProgress {
					last_chain_time: Self::chain_time(),
					..Default::default()
				},
			},
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
		Self::ensure_owner(who, source)?;
		match action {
			OwnerAction::Pause => Self::set_hold(source, SourceHold::OwnerPause, true),
			OwnerAction::Resume => Self::set_hold(source, SourceHold::OwnerPause, false),
			OwnerAction::Retire => {
				let state = SourceStates::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
				match state.status {
					SourceStatus::Retired => Err(Error::<T>::SourceRetired.into()),
					_ if state.holds.supervisor_freeze => Err(Error::<T>::SourceFrozen.into()),
					SourceStatus::PendingApproval => {
						let deposit = Self::remove_unapproved(source, state.format)?;
						Self::deposit_event(Event::SourceWithdrawn {
							source,
							owner: who.clone(),
							deposit,
						});
						Ok(())
					},
					SourceStatus::Active => Self::transition(source, SourceStatus::Retired),
				}
			},
		}
	}

	/// Fails unless `source` exists and `who` owns it.
	fn ensure_owner(who: &T::AccountId, source: SourceId) -> DispatchResult {
		let info = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotSourceOwner);
		Ok(())
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
			let retired = SourceStates::<T>::get(source)
				.is_none_or(|state| state.status == SourceStatus::Retired);
			ensure!(!retired, Error::<T>::SourceRetired);
			info.expected_interval = interval;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::ExpectedIntervalSet { source, interval });
		Ok(())
	}

	/// Moves `source` to the life-cycle status `to` and emits [`Event::SourceStatusChanged`]:
	/// the one place a status changes. Holds stay as they are.
	fn transition(source: SourceId, to: SourceStatus) -> DispatchResult {
		SourceStates::<T>::try_mutate(source, |entry| {
			let state = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			let from = state.status;
			state.status = to;
			Self::deposit_event(Event::SourceStatusChanged { source, from, to });
			Ok(())
		})
	}

	/// Puts `hold` on `source` (`on`) or lifts it, and emits [`Event::SourceHeld`] or
	/// [`Event::SourceHoldLifted`]: the one place a hold changes. Each hold has its own errors,
	/// so a refusal says which authority's hold it was about; a retired source takes no hold
	/// (but a hold on it can still be lifted).
	fn set_hold(source: SourceId, hold: SourceHold, on: bool) -> DispatchResult {
		SourceStates::<T>::try_mutate(source, |entry| {
			let state = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			if on {
				ensure!(state.status != SourceStatus::Retired, Error::<T>::SourceRetired);
				ensure!(!state.holds.has(hold), already_held::<T>(hold));
			} else {
				ensure!(state.holds.has(hold), not_held::<T>(hold));
			}
			state.holds.set(hold, on);
			Self::deposit_event(if on {
				Event::SourceHeld { source, hold }
			} else {
				Event::SourceHoldLifted { source, hold }
			});
			Ok(())
		})
	}

	/// Removes a source that never was approved (so it has no records and no index refers to
	/// it), lets go of its format and releases its owner's deposit; returns the deposit. The
	/// caller emits the event.
	fn remove_unapproved(
		source: SourceId,
		format: FormatId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let info = Sources::<T>::take(source).ok_or(Error::<T>::SourceNotFound)?;
		SourceStates::<T>::remove(source);
		T::Formats::unbind_source(format);
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

	/// The format of `source` if it is waiting for approval; fails if there is no such source
	/// or it is not waiting.
	fn pending_format(source: SourceId) -> Result<FormatId, DispatchError> {
		let state = SourceStates::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(
			state.status == SourceStatus::PendingApproval,
			Error::<T>::SourceNotPendingApproval
		);
		Ok(state.format)
	}
}

impl<T: Config> SourceControl<T::AccountId> for Pallet<T> {
	fn owner_of(source: SourceId) -> Option<T::AccountId> {
		Sources::<T>::get(source).map(|info| info.owner)
	}

	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)> {
		SourceStates::<T>::get(source).map(|state| (state.status, state.holds))
	}

	fn approve(source: SourceId) -> DispatchResult {
		SourceStates::<T>::try_mutate(source, |entry| {
			let state = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			ensure!(
				state.status == SourceStatus::PendingApproval,
				Error::<T>::SourceNotPendingApproval
			);
			state.status = SourceStatus::Active;
			// A source waiting for approval cannot report: its silence counts from its approval.
			state.progress.last_chain_time = Self::chain_time();
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::SourceStatusChanged {
			source,
			from: SourceStatus::PendingApproval,
			to: SourceStatus::Active,
		});
		Ok(())
	}

	fn hold(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, true)
	}

	fn lift(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, false)
	}

	fn reject(source: SourceId) -> DispatchResult {
		let format = Self::pending_format(source)?;
		let owner = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?.owner;
		Self::remove_unapproved(source, format)?;
		Self::deposit_event(Event::SourceRejected { source, owner });
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &T::AccountId) -> SourceId {
		use frame_support::traits::fungible::Mutate;
		use sp_runtime::traits::Bounded;
		T::Currency::set_balance(owner, BalanceOf::<T>::max_value() / 4u32.into());
		let (format, _) = T::Formats::format_for_benchmark(
			dmchain_primitives::HashAlgorithm::Blake2b256,
			alloc::vec::Vec::new(),
			0,
		);
		let id = Self::do_register_source(
			owner.clone(),
			owner.clone(),
			format,
			Default::default(),
			None,
		)
		.expect("a funded owner registers a source");
		SourceStates::<T>::mutate(id, |entry| {
			if let Some(state) = entry {
				state.status = SourceStatus::PendingApproval;
			}
		});
		id
	}
}

impl<T: Config> RecordRegistry<BlockNumberFor<T>> for Pallet<T> {
	fn record_facts(id: RecordId) -> Option<RecordFacts<BlockNumberFor<T>>> {
		let record = Records::<T>::get(id)?;
		let algorithm = SourceStates::<T>::get(id.source)?.terms.hash_algorithm;
		Some(RecordFacts {
			content: ContentHash { algorithm, digest: record.digest },
			block: record.block.into(),
			superseded_by: Versions::<T>::get(id).and_then(|links| links.superseded_by),
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
