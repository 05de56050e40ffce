//! Invariants between the access pallet's storage items, checked by `try-runtime` and after
//! every unit test.

use crate::{
	pallet::{
		Config, Datasets, EncryptionKeys, GrantExpiries, Grants, HoldReason, NextDatasetId, Owners,
		Pallet, Requests,
	},
	types::{BalanceOf, ExpiryKey},
};
use alloc::collections::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks that the counters, indexes and deposits agree with the entries:
	/// - every dataset id is below `NextDatasetId`; its owner history sits at `0..owners`, the
	///   last entry its owner; its parents have lower ids and exist; its `derivatives`,
	///   `grants` and `requests` counts match the datasets, grants and requests there are; its
	///   deposit is what [`Pallet::dataset_deposit`] says;
	/// - every grant and request belongs to an existing dataset; every grant is in the expiry
	///   queue under its expiry block, and the queue holds nothing else;
	/// - what each account has on hold for each reason is the sum of the deposits it paid.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextDatasetId::<T>::get();
		let mut holds: BTreeMap<(u8, T::AccountId), BalanceOf<T>> = BTreeMap::new();
		let mut add = |reason: u8, who: &T::AccountId, amount: BalanceOf<T>| {
			let entry = holds.entry((reason, who.clone())).or_default();
			*entry = entry.saturating_add(amount);
		};

		let mut owner_entries = 0u32;
		for (id, d) in Datasets::<T>::iter() {
			ensure!(id < next, "a dataset id is not below NextDatasetId");
			ensure!(d.owners >= 1, "a dataset has no owner history");
			for i in 0..d.owners {
				ensure!(Owners::<T>::contains_key(id, i), "an owner history entry is missing");
			}
			let last = Owners::<T>::get(id, d.owners - 1).ok_or("owner history is missing")?;
			ensure!(last.owner == d.owner, "the last history entry is not the owner");
			owner_entries += d.owners;
			for parent in d.derived_from.iter() {
				ensure!(*parent < id, "a parent's id is not below its derivative's");
				ensure!(Datasets::<T>::contains_key(parent), "a dataset's parent is missing");
			}
			let derivatives =
				Datasets::<T>::iter_values().filter(|o| o.derived_from.contains(&id)).count();
			ensure!(derivatives == d.derivatives as usize, "derivatives count is wrong");
			ensure!(
				Grants::<T>::iter_prefix(id).count() == d.grants as usize,
				"grants count is wrong"
			);
			ensure!(
				Requests::<T>::iter_prefix(id).count() == d.requests as usize,
				"requests count is wrong"
			);
			ensure!(d.deposit == Self::dataset_deposit(&d, d.owners), "dataset deposit is wrong");
			add(0, &d.owner, d.deposit);
		}
		ensure!(Owners::<T>::iter_keys().count() == owner_entries as usize, "stray owner entry");

		for (id, user, request) in Requests::<T>::iter() {
			ensure!(Datasets::<T>::contains_key(id), "a request's dataset is missing");
			add(1, &user, request.deposit);
		}
		let mut grants = 0usize;
		for (id, user, grant) in Grants::<T>::iter() {
			ensure!(Datasets::<T>::contains_key(id), "a grant's dataset is missing");
			let key = ExpiryKey::new(grant.expires_at.unique_saturated_into());
			ensure!(
				GrantExpiries::<T>::contains_key(key, (id, user)),
				"a grant is missing from the expiry queue"
			);
			add(2, &grant.depositor, grant.deposit);
			grants += 1;
		}
		ensure!(GrantExpiries::<T>::iter_keys().count() == grants, "stray expiry queue entry");
		for (who, key) in EncryptionKeys::<T>::iter() {
			add(3, &who, key.deposit);
		}

		for ((reason, who), amount) in holds {
			let reason = match reason {
				0 => HoldReason::DatasetDeposit,
				1 => HoldReason::RequestDeposit,
				2 => HoldReason::GrantDeposit,
				_ => HoldReason::KeyDeposit,
			};
			ensure!(
				T::Currency::balance_on_hold(&reason.into(), &who) == amount,
				"a held deposit does not match the entries"
			);
		}
		Ok(())
	}
}
