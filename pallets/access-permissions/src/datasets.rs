//! Datasets: the data directory, its owners and lineage, and the operators' visibility rules
//! (D3.7 GOV-1, APP-2, CTL-3).

use crate::{
	pallet::{
		Config, DatasetKeyEpochs, Datasets, Error, Event, FormatVisibilities, HoldReason,
		NextDatasetId, Owners, Pallet,
	},
	types::{
		BalanceOf, Dataset, DatasetOf, DescriptionOf, OwnerEntry, ParentsOf, PurposeOf, SourcesOf,
		TitleOf,
	},
};
use codec::{Encode, MaxEncodedLen};
use dmchain_primitives::{
	DataFormats, DatasetId, FormatId, Roles, SourceControl, SourceId, Visibilities, Visibility,
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
	/// The deposit for an item of `bytes` bytes: `DepositBase + DepositPerByte × bytes`.
	pub fn deposit_for(bytes: usize) -> BalanceOf<T> {
		let bytes = u32::try_from(bytes).unwrap_or(u32::MAX);
		T::DepositPerByte::get().saturating_mul(bytes.into()).saturating_add(T::DepositBase::get())
	}

	/// The deposit for `dataset` with `owners` entries in its owner history.
	pub fn dataset_deposit(dataset: &DatasetOf<T>, owners: u32) -> BalanceOf<T> {
		let history = OwnerEntry::<T::AccountId, BlockNumberFor<T>>::max_encoded_len()
			.saturating_mul(owners as usize);
		Self::deposit_for(dataset.encoded_size().saturating_add(history))
	}

	/// Whether `who` may own a dataset grouping `sources`: an approved data user, or the owner
	/// of every one of them.
	pub fn may_own(who: &T::AccountId, sources: &[SourceId]) -> bool {
		T::Roles::is_approved_data_user(who)
			|| (!sources.is_empty()
				&& sources.iter().all(|s| T::Sources::owner_of(*s).as_ref() == Some(who)))
	}

	/// The dataset `id`, if `who` owns it.
	pub(crate) fn owned(who: &T::AccountId, id: DatasetId) -> Result<DatasetOf<T>, Error<T>> {
		let dataset = Datasets::<T>::get(id).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(&dataset.owner == who, Error::<T>::NotOwner);
		Ok(dataset)
	}

	/// The visibilities format `format` allows.
	pub fn allowed_visibilities(format: FormatId) -> Visibilities {
		FormatVisibilities::<T>::get(format).unwrap_or(Visibilities::ALL)
	}

	pub(crate) fn do_create_dataset(
		who: T::AccountId,
		title: TitleOf<T>,
		description: DescriptionOf<T>,
		format: FormatId,
		visibility: Visibility,
		sources: SourcesOf<T>,
		derived_from: ParentsOf<T>,
	) -> Result<DatasetId, DispatchError> {
		ensure!(!title.is_empty(), Error::<T>::EmptyTitle);
		check_utf8::<T>(&title)?;
		check_utf8::<T>(&description)?;
		ensure!(T::Formats::is_registered(format), Error::<T>::FormatNotFound);
		ensure!(
			Self::allowed_visibilities(format).allows(visibility),
			Error::<T>::VisibilityNotAllowed
		);
		ensure!(!sources.is_empty(), Error::<T>::NoSources);
		for (i, source) in sources.iter().enumerate() {
			ensure!(T::Sources::status_of(*source).is_some(), Error::<T>::SourceNotFound);
			ensure!(!sources[..i].contains(source), Error::<T>::DuplicateSource);
		}
		for (i, parent) in derived_from.iter().enumerate() {
			ensure!(Datasets::<T>::contains_key(parent), Error::<T>::ParentNotFound);
			ensure!(!derived_from[..i].contains(parent), Error::<T>::DuplicateParent);
		}
		ensure!(Self::may_own(&who, &sources), Error::<T>::NotEligibleOwner);

		let id = NextDatasetId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::DatasetIdsExhausted)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut dataset = Dataset {
			owner: who.clone(),
			title,
			description,
			format,
			visibility,
			sources,
			derived_from,
			created_at: now,
			owners: 1,
			derivatives: 0,
			grants: 0,
			requests: 0,
			deposit: Zero::zero(),
		};
		dataset.deposit = Self::dataset_deposit(&dataset, 1);
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), &who, dataset.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;

		for parent in dataset.derived_from.iter() {
			Datasets::<T>::mutate_extant(parent, |p| {
				p.derivatives = p.derivatives.saturating_add(1)
			});
		}
		Owners::<T>::insert(id, 0, OwnerEntry { owner: who.clone(), since: now });
		Datasets::<T>::insert(id, dataset);
		NextDatasetId::<T>::put(next);
		Self::deposit_event(Event::DatasetCreated { dataset: id, owner: who, format, visibility });
		Ok(id)
	}

	pub(crate) fn do_set_visibility(
		who: T::AccountId,
		id: DatasetId,
		visibility: Visibility,
	) -> DispatchResult {
		let mut dataset = Self::owned(&who, id)?;
		ensure!(dataset.visibility != visibility, Error::<T>::VisibilityUnchanged);
		ensure!(
			Self::allowed_visibilities(dataset.format).allows(visibility),
			Error::<T>::VisibilityNotAllowed
		);
		if visibility == Visibility::Public {
			ensure!(dataset.grants == 0, Error::<T>::HasGrants);
			ensure!(dataset.requests == 0, Error::<T>::HasRequests);
		}
		dataset.visibility = visibility;
		Datasets::<T>::insert(id, dataset);
		Self::deposit_event(Event::VisibilityChanged { dataset: id, visibility });
		Ok(())
	}

	pub(crate) fn do_transfer_dataset(
		who: T::AccountId,
		id: DatasetId,
		to: T::AccountId,
	) -> DispatchResult {
		let mut dataset = Self::owned(&who, id)?;
		ensure!(who != to, Error::<T>::AlreadyOwner);
		ensure!(Self::may_own(&to, &dataset.sources), Error::<T>::NotEligibleOwner);
		ensure!(dataset.owners < T::MaxOwners::get(), Error::<T>::TooManyOwners);

		let owners = dataset.owners.saturating_add(1);
		let old_deposit = dataset.deposit;
		dataset.owner = to.clone();
		dataset.owners = owners;
		dataset.deposit = Self::dataset_deposit(&dataset, owners);
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), &to, dataset.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			&who,
			old_deposit,
			Precision::BestEffort,
		)?;
		let now = frame_system::Pallet::<T>::block_number();
		Owners::<T>::insert(id, owners - 1, OwnerEntry { owner: to.clone(), since: now });
		Datasets::<T>::insert(id, dataset);
		Self::deposit_event(Event::DatasetTransferred { dataset: id, from: who, to });
		Ok(())
	}

	pub(crate) fn do_remove_dataset(who: T::AccountId, id: DatasetId) -> DispatchResult {
		let dataset = Self::owned(&who, id)?;
		ensure!(dataset.grants == 0, Error::<T>::HasGrants);
		ensure!(dataset.requests == 0, Error::<T>::HasRequests);
		ensure!(dataset.derivatives == 0, Error::<T>::HasDerivatives);
		ensure!(DatasetKeyEpochs::<T>::get(id).wrapped == 0, Error::<T>::HasWrappedKeys);
		T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			&who,
			dataset.deposit,
			Precision::BestEffort,
		)?;
		for parent in dataset.derived_from.iter() {
			Datasets::<T>::mutate_extant(parent, |p| {
				p.derivatives = p.derivatives.saturating_sub(1)
			});
		}
		// At most `MaxOwners` entries.
		let _ = Owners::<T>::clear_prefix(id, dataset.owners, None);
		Datasets::<T>::remove(id);
		DatasetKeyEpochs::<T>::remove(id);
		Self::deposit_event(Event::DatasetRemoved { dataset: id, owner: who });
		Ok(())
	}

	pub(crate) fn do_set_format_visibilities(
		who: T::AccountId,
		format: FormatId,
		allowed: Visibilities,
	) -> DispatchResult {
		ensure!(T::Roles::is_operator(&who), Error::<T>::NotOperator);
		ensure!(T::Formats::is_registered(format), Error::<T>::FormatNotFound);
		if allowed == Visibilities::ALL {
			FormatVisibilities::<T>::remove(format);
		} else {
			FormatVisibilities::<T>::insert(format, allowed);
		}
		Self::deposit_event(Event::FormatVisibilitiesSet { format, allowed, by: who });
		Ok(())
	}
}

/// Refuses text that is not UTF-8.
pub(crate) fn check_utf8<T: Config>(text: &[u8]) -> Result<(), Error<T>> {
	ensure!(core::str::from_utf8(text).is_ok(), Error::<T>::InvalidUtf8);
	Ok(())
}

/// Refuses an empty or non-UTF-8 purpose or reason.
pub(crate) fn check_purpose<T: Config>(text: &PurposeOf<T>) -> Result<(), Error<T>> {
	ensure!(!text.is_empty(), Error::<T>::EmptyPurpose);
	check_utf8::<T>(text)
}
