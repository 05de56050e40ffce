//! Invariants between the registry's storage items, checked by `try-runtime` and after every
//! unit test.

use crate::types::AnchorKey;
use crate::{
	pallet::{
		BlockTimes, Config, HoldReason, NextSourceId, Pallet, Records, RecordsByHash, SourceStates,
		Sources, Versions,
	},
	types::BalanceOf,
};
use dmchain_primitives::RecordId;
use frame_support::ensure;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::traits::Saturating;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that the indexes agree with the records:
	/// - every source id is below `NextSourceId`, and a source's state exists exactly for the
	///   sources with a description;
	/// - a source's records sit at positions `0..record_count`, their sequence numbers strictly
	///   increase and the last one is `last_sequence`; every record's block has a chain time
	///   and chain time does not decrease; the latest record's device and chain time are the
	///   progress's; the anomaly counters are consistent;
	/// - every record is in `RecordsByHash` under its digest, and that index holds nothing else;
	/// - `Versions` holds exactly the two ends of every update's link, each pointing at the
	///   other;
	/// - each owner has exactly its sources' deposits on hold.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextSourceId::<T>::get();
		let mut total_records: u64 = 0;
		let mut total_links: u64 = 0;
		for (source, _) in Sources::<T>::iter() {
			ensure!(source < next, "a source id is not below NextSourceId");
			let progress = SourceStates::<T>::get(source).ok_or("a source has no state")?.progress;
			let mut last_sequence = None;
			let mut last_time = 0;
			for index in 0..progress.record_count {
				let id = RecordId { source, index };
				let record =
					Records::<T>::get(id).ok_or("a position below record_count has no record")?;
				if let Some(last) = last_sequence {
					ensure!(record.sequence > last, "sequence numbers do not strictly increase");
				}
				let chain_time =
					BlockTimes::<T>::get(record.block).ok_or("a record's block has no time")?;
				ensure!(chain_time >= last_time, "chain time decreases within a source");
				last_sequence = Some(record.sequence);
				last_time = chain_time;
				ensure!(
					RecordsByHash::<T>::contains_key(
						record.digest,
						AnchorKey::new(record.block, id)
					),
					"a record is missing from RecordsByHash"
				);
				if let Some(previous) = Versions::<T>::get(id).and_then(|links| links.replaces) {
					ensure!(previous < index, "a record replaces a later one");
					ensure!(
						Versions::<T>::get(RecordId { source, index: previous })
							.and_then(|links| links.superseded_by)
							== Some(index),
						"the replaced record's link does not point back to the new version"
					);
					total_links += 1;
				}
			}
			ensure!(last_sequence == progress.last_sequence, "last_sequence is stale");
			if progress.record_count > 0 {
				let latest =
					Records::<T>::get(RecordId { source, index: progress.record_count - 1 })
						.ok_or("the latest record is missing")?;
				ensure!(
					latest.device_time == progress.last_device_time
						&& last_time == progress.last_chain_time,
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
			total_records += progress.record_count;
		}
		ensure!(
			SourceStates::<T>::iter_keys().all(Sources::<T>::contains_key),
			"a state kept for a source without a description"
		);
		ensure!(
			Records::<T>::iter_keys().count() as u64 == total_records,
			"a source has records beyond record_count"
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
			RecordsByHash::<T>::iter_values().count() as u64 == total_records,
			"RecordsByHash holds entries for no record"
		);
		// Each link has two ends: the update's `replaces` and the replaced record's
		// `superseded_by`, in one entry each (a record can be both).
		let ends: u64 = Versions::<T>::iter_values()
			.map(|links| {
				u64::from(links.replaces.is_some()) + u64::from(links.superseded_by.is_some())
			})
			.sum();
		ensure!(ends == 2 * total_links, "Versions holds links no record made");
		ensure!(
			Versions::<T>::iter_values().all(|links| links != Default::default()),
			"Versions keeps an empty entry"
		);
		Ok(())
	}
}
