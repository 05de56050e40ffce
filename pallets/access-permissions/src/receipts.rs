//! Access receipts (D3.7 MON-2): whoever serves data records that it served it, and to whom.
//!
//! A receipt names the grantee, the dataset (and record), the scope, the hash of the bytes
//! delivered, who recorded it, and the block and chain time. It is refused unless the grantee
//! may do that scope on that data at that block ([`Pallet::access`]). Receipts are numbered in
//! the order they are recorded and indexed per dataset and per grantee; after
//! `ReceiptRetention` blocks anyone may prune them, oldest first, which returns their deposits.
//! Because pruning always takes the oldest receipt, it is the first entry of both its indexes:
//! each index stays a contiguous run of positions ordered by block, which the queries search.

use crate::{
	pallet::{
		Config, DatasetReceiptRange, DatasetReceipts, Datasets, Error, Event, HoldReason,
		NextReceiptId, OldestReceipt, Pallet, Receipts, UserReceiptRange, UserReceipts,
	},
	types::{IndexRange, Receipt, ReceiptOf},
};
use alloc::vec::Vec;
use codec::Encode;
use dmchain_primitives::{AccessDenial, AccessTarget, ReceiptPage, ReceiptView, ReceiptsOf, Scope};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Saturating, DispatchError};

/// A page of receipts as the runtime API answers it.
pub type ReceiptPageOf<T> = ReceiptPage<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// The deposit for `receipt` and its two index entries.
	pub fn receipt_deposit(receipt: &ReceiptOf<T>) -> crate::types::BalanceOf<T> {
		Self::deposit_for(receipt.encoded_size().saturating_add(2 * 8))
	}

	pub(crate) fn do_record_receipt(
		who: T::AccountId,
		target: AccessTarget,
		grantee: T::AccountId,
		scope: Scope,
		delivered: [u8; 32],
	) -> Result<u64, DispatchError> {
		let dataset = Datasets::<T>::get(target.dataset()).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(who == grantee || who == dataset.owner, Error::<T>::NotReceiptParty);
		Self::access(&grantee, scope, target).map_err(|denial| match denial {
			AccessDenial::DatasetNotFound => Error::<T>::DatasetNotFound,
			AccessDenial::RecordNotFound => Error::<T>::RecordNotFound,
			AccessDenial::RecordNotInDataset => Error::<T>::RecordNotInDataset,
			_ => Error::<T>::NoValidGrant,
		})?;
		let id = NextReceiptId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::ReceiptIdsExhausted)?;

		let moment = u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX);
		let mut receipt = Receipt {
			target,
			grantee: grantee.clone(),
			scope,
			delivered,
			served_by: who.clone(),
			at: frame_system::Pallet::<T>::block_number(),
			moment,
			deposit: Default::default(),
		};
		receipt.deposit = Self::receipt_deposit(&receipt);
		T::Currency::hold(&HoldReason::ReceiptDeposit.into(), &who, receipt.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;

		let dataset_id = target.dataset();
		DatasetReceiptRange::<T>::mutate(dataset_id, |range| {
			DatasetReceipts::<T>::insert(dataset_id, range.next, id);
			range.next = range.next.saturating_add(1);
		});
		UserReceiptRange::<T>::mutate(&grantee, |range| {
			UserReceipts::<T>::insert(&grantee, range.next, id);
			range.next = range.next.saturating_add(1);
		});
		Receipts::<T>::insert(id, receipt);
		NextReceiptId::<T>::put(next);
		Self::deposit_event(Event::ReceiptRecorded { id, target, grantee, delivered });
		Ok(id)
	}

	/// Removes up to `count` of the oldest receipts past their retention; returns how many.
	pub(crate) fn do_prune_receipts(count: u32) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let end = NextReceiptId::<T>::get();
		let mut oldest = OldestReceipt::<T>::get();
		let mut pruned = 0u32;
		while pruned < count && oldest < end {
			// `OldestReceipt..NextReceiptId` are all kept (try_state checks it).
			let Some(receipt) = Receipts::<T>::get(oldest) else { break };
			if now < receipt.at.saturating_add(T::ReceiptRetention::get()) {
				break;
			}
			T::Currency::release(
				&HoldReason::ReceiptDeposit.into(),
				&receipt.served_by,
				receipt.deposit,
				Precision::BestEffort,
			)?;
			let dataset = receipt.target.dataset();
			DatasetReceiptRange::<T>::mutate_exists(dataset, |range| {
				Self::drop_front(range, |first| DatasetReceipts::<T>::remove(dataset, first))
			});
			UserReceiptRange::<T>::mutate_exists(&receipt.grantee, |range| {
				Self::drop_front(range, |first| UserReceipts::<T>::remove(&receipt.grantee, first))
			});
			Receipts::<T>::remove(oldest);
			oldest = oldest.saturating_add(1);
			pruned += 1;
		}
		ensure!(pruned > 0, Error::<T>::NothingToPrune);
		OldestReceipt::<T>::put(oldest);
		Self::deposit_event(Event::ReceiptsPruned { count: pruned, oldest });
		Ok(pruned)
	}

	/// Removes the first entry of an index `range` (with `remove`), and the range itself once
	/// it is empty: positions start again at 0 for a dataset or grantee with no receipt left.
	fn drop_front(range: &mut Option<IndexRange>, remove: impl FnOnce(u64)) {
		if let Some(r) = range {
			if !r.is_empty() {
				remove(r.first);
				r.first = r.first.saturating_add(1);
			}
			if r.is_empty() {
				*range = None;
			}
		}
	}

	/// The receipts of a dataset or a grantee recorded in blocks `from..=to` (`to`: no upper
	/// bound), oldest first, at most `limit` (and `MaxPageSize`). `cursor` is the `next` of the
	/// page before; without it the page starts at the first receipt at or after `from`, found
	/// by binary search over the index (at most 64 steps).
	pub fn receipts_page(
		of: ReceiptsOf<T::AccountId>,
		from: BlockNumberFor<T>,
		to: Option<BlockNumberFor<T>>,
		cursor: Option<u64>,
		limit: u32,
	) -> ReceiptPageOf<T> {
		let range = match &of {
			ReceiptsOf::Dataset(id) => DatasetReceiptRange::<T>::get(id),
			ReceiptsOf::User(who) => UserReceiptRange::<T>::get(who),
		};
		let entry = |pos: u64| match &of {
			ReceiptsOf::Dataset(id) => DatasetReceipts::<T>::get(id, pos),
			ReceiptsOf::User(who) => UserReceipts::<T>::get(who, pos),
		};
		let receipt_at =
			|pos: u64| entry(pos).and_then(|id| Receipts::<T>::get(id).map(|r| (id, r)));
		let limit = limit.min(T::MaxPageSize::get()) as usize;

		let mut pos = match cursor {
			Some(cursor) => cursor.max(range.first),
			None => {
				// The first position whose receipt is at or after `from`.
				let (mut low, mut high) = (range.first, range.next);
				while low < high {
					let mid = low + (high - low) / 2;
					match receipt_at(mid) {
						Some((_, r)) if r.at < from => low = mid + 1,
						_ => high = mid,
					}
				}
				low
			},
		};
		let mut items = Vec::new();
		while pos < range.next && items.len() < limit {
			let Some((id, r)) = receipt_at(pos) else { break };
			if to.is_some_and(|to| r.at > to) {
				return ReceiptPage { items, next: None };
			}
			items.push(ReceiptView {
				id,
				target: r.target,
				grantee: r.grantee,
				scope: r.scope,
				delivered: r.delivered,
				served_by: r.served_by,
				at: r.at,
				moment: r.moment,
			});
			pos += 1;
		}
		ReceiptPage { items, next: (pos < range.next).then_some(pos) }
	}
}
