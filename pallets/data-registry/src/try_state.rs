//! Invariants between the registry's storage items, checked by `try-runtime` and after every
//! unit test.

use crate::types::AnchorKey;
use crate::{
	pallet::{
		Config, HoldReason, NextSourceId, Pallet, ProgressOf, Records, RecordsByHash, Sources,
		SupersededBy,
	},
	types::BalanceOf,
};
use dmchain_primitives::RecordId;
use frame_support::ensure;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that the indexes agree with the records:
	/// - every source id is below `NextSourceId`, and progress exists only for sources;
	/// - a source's records sit at positions `0..record_count`, their sequence numbers strictly
	///   increase and the last one is `last_sequence`; chain time does not decrease; the latest
	///   record's device and chain time are the progress's; the anomaly counters are consistent;
	/// - every record is in `RecordsByHash` under its digest, and that index holds nothing else;
	/// - `SupersededBy` is exactly the inverse of the records' `replaces` links;
	/// - each owner has exactly its sources' deposits on hold.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextSourceId::<T>::get();
		let mut total_records: u64 = 0;
		let mut total_links: u64 = 0;
		for (source, _) in Sources::<T>::iter() {
			ensure!(source < next, "a source id is not below NextSourceId");
			let progress = ProgressOf::<T>::get(source);
			let mut last_sequence = None;
			let mut last_time = 0;
			for index in 0..progress.record_count {
				let record = Records::<T>::get(source, index)
					.ok_or("a position below record_count has no record")?;
				if let Some(last) = last_sequence {
					ensure!(record.sequence > last, "sequence numbers do not strictly increase");
				}
				ensure!(record.chain_time >= last_time, "chain time decreases within a source");
				last_sequence = Some(record.sequence);
				last_time = record.chain_time;
				let id = RecordId { source, index };
				let block: u32 = record.block.unique_saturated_into();
				ensure!(
					RecordsByHash::<T>::contains_key(
						record.content.digest,
						AnchorKey::new(block, id)
					),
					"a record is missing from RecordsByHash"
				);
				if let Some(previous) = record.replaces {
					ensure!(previous < index, "a record replaces a later one");
					ensure!(
						SupersededBy::<T>::get(RecordId { source, index: previous }) == Some(index),
						"SupersededBy does not point back to the new version"
					);
					total_links += 1;
				}
			}
			ensure!(last_sequence == progress.last_sequence, "last_sequence is stale");
			if progress.record_count > 0 {
				let latest = Records::<T>::get(source, progress.record_count - 1)
					.ok_or("the latest record is missing")?;
				ensure!(
					latest.device_time == progress.last_device_time
						&& latest.chain_time == progress.last_chain_time,
					"last_device_time or last_chain_time is not the latest record's"
				);
			}
			ensure!(
				progress
					.anomalies
					.last_anomalous_record
					.is_none_or(|index| index < progress.record_count),
				"last_anomalous_record names no record"
			);
			ensure!(
				u64::from(progress.anomalies.sequence_gaps) <= progress.anomalies.missing_sequences,
				"fewer skipped sequence numbers than gaps"
			);
			ensure!(
				Records::<T>::iter_key_prefix(source).count() as u64 == progress.record_count,
				"a source has records beyond record_count"
			);
			total_records += progress.record_count;
		}
		ensure!(
			ProgressOf::<T>::iter_keys().all(Sources::<T>::contains_key),
			"progress kept for an unknown source"
		);
		// Every deposit is held, and nothing more: what each owner has on hold for sources is
		// the sum of their sources' deposits (a withdrawn or rejected source released its own).
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (_, info) in Sources::<T>::iter() {
			let total = deposits.entry(info.owner).or_default();
			*total = total.saturating_add(info.deposit);
		}
		for (owner, total) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::SourceDeposit.into(), &owner) == total,
				"an owner's held source deposit differs from its sources' deposits"
			);
		}
		ensure!(
			RecordsByHash::<T>::iter_keys().count() as u64 == total_records,
			"RecordsByHash holds entries for no record"
		);
		ensure!(
			SupersededBy::<T>::iter_keys().count() as u64 == total_links,
			"SupersededBy holds links no record made"
		);
		Ok(())
	}
}
