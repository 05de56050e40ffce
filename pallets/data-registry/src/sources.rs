//! Data sources: registration, life cycle and the [`SourceControl`] seam (D3.7 REP-1).

use crate::{
	pallet::{Config, Error, Event, HoldReason, NextSourceId, Pallet, ProgressOf, Sources},
	types::{BalanceOf, SourceInfo, SourceInfoOf, SourceMetadataOf},
};
use dmchain_primitives::{
	CurrentParameters, DataFormats, FormatId, FormatUnusable, SourceAdmission, SourceControl,
	SourceId, SourceStatus,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
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
	) -> Result<SourceId, DispatchError> {
		T::Formats::usable_for_new_source(format).map_err(|why| match why {
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
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextSourceId::<T>::put(next);
		Self::deposit_event(Event::SourceRegistered { source: id, owner, device, status, deposit });
		Ok(id)
	}

	/// Applies an owner's `action` to `source`: suspend, resume or retire.
	pub(crate) fn do_owner_action(
		who: &T::AccountId,
		source: SourceId,
		action: OwnerAction,
	) -> DispatchResult {
		Self::transition(source, |info| {
			ensure!(&info.owner == who, Error::<T>::NotSourceOwner);
			match (action, info.status) {
				(OwnerAction::Suspend, SourceStatus::Active) => Ok(SourceStatus::Suspended),
				(OwnerAction::Suspend, _) => Err(Error::<T>::SourceNotActive),
				(OwnerAction::Resume, SourceStatus::Suspended) => Ok(SourceStatus::Active),
				(OwnerAction::Resume, _) => Err(Error::<T>::SourceNotSuspended),
				(OwnerAction::Retire, SourceStatus::Frozen) => Err(Error::<T>::SourceFrozen),
				(OwnerAction::Retire, SourceStatus::Retired) => Err(Error::<T>::SourceRetired),
				(OwnerAction::Retire, _) => Ok(SourceStatus::Retired),
			}
		})
	}

	/// Moves `source` to the status `next` decides from its entry (or fails with `next`'s
	/// error), and emits [`Event::SourceStatusChanged`]: the one place a status changes.
	fn transition(
		source: SourceId,
		next: impl FnOnce(&SourceInfoOf<T>) -> Result<SourceStatus, Error<T>>,
	) -> DispatchResult {
		Sources::<T>::try_mutate(source, |entry| {
			let info = entry.as_mut().ok_or(Error::<T>::SourceNotFound)?;
			let from = info.status;
			let to = next(info)?;
			info.status = to;
			Self::deposit_event(Event::SourceStatusChanged { source, from, to });
			Ok(())
		})
	}
}

impl<T: Config> SourceControl<T::AccountId> for Pallet<T> {
	fn owner_of(source: SourceId) -> Option<T::AccountId> {
		Sources::<T>::get(source).map(|info| info.owner)
	}

	fn status_of(source: SourceId) -> Option<SourceStatus> {
		Sources::<T>::get(source).map(|info| info.status)
	}

	fn approve(source: SourceId) -> DispatchResult {
		Self::transition(source, |info| match info.status {
			SourceStatus::PendingApproval => Ok(SourceStatus::Active),
			_ => Err(Error::<T>::SourceNotPendingApproval),
		})
	}

	fn freeze(source: SourceId) -> DispatchResult {
		Self::transition(source, |info| match info.status {
			SourceStatus::Frozen => Err(Error::<T>::SourceAlreadyFrozen),
			SourceStatus::Retired => Err(Error::<T>::SourceRetired),
			_ => Ok(SourceStatus::Frozen),
		})
	}

	fn unfreeze(source: SourceId) -> DispatchResult {
		Self::transition(source, |info| match info.status {
			SourceStatus::Frozen => Ok(SourceStatus::Active),
			_ => Err(Error::<T>::SourceNotFrozen),
		})
	}

	fn reject(source: SourceId) -> DispatchResult {
		let info = Sources::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(info.status == SourceStatus::PendingApproval, Error::<T>::SourceNotPendingApproval);
		// A pending source has never submitted, so no record or index refers to it.
		Sources::<T>::remove(source);
		ProgressOf::<T>::remove(source);
		if !info.deposit.is_zero() {
			T::Currency::release(
				&HoldReason::SourceDeposit.into(),
				&info.owner,
				info.deposit,
				Precision::BestEffort,
			)?;
		}
		Self::deposit_event(Event::SourceRejected { source, owner: info.owner });
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
		let id = Self::do_register_source(owner.clone(), owner.clone(), format, Default::default())
			.expect("a funded owner registers a source");
		Sources::<T>::mutate(id, |entry| {
			if let Some(info) = entry {
				info.status = SourceStatus::PendingApproval;
			}
		});
		id
	}
}

/// What a source's owner may do to it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum OwnerAction {
	/// Active to suspended.
	Suspend,
	/// Suspended to active.
	Resume,
	/// Anything but frozen or retired to retired.
	Retire,
}

/// The error a submission gets from a source in `status`, or `None` if it may submit.
pub(crate) fn submission_blocker<T: Config>(status: SourceStatus) -> Option<Error<T>> {
	match status {
		SourceStatus::Active => None,
		SourceStatus::PendingApproval => Some(Error::<T>::SourcePendingApproval),
		SourceStatus::Suspended => Some(Error::<T>::SourceSuspended),
		SourceStatus::Frozen => Some(Error::<T>::SourceFrozen),
		SourceStatus::Retired => Some(Error::<T>::SourceRetired),
	}
}
