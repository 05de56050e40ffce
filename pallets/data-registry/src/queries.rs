//! Read-only queries behind the registry's runtime API (D3.7 SVC-2, SVC-3, SVC-4). None of
//! them is called on chain; each answer is bounded by `MaxPageSize`.

use crate::{
	pallet::{
		BlockTimes, Config, NextSourceId, Pallet, Records, RecordsByHash, SourceStates, Sources,
		Versions,
	},
	types::{AnchorKey, BalanceOf, RecordOf, SourceStateOf},
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use dmchain_primitives::{
	AnchorPage, AnomalyPage, AnomalyView, ContentHash, MetadataEntry, Millis, RecordCursor,
	RecordId, RecordIndex, RecordPage, RecordStanding, RecordView, SourceId, SourceStatus,
	SourceView,
};
use frame_support::{
	storage::{KeyPrefixIterator, StoragePrefixedMap},
	traits::Get,
	Blake2_128, StorageHasher,
};
use frame_system::pallet_prelude::BlockNumberFor;

/// A record as the runtime API answers it.
pub type RecordViewOf<T> = RecordView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A page of records as the runtime API answers it.
pub type RecordPageOf<T> = RecordPage<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A page of a digest's anchors as the runtime API answers it.
pub type AnchorPageOf<T> = AnchorPage<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A source as the runtime API answers it.
pub type SourceViewOf<T> =
	SourceView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// The record `id`, if it exists.
	pub fn record(id: RecordId) -> Option<RecordViewOf<T>> {
		let state = SourceStates::<T>::get(id.source)?;
		Records::<T>::get(id).map(|record| Self::view(id, &state, record))
	}

	/// The chain time of block `block`, if it anchored a record.
	pub fn block_time(block: u32) -> Option<Millis> {
		BlockTimes::<T>::get(block)
	}

	/// The records anchoring `digest` in the order they were anchored, after the record
	/// `after` (from the first anchor when `None`), at most `limit` (capped at `MaxPageSize`):
	/// who anchored the payload, when, in which block (SVC-4). An `after` that does not name an
	/// anchor of `digest` gives an empty page.
	pub fn records_by_hash(
		digest: [u8; 32],
		after: Option<RecordId>,
		limit: u32,
	) -> AnchorPageOf<T> {
		let empty = AnchorPage { records: Vec::new(), next: None };
		let keys = match after {
			None => Self::anchors_of(digest, None),
			Some(id) => {
				let Some(record) = Records::<T>::get(id) else { return empty };
				if record.digest != digest {
					return empty;
				}
				let key = AnchorKey::new(record.block, id);
				Self::anchors_of(digest, Some(RecordsByHash::<T>::hashed_key_for(digest, key)))
			},
		};
		let size = Self::page_size(limit);
		let mut ids: Vec<RecordId> =
			keys.take(size.saturating_add(1)).map(|key| key.id()).collect();
		let more = ids.len() > size;
		ids.truncate(size);
		let next = if more { ids.last().copied() } else { None };
		AnchorPage { records: ids.into_iter().filter_map(Self::record).collect(), next }
	}

	/// The anchors of `digest` in the order they were anchored, after the raw storage key
	/// `after` (from the first when `None`). The digest's key part is hashed without the digest
	/// (`Blake2_128`), so the anchors are iterated below the digest's prefix by hand.
	fn anchors_of(digest: [u8; 32], after: Option<Vec<u8>>) -> KeyPrefixIterator<AnchorKey> {
		let mut prefix = RecordsByHash::<T>::final_prefix().to_vec();
		prefix.extend_from_slice(&Blake2_128::hash(&digest.encode()));
		let previous = after.unwrap_or_else(|| prefix.clone());
		KeyPrefixIterator::new(prefix, previous, |mut raw| AnchorKey::decode(&mut raw))
	}

	/// The source `id`, if it exists.
	pub fn source(id: SourceId) -> Option<SourceViewOf<T>> {
		let info = Sources::<T>::get(id)?;
		let state = SourceStates::<T>::get(id)?;
		Some(SourceView {
			id,
			owner: info.owner,
			device: state.device,
			format: state.format,
			retention: info.retention,
			metadata: info.metadata.into_inner(),
			status: state.status,
			holds: state.holds,
			deposit: info.deposit,
			registered_at: info.registered_at,
			record_count: state.progress.record_count,
			last_sequence: state.progress.last_sequence,
			expected_interval: info.expected_interval,
		})
	}

	/// The sources with a time-sequence anomaly or a silence (MON-3) among the sources after
	/// `after` (from source 0 when `None`), looking at no more than `limit` sources (capped at
	/// `MaxPageSize`): two reads per source looked at, none of its records. A source is silent
	/// when it is active, under no hold, has an expected interval, and nothing came from it for
	/// longer than that interval (counted from its last record, or its registration or approval
	/// before the first).
	pub fn source_anomalies(after: Option<SourceId>, limit: u32) -> AnomalyPage {
		let start = match after {
			None => 0,
			Some(id) => match id.checked_add(1) {
				Some(start) => start,
				None => return AnomalyPage { sources: Vec::new(), next: None },
			},
		};
		let end = NextSourceId::<T>::get();
		let span = Self::page_size(limit) as u32;
		let stop = start.saturating_add(span).min(end);
		let now = Self::chain_time();
		let sources = (start..stop)
			.filter_map(|id| {
				let info = Sources::<T>::get(id)?;
				let state = SourceStates::<T>::get(id)?;
				let progress = state.progress;
				let quiet = now.saturating_sub(progress.last_chain_time);
				let silent_for = match info.expected_interval {
					Some(interval)
						if state.status == SourceStatus::Active
							&& state.holds.is_empty()
							&& quiet > interval =>
					{
						Some(quiet)
					},
					_ => None,
				};
				if progress.anomalies.is_empty() && silent_for.is_none() {
					return None;
				}
				Some(AnomalyView {
					source: id,
					status: state.status,
					holds: state.holds,
					record_count: progress.record_count,
					last_sequence: progress.last_sequence,
					last_device_time: (progress.record_count > 0)
						.then_some(progress.last_device_time),
					last_chain_time: progress.last_chain_time,
					expected_interval: info.expected_interval,
					silent_for,
					anomalies: progress.anomalies,
				})
			})
			.collect();
		let next = (stop < end && stop > start).then(|| stop - 1);
		AnomalyPage { sources, next }
	}

	/// A page of `source`'s records in anchoring order, from `cursor`, at most `limit`
	/// (capped at `MaxPageSize`). A sequence or time cursor is found by binary search: records
	/// of a source are ordered by sequence number and by chain time (SVC-2, SVC-3).
	pub fn source_records(source: SourceId, cursor: RecordCursor, limit: u32) -> RecordPageOf<T> {
		let empty = RecordPage { records: Vec::new(), next: None };
		let Some(state) = SourceStates::<T>::get(source) else { return empty };
		let count = state.progress.record_count;
		let start = match cursor {
			RecordCursor::Index(index) => index,
			RecordCursor::Sequence(sequence) => {
				Self::first_index_where(source, count, |record| record.sequence >= sequence)
			},
			RecordCursor::ChainTime(time) => Self::first_index_where(source, count, |record| {
				BlockTimes::<T>::get(record.block).unwrap_or_default() >= time
			}),
		};
		let end = start.saturating_add(Self::page_size(limit) as u64).min(count);
		let records = (start..end)
			.filter_map(|index| {
				let id = RecordId { source, index };
				Records::<T>::get(id).map(|record| Self::view(id, &state, record))
			})
			.collect();
		RecordPage { records, next: (end < count).then_some(end) }
	}

	/// The first position in `0..count` whose record satisfies `reached` (`count` if none),
	/// for a predicate that is false and then true along the source's records.
	fn first_index_where(
		source: SourceId,
		count: RecordIndex,
		reached: impl Fn(&RecordOf<T>) -> bool,
	) -> RecordIndex {
		let (mut low, mut high) = (0, count);
		while low < high {
			let middle = low + (high - low) / 2;
			if Records::<T>::get(RecordId { source, index: middle })
				.is_some_and(|record| reached(&record))
			{
				high = middle;
			} else {
				low = middle + 1;
			}
		}
		low
	}

	fn page_size(limit: u32) -> usize {
		limit.min(T::MaxPageSize::get()) as usize
	}

	fn view(id: RecordId, state: &SourceStateOf<T>, record: RecordOf<T>) -> RecordViewOf<T> {
		let link = |index| RecordId { source: id.source, index };
		let links = Versions::<T>::get(id).unwrap_or_default();
		RecordView {
			id,
			submitter: state.device.clone(),
			content: ContentHash { algorithm: state.terms.hash_algorithm, digest: record.digest },
			sequence: record.sequence,
			device_time: record.device_time,
			chain_time: Self::block_time(record.block).unwrap_or_default(),
			block: record.block.into(),
			replaces: links.replaces.map(link),
			superseded_by: links.superseded_by.map(link),
			upheld_case: T::Standing::upheld_case(id),
			metadata: record
				.metadata
				.into_iter()
				.map(|entry| MetadataEntry {
					key: entry.key.into_inner(),
					value: entry
						.value
						.map_bytes(|bytes| Ok::<_, core::convert::Infallible>(bytes.into_inner()))
						.unwrap_or_else(|never| match never {}),
				})
				.collect(),
		}
	}
}
