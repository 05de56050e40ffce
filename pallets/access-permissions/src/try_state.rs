//! Invariants between the access pallet's storage items, checked by `try-runtime` and after
//! every unit test.

use crate::{
	pallet::{
		Config, DatasetKeyEpochs, DatasetReceiptRange, DatasetReceipts, Datasets, EncryptionKeys,
		GrantExpiries, Grants, HoldReason, NextDatasetId, NextReceiptId, OldestReceipt, Owners,
		Pallet, Receipts, Requests, UserReceiptRange, UserReceipts, WrappedKeys,
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
	/// - key epochs exist only for existing datasets; every wrapped key belongs to an existing
	///   dataset and an epoch it has reached, and each dataset's `wrapped` count matches;
	/// - receipts `OldestReceipt..NextReceiptId` all exist, in block order, and no other; each
	///   dataset's and grantee's index is a run `first..next` of positions naming its receipts
	///   in id order, no run is empty, and the runs hold every receipt once;
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

		let mut wrapped: BTreeMap<u32, u32> = BTreeMap::new();
		for ((id, epoch), _, entry) in WrappedKeys::<T>::iter() {
			ensure!(Datasets::<T>::contains_key(id), "a wrapped key's dataset is missing");
			ensure!(
				epoch <= DatasetKeyEpochs::<T>::get(id).epoch,
				"a wrapped key's epoch is ahead of its dataset"
			);
			*wrapped.entry(id).or_default() += 1;
			add(4, &entry.depositor, entry.deposit);
		}
		for (id, state) in DatasetKeyEpochs::<T>::iter() {
			ensure!(Datasets::<T>::contains_key(id), "key epochs of a missing dataset");
			ensure!(
				wrapped.get(&id).copied().unwrap_or(0) == state.wrapped,
				"wrapped keys count is wrong"
			);
		}
		ensure!(
			wrapped.keys().all(|id| DatasetKeyEpochs::<T>::contains_key(id)),
			"wrapped keys of a dataset with no key epochs"
		);

		let (oldest, next_receipt) = (OldestReceipt::<T>::get(), NextReceiptId::<T>::get());
		ensure!(oldest <= next_receipt, "OldestReceipt is past NextReceiptId");
		let mut last_block = None;
		for id in oldest..next_receipt {
			let receipt = Receipts::<T>::get(id).ok_or("a kept receipt is missing")?;
			ensure!(last_block.is_none_or(|b| b <= receipt.at), "receipts are not in block order");
			last_block = Some(receipt.at);
			add(5, &receipt.served_by, receipt.deposit);
		}
		let receipts = next_receipt - oldest;
		ensure!(Receipts::<T>::iter_keys().count() as u64 == receipts, "stray receipt");
		let mut in_datasets = 0u64;
		for (id, range) in DatasetReceiptRange::<T>::iter() {
			ensure!(!range.is_empty(), "an empty dataset receipt range is stored");
			let mut last = None;
			for pos in range.first..range.next {
				let receipt = DatasetReceipts::<T>::get(id, pos).ok_or("a dataset index gap")?;
				let r = Receipts::<T>::get(receipt).ok_or("a dataset index names no receipt")?;
				ensure!(r.target.dataset() == id, "a dataset index names another's receipt");
				ensure!(last.is_none_or(|l| l < receipt), "a dataset index is out of order");
				last = Some(receipt);
			}
			in_datasets += range.len();
		}
		ensure!(in_datasets == receipts, "dataset indexes do not hold every receipt once");
		ensure!(
			DatasetReceipts::<T>::iter_keys().count() as u64 == receipts,
			"stray dataset index entry"
		);
		let mut in_users = 0u64;
		for (who, range) in UserReceiptRange::<T>::iter() {
			ensure!(!range.is_empty(), "an empty user receipt range is stored");
			let mut last = None;
			for pos in range.first..range.next {
				let receipt = UserReceipts::<T>::get(&who, pos).ok_or("a user index gap")?;
				let r = Receipts::<T>::get(receipt).ok_or("a user index names no receipt")?;
				ensure!(r.grantee == who, "a user index names another's receipt");
				ensure!(last.is_none_or(|l| l < receipt), "a user index is out of order");
				last = Some(receipt);
			}
			in_users += range.len();
		}
		ensure!(in_users == receipts, "user indexes do not hold every receipt once");
		ensure!(
			UserReceipts::<T>::iter_keys().count() as u64 == receipts,
			"stray user index entry"
		);

		for ((reason, who), amount) in holds {
			let reason = match reason {
				0 => HoldReason::DatasetDeposit,
				1 => HoldReason::RequestDeposit,
				2 => HoldReason::GrantDeposit,
				3 => HoldReason::KeyDeposit,
				4 => HoldReason::WrappedKeyDeposit,
				_ => HoldReason::ReceiptDeposit,
			};
			ensure!(
				T::Currency::balance_on_hold(&reason.into(), &who) == amount,
				"a held deposit does not match the entries"
			);
		}
		Ok(())
	}
}
