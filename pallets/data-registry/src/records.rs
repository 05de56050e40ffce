//! Anchoring records: authentication, checks, storage and indexes (D3.7 REP-2, REP-3, ACQ-1,
//! PRC-1, PRC-3, PRC-4, MON-3).

use crate::{
	pallet::{
		BlockTimes, Config, Error, Event, Pallet, Records, RecordsByHash, SourceStates, Versions,
	},
	sources::submission_blocker,
	types::{
		AnchorKey, BalanceOf, MetadataOf, Record, RecordInputOf, RecordRejection, SourceProgress,
		SourceStateOf, VersionLinks,
	},
	WeightInfo,
};
use dmchain_primitives::{
	CurrentParameters, DataFormats, FormatId, FormatTerms, MetadataValue, Millis, RecordId,
	RecordIndex, SourceId,
};
use frame_support::dispatch::{Pays, PostDispatchInfo};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		Get, UnixTime,
	},
};
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto, Zero},
	DispatchResult,
};

impl<T: Config> From<RecordRejection> for Error<T> {
	fn from(reason: RecordRejection) -> Self {
		match reason {
			RecordRejection::SequenceReplayed => Error::SequenceReplayed,
			RecordRejection::SequenceOutOfOrder => Error::SequenceOutOfOrder,
			RecordRejection::DeviceTimeInFuture => Error::DeviceTimeInFuture,
			RecordRejection::EmptyMetadataKey => Error::EmptyMetadataKey,
			RecordRejection::DuplicateMetadataKey => Error::DuplicateMetadataKey,
			RecordRejection::InvalidUtf8 => Error::InvalidUtf8,
			RecordRejection::ReplacedRecordNotFound => Error::ReplacedRecordNotFound,
			RecordRejection::ReplacedRecordSuperseded => Error::ReplacedRecordSuperseded,
			RecordRejection::MetadataTooLarge => Error::MetadataTooLarge,
			RecordRejection::RateLimitExceeded => Error::RateLimitExceeded,
			RecordRejection::MissingField => Error::MissingField,
			RecordRejection::WrongFieldType => Error::WrongFieldType,
			RecordRejection::FieldOutOfBounds => Error::FieldOutOfBounds,
			RecordRejection::UnknownField => Error::UnknownField,
			RecordRejection::WrongHashAlgorithm => Error::WrongHashAlgorithm,
			RecordRejection::FormatNotFound => Error::FormatNotFound,
		}
	}
}

/// Where and when records are being anchored, and under which rules: fixed for one call.
struct AnchorContext<T: Config> {
	source: SourceId,
	chain_time: Millis,
	/// The anchoring block, as the `u32` records and the anchor index keep.
	block_number: u32,
	latest_device_time: Millis,
	/// The source's format id and the terms it keeps of it.
	format_id: FormatId,
	terms: FormatTerms,
	/// The source's format, loaded at the first record of the call that carries metadata
	/// (a record without metadata needs only the terms).
	format: Option<<T::Formats as DataFormats>::Format>,
	max_metadata_bytes: u32,
	/// How many records a rate-limit window allows.
	window_records: u32,
	/// Device times before this are further behind chain time than the clock-skew bound.
	earliest_device_time: Millis,
}

impl<T: Config> Pallet<T> {
	/// The chain's time-stamp, ms since the Unix epoch (REP-3).
	pub fn chain_time() -> Millis {
		u64::try_from(T::UnixTime::now().as_millis()).unwrap_or(u64::MAX)
	}

	/// The weight [`Pallet::submit_record`] is charged before dispatch: measured for an update
	/// or a plain record, with metadata (checked against the costliest format) or without.
	pub fn submit_record_weight(record: &RecordInputOf<T>) -> Weight {
		T::WeightInfo::submit_record(
			u32::from(record.replaces.is_some()),
			u32::from(!record.metadata.is_empty()),
		)
	}

	/// The weight [`Pallet::submit_records`] is charged before dispatch: each kind of record
	/// it carries as its own benchmark measured a call of only that kind (new records without
	/// metadata, updates without metadata, records with metadata checked against the costliest
	/// format). A call of one kind pays exactly its measured cost; a call mixing kinds pays
	/// each kind's fixed part, and an update with metadata counts in both kinds: over-charges,
	/// never under-charges.
	pub fn submit_records_weight(records: &[RecordInputOf<T>]) -> Weight {
		let (mut plain, mut updates, mut checked) = (0u32, 0u32, 0u32);
		for record in records {
			let update = record.replaces.is_some();
			let with_metadata = !record.metadata.is_empty();
			updates = updates.saturating_add(u32::from(update));
			checked = checked.saturating_add(u32::from(with_metadata));
			plain = plain.saturating_add(u32::from(!update && !with_metadata));
		}
		let mut weight = Weight::zero();
		if plain > 0 || records.is_empty() {
			weight = weight.saturating_add(T::WeightInfo::submit_records(plain.max(1)));
		}
		if updates > 0 {
			weight = weight.saturating_add(T::WeightInfo::submit_record_updates(updates));
		}
		if checked > 0 {
			weight = weight.saturating_add(T::WeightInfo::submit_records_with_metadata(checked));
		}
		weight
	}

	/// `weight` as the actual weight of a submission, less the write of the block's chain time
	/// when the call did not make it (`timed` is false: an earlier call of the block did).
	pub(crate) fn unless_block_timed(weight: Weight, timed: bool) -> PostDispatchInfo {
		let actual = if timed {
			weight
		} else {
			weight.saturating_sub(<T as frame_system::Config>::DbWeight::get().writes(1))
		};
		PostDispatchInfo { actual_weight: Some(actual), pays_fee: Pays::Yes }
	}

	/// Anchors one record; returns whether the call wrote the block's chain time.
	pub(crate) fn do_submit_record(
		device: &T::AccountId,
		source: SourceId,
		input: RecordInputOf<T>,
	) -> Result<bool, DispatchError> {
		let (mut ctx, mut state) = Self::authenticate(device, source)?;
		let content = input.content;
		let sequence = input.sequence;
		let (index, bytes) =
			Self::anchor(&mut ctx, &mut state.progress, input).map_err(Error::<T>::from)?;
		Self::charge_record_fees(device, 1, bytes)?;
		SourceStates::<T>::insert(source, state);
		let timed = Self::note_block_time(&ctx);
		Self::deposit_event(Event::RecordAnchored {
			id: RecordId { source, index },
			content,
			sequence,
		});
		Ok(timed)
	}

	/// Anchors the records of one call, all or nothing; returns whether the call wrote the
	/// block's chain time.
	pub(crate) fn do_submit_records(
		device: &T::AccountId,
		source: SourceId,
		records: BoundedVec<RecordInputOf<T>, T::MaxRecordsPerCall>,
	) -> Result<bool, DispatchError> {
		ensure!(!records.is_empty(), Error::<T>::EmptyBatch);
		let (mut ctx, mut state) = Self::authenticate(device, source)?;
		let first = state.progress.record_count;
		let count = records.len() as u32;
		let mut bytes: u32 = 0;
		for (position, input) in records.into_iter().enumerate() {
			let (_, size) =
				Self::anchor(&mut ctx, &mut state.progress, input).map_err(|reason| {
					Error::<T>::BatchRecordRejected {
						index: u16::try_from(position).unwrap_or(u16::MAX),
						reason,
					}
				})?;
			bytes = bytes.saturating_add(size);
		}
		Self::charge_record_fees(device, count, bytes)?;
		SourceStates::<T>::insert(source, state);
		let timed = Self::note_block_time(&ctx);
		Self::deposit_event(Event::RecordsAnchored { source, first, count });
		Ok(timed)
	}

	/// Keeps the chain time of the anchoring block, once per block; returns whether this call
	/// wrote it.
	fn note_block_time(ctx: &AnchorContext<T>) -> bool {
		if BlockTimes::<T>::contains_key(ctx.block_number) {
			return false;
		}
		BlockTimes::<T>::insert(ctx.block_number, ctx.chain_time);
		true
	}

	/// Checks that `device` signs for `source` and that the source may submit now (PRC-1);
	/// returns the call's context and the source's state, its rate-limit window brought up to
	/// date.
	fn authenticate(
		device: &T::AccountId,
		source: SourceId,
	) -> Result<(AnchorContext<T>, SourceStateOf<T>), Error<T>> {
		let mut state = SourceStates::<T>::get(source).ok_or(Error::<T>::SourceNotFound)?;
		ensure!(&state.device == device, Error::<T>::NotSourceDevice);
		if let Some(blocked) = submission_blocker::<T>(state.status, state.holds) {
			return Err(blocked);
		}
		let parameters = T::Parameters::current();
		let chain_time = Self::chain_time();
		let block_number: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let ctx = AnchorContext {
			source,
			chain_time,
			block_number,
			latest_device_time: chain_time.saturating_add(parameters.max_clock_skew),
			format_id: state.format,
			terms: state.terms,
			format: None,
			max_metadata_bytes: parameters.max_metadata_bytes,
			window_records: parameters.rate_limit.records,
			earliest_device_time: chain_time.saturating_sub(parameters.max_clock_skew),
		};
		// A new window starts once the current one (of the length in force now) has run out.
		let progress = &mut state.progress;
		let window = parameters.rate_limit.window.max(1);
		if progress.record_count == 0
			|| block_number.saturating_sub(progress.window_start) >= window
		{
			progress.window_start = block_number;
			progress.in_window = 0;
		}
		Ok((ctx, state))
	}

	/// Checks a record's content hash and metadata against the source's format (ACQ-2): the
	/// hash algorithm against the source's terms; a record without metadata against whether
	/// the format requires a field; only a record with metadata loads the format (once per
	/// call) and is checked field by field.
	fn check_format(
		ctx: &mut AnchorContext<T>,
		input: &RecordInputOf<T>,
	) -> Result<(), RecordRejection> {
		ensure!(
			input.content.algorithm == ctx.terms.hash_algorithm,
			RecordRejection::WrongHashAlgorithm
		);
		if input.metadata.is_empty() {
			ensure!(!ctx.terms.requires_fields, RecordRejection::MissingField);
			return Ok(());
		}
		if ctx.format.is_none() {
			// The source's format is never removed while the source is bound to it.
			ctx.format = T::Formats::load(ctx.format_id);
		}
		let format = ctx.format.as_ref().ok_or(RecordRejection::FormatNotFound)?;
		T::Formats::check(format, &input.content, &input.metadata)?;
		Ok(())
	}

	/// Checks one record against the source's progress and stores it with its indexes;
	/// returns its position and the bytes its stored entry takes (what the byte fee prices).
	/// Storage written before a later record of the same call fails is rolled back with the
	/// call (every dispatch runs in its own storage layer).
	fn anchor(
		ctx: &mut AnchorContext<T>,
		progress: &mut SourceProgress,
		input: RecordInputOf<T>,
	) -> Result<(RecordIndex, u32), RecordRejection> {
		if let Some(last) = progress.last_sequence {
			ensure!(input.sequence != last, RecordRejection::SequenceReplayed);
			ensure!(input.sequence > last, RecordRejection::SequenceOutOfOrder);
		}
		ensure!(input.device_time <= ctx.latest_device_time, RecordRejection::DeviceTimeInFuture);
		ensure!(progress.in_window < ctx.window_records, RecordRejection::RateLimitExceeded);
		Self::check_metadata(&input.metadata, ctx.max_metadata_bytes)?;
		Self::check_format(ctx, &input)?;
		let index = progress.record_count;
		let id = RecordId { source: ctx.source, index };
		if let Some(previous) = input.replaces {
			ensure!(previous < progress.record_count, RecordRejection::ReplacedRecordNotFound);
			let previous = RecordId { source: ctx.source, index: previous };
			let mut links = Versions::<T>::get(previous).unwrap_or_default();
			ensure!(links.superseded_by.is_none(), RecordRejection::ReplacedRecordSuperseded);
			links.superseded_by = Some(index);
			Versions::<T>::insert(previous, links);
			Versions::<T>::insert(
				id,
				VersionLinks { replaces: Some(previous.index), superseded_by: None },
			);
			Self::deposit_event(Event::RecordSuperseded { previous, by: id });
		}

		Self::note_anomalies(ctx, progress, &input, index);
		RecordsByHash::<T>::insert(input.content.digest, AnchorKey::new(ctx.block_number, id), ());
		let record = Record {
			digest: input.content.digest,
			sequence: input.sequence,
			device_time: input.device_time,
			block: ctx.block_number,
			metadata: input.metadata,
		};
		let bytes = record.encoded_size() as u32;
		Records::<T>::insert(id, record);
		// Cannot saturate: each record takes a distinct u64 sequence number, so a source has
		// at most 2^64 records and the count reaches u64::MAX only after the last possible one.
		progress.record_count = index.saturating_add(1);
		progress.last_sequence = Some(input.sequence);
		progress.last_device_time = input.device_time;
		progress.last_chain_time = ctx.chain_time;
		progress.in_window = progress.in_window.saturating_add(1);
		Ok((index, bytes))
	}

	/// Counts what a record that passed every check shows of its source's time sequence
	/// (MON-3): skipped sequence numbers, a device clock going backwards, a device time further
	/// behind chain time than the clock-skew bound. None refuses the record.
	fn note_anomalies(
		ctx: &AnchorContext<T>,
		progress: &mut SourceProgress,
		input: &RecordInputOf<T>,
		index: RecordIndex,
	) {
		let anomalies = &mut progress.anomalies;
		let mut noticed = false;
		if let Some(last) = progress.last_sequence {
			// `input.sequence > last` was checked, so `last + 1` does not overflow.
			let skipped = input.sequence.saturating_sub(last.saturating_add(1));
			if skipped > 0 {
				anomalies.sequence_gaps = anomalies.sequence_gaps.saturating_add(1);
				anomalies.missing_sequences = anomalies.missing_sequences.saturating_add(skipped);
				noticed = true;
			}
			if input.device_time < progress.last_device_time {
				anomalies.clock_regressions = anomalies.clock_regressions.saturating_add(1);
				noticed = true;
			}
		}
		if input.device_time < ctx.earliest_device_time {
			anomalies.clock_drifts = anomalies.clock_drifts.saturating_add(1);
			noticed = true;
		}
		if noticed {
			anomalies.last_anomalous_record = Some(index);
		}
	}

	/// The size of a record's metadata that `max_metadata_bytes` bounds: the bytes of its keys
	/// and of its text and bytes values.
	pub fn metadata_bytes(metadata: &MetadataOf<T>) -> u32 {
		metadata
			.iter()
			.map(|entry| {
				let value = match &entry.value {
					MetadataValue::Text(b) | MetadataValue::Bytes(b) => b.len(),
					_ => 0,
				};
				(entry.key.len() + value) as u32
			})
			.fold(0u32, u32::saturating_add)
	}

	/// Metadata keys are non-empty, distinct UTF-8; text values are UTF-8 (ACQ-1); the whole is
	/// within the operators' size bound (CTL-2).
	fn check_metadata(metadata: &MetadataOf<T>, max_bytes: u32) -> Result<(), RecordRejection> {
		ensure!(Self::metadata_bytes(metadata) <= max_bytes, RecordRejection::MetadataTooLarge);
		for (position, entry) in metadata.iter().enumerate() {
			ensure!(!entry.key.is_empty(), RecordRejection::EmptyMetadataKey);
			ensure!(core::str::from_utf8(&entry.key).is_ok(), RecordRejection::InvalidUtf8);
			if let MetadataValue::Text(text) = &entry.value {
				ensure!(core::str::from_utf8(text).is_ok(), RecordRejection::InvalidUtf8);
			}
			ensure!(
				!metadata[..position].iter().any(|earlier| earlier.key == entry.key),
				RecordRejection::DuplicateMetadataKey
			);
		}
		Ok(())
	}

	/// The fee for `count` records whose stored entries take `bytes` bytes in all:
	/// `RecordFee × count + RecordByteFee × bytes`.
	pub fn record_fee(count: u32, bytes: u32) -> BalanceOf<T> {
		T::RecordFee::get()
			.saturating_mul(count.into())
			.saturating_add(T::RecordByteFee::get().saturating_mul(bytes.into()))
	}

	/// Burns [`Self::record_fee`] from the device, keeping its account alive.
	fn charge_record_fees(device: &T::AccountId, count: u32, bytes: u32) -> DispatchResult {
		let fee = Self::record_fee(count, bytes);
		if !fee.is_zero() {
			T::Currency::burn_from(
				device,
				fee,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|_| Error::<T>::InsufficientRecordFee)?;
		}
		Ok(())
	}
}
