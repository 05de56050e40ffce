//! Dataset key epochs and wrapped keys (D3.7 MGMT-2, GOV-2, SEC-1).
//!
//! Records of an encrypted dataset are sealed under a key derived from the dataset key of an
//! epoch (the client's `encryption` module). The owner wraps each epoch's key for every key
//! holder's registered X25519 key and stores the wrapped keys here, where each holder finds
//! its own. When a grant that reads (scope read or derive) ends, by revocation, expiry or
//! replacement by a narrower one, the epoch moves on by itself: writers encrypt new records
//! under the next epoch's key, which the owner wraps for the remaining holders only. What was
//! wrapped for the former grantee (earlier epochs) it keeps; what is written after the rotation
//! it cannot unwrap.

use crate::{
	pallet::{
		Config, DatasetKeyEpochs, Datasets, EncryptionKeys, Error, Event, HoldReason, Pallet,
		WrappedKeys,
	},
	types::{RecipientsOf, WrappedKey, WrapsOf},
};
use alloc::collections::BTreeSet;
use codec::Encode;
use dmchain_primitives::{AccessTarget, DatasetId, Scope, SourceControl};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Moves dataset `id`'s key epoch on by one.
	pub(crate) fn rotate_epoch(id: DatasetId) -> DispatchResult {
		let epoch = DatasetKeyEpochs::<T>::try_mutate(id, |state| {
			state.epoch = state.epoch.checked_add(1).ok_or(Error::<T>::EpochsExhausted)?;
			Ok::<_, Error<T>>(state.epoch)
		})?;
		Self::deposit_event(Event::KeyEpochRotated { dataset: id, epoch });
		Ok(())
	}

	/// Moves dataset `id`'s key epoch on if a grant of scope `ended` could read and the one
	/// that follows it (if any) cannot.
	pub(crate) fn rotate_after_grant(
		id: DatasetId,
		ended: Scope,
		follows: Option<Scope>,
	) -> DispatchResult {
		let reads = |scope: Scope| scope.covers(Scope::Read);
		if reads(ended) && !follows.is_some_and(reads) {
			Self::rotate_epoch(id)?;
		}
		Ok(())
	}

	pub(crate) fn do_set_wrapped_keys(
		who: T::AccountId,
		id: DatasetId,
		epoch: u32,
		keys: WrapsOf<T>,
	) -> DispatchResult {
		let dataset = Self::owned(&who, id)?;
		ensure!(!keys.is_empty(), Error::<T>::NoRecipients);
		let mut state = DatasetKeyEpochs::<T>::get(id);
		ensure!(epoch <= state.epoch, Error::<T>::FutureEpoch);
		let mut seen = BTreeSet::new();
		ensure!(keys.iter().all(|(r, _)| seen.insert(r)), Error::<T>::DuplicateRecipient);

		// The owners of the dataset's sources, read once and only if a recipient needs them.
		let mut source_owners: Option<BTreeSet<T::AccountId>> = None;
		let now = frame_system::Pallet::<T>::block_number();
		let reason = HoldReason::WrappedKeyDeposit.into();
		for (recipient, wrapped) in keys {
			let holder = Self::access(&recipient, Scope::Read, AccessTarget::Dataset(id)).is_ok()
				|| source_owners
					.get_or_insert_with(|| {
						dataset.sources.iter().filter_map(|s| T::Sources::owner_of(*s)).collect()
					})
					.contains(&recipient);
			ensure!(holder, Error::<T>::NotKeyHolder);
			ensure!(EncryptionKeys::<T>::contains_key(&recipient), Error::<T>::KeyNotFound);

			// A key wrapped before is replaced in place: its payer and deposit stay (the entry
			// has a fixed size), so only new entries hold a deposit, always from the caller.
			let entry = match WrappedKeys::<T>::get((id, epoch), &recipient) {
				Some(old) => WrappedKey { wrapped, stored_at: now, ..old },
				None => {
					let mut entry = WrappedKey {
						wrapped,
						stored_at: now,
						depositor: who.clone(),
						deposit: Default::default(),
					};
					entry.deposit = Self::deposit_for(entry.encoded_size());
					T::Currency::hold(&reason, &who, entry.deposit)
						.map_err(|_| Error::<T>::InsufficientDeposit)?;
					state.wrapped = state.wrapped.saturating_add(1);
					entry
				},
			};
			WrappedKeys::<T>::insert((id, epoch), &recipient, entry);
			Self::deposit_event(Event::DatasetKeyWrapped { dataset: id, epoch, recipient });
		}
		DatasetKeyEpochs::<T>::insert(id, state);
		Ok(())
	}

	pub(crate) fn do_remove_wrapped_keys(
		who: T::AccountId,
		id: DatasetId,
		epoch: u32,
		recipients: RecipientsOf<T>,
	) -> DispatchResult {
		let dataset = Datasets::<T>::get(id).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(!recipients.is_empty(), Error::<T>::NoRecipients);
		let mut seen = BTreeSet::new();
		ensure!(recipients.iter().all(|r| seen.insert(r)), Error::<T>::DuplicateRecipient);
		let mut state = DatasetKeyEpochs::<T>::get(id);
		for recipient in recipients {
			let entry = WrappedKeys::<T>::take((id, epoch), &recipient)
				.ok_or(Error::<T>::WrappedKeyNotFound)?;
			ensure!(
				who == dataset.owner || who == entry.depositor,
				Error::<T>::NotOwnerOrDepositor
			);
			T::Currency::release(
				&HoldReason::WrappedKeyDeposit.into(),
				&entry.depositor,
				entry.deposit,
				Precision::BestEffort,
			)?;
			state.wrapped = state.wrapped.saturating_sub(1);
			Self::deposit_event(Event::WrappedKeyRemoved { dataset: id, epoch, recipient });
		}
		DatasetKeyEpochs::<T>::insert(id, state);
		Ok(())
	}
}
