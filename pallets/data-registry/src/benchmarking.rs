//! Benchmarks of the data registry (v2 syntax). Every call is measured at its largest input:
//! the longest description; records with full metadata checked against the costliest format
//! (every field required, each an enum of as many variants as a field may have, the record's
//! values matching the last variant); updates, which read and write the version links; and the
//! first submission of a block, which writes the block's chain time. Plain records, updates and
//! records with metadata are measured apart, so that each is charged its own cost.

use super::*;
use crate::pallet::{Call, Config, Event, NextSourceId, Pallet, SourceStates};
use alloc::{format, vec, vec::Vec};
use dmchain_primitives::{
	ContentHash, DataFormats, FormatId, HashAlgorithm, MetadataEntry, MetadataValue, RecordId,
	SourceHold, SourceId, SourceStatus,
};
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, traits::fungible::Mutate, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::traits::{Bounded, One};

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn bytes<S: Get<u32>>(len: u32, fill: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![fill; len as usize])
}

/// The keys of the largest metadata: every entry, each key at its longest, all distinct.
fn full_keys<T: Config>() -> Vec<Vec<u8>> {
	let key_len = T::MaxMetadataKeyLen::get() as usize;
	(0..T::MaxMetadataEntries::get())
		.map(|i| {
			let mut key = vec![b'k'; key_len];
			let digits = format!("{i}");
			let n = digits.len().min(key_len);
			key[..n].copy_from_slice(&digits.as_bytes()[digits.len() - n..]);
			key
		})
		.collect()
}

/// The format a benchmark's source follows and the metadata its records carry.
struct Shape<T: Config> {
	format: FormatId,
	metadata: MetadataOf<T>,
}

impl<T: Config> Shape<T> {
	/// Records without metadata, under a SHA-256 format that requires no field.
	fn plain() -> Self {
		let (format, _) = T::Formats::format_for_benchmark(HashAlgorithm::Sha2_256, Vec::new(), 0);
		Self { format, metadata: Default::default() }
	}

	/// Records with the largest metadata, under the costliest format to check them against:
	/// each key a required enum field, each value its last variant.
	fn checked() -> Self {
		let keys = full_keys::<T>();
		let (format, value) = T::Formats::format_for_benchmark(
			HashAlgorithm::Sha2_256,
			keys.clone(),
			T::MaxMetadataValueLen::get(),
		);
		let entries = keys
			.into_iter()
			.map(|key| MetadataEntry {
				key: BoundedVec::truncate_from(key),
				value: MetadataValue::Text(BoundedVec::truncate_from(value.clone())),
			})
			.collect::<Vec<_>>();
		Self { format, metadata: BoundedVec::truncate_from(entries) }
	}

	/// The plain or the checked shape.
	fn new(checked: bool) -> Self {
		if checked {
			Self::checked()
		} else {
			Self::plain()
		}
	}

	/// One call's records of this shape: `(sequence, replaces)` each.
	fn batch(
		&self,
		records: impl Iterator<Item = (u64, Option<u64>)>,
	) -> Result<BoundedVec<RecordInputOf<T>, T::MaxRecordsPerCall>, BenchmarkError> {
		let records: Vec<_> =
			records.map(|(sequence, replaces)| self.record(sequence, replaces)).collect();
		BoundedVec::try_from(records)
			.map_err(|_| BenchmarkError::Stop("more records than MaxRecordsPerCall"))
	}

	/// Record `sequence` of this shape, an update of position `replaces` if given.
	fn record(&self, sequence: u64, replaces: Option<u64>) -> RecordInputOf<T> {
		let mut digest = [0u8; 32];
		digest[..8].copy_from_slice(&sequence.to_le_bytes());
		RecordInput {
			content: ContentHash { algorithm: HashAlgorithm::Sha2_256, digest },
			sequence,
			device_time: 0,
			replaces,
			metadata: self.metadata.clone(),
		}
	}
}

/// Registers an active source of `format` with a funded owner and device; returns the source
/// and both accounts.
fn active_source<T: Config>(
	format: FormatId,
) -> Result<(SourceId, T::AccountId, T::AccountId), BenchmarkError> {
	let owner = funded::<T>("owner", 0);
	let device = funded::<T>("device", 0);
	let source = Pallet::<T>::do_register_source(
		owner.clone(),
		device.clone(),
		format,
		bytes(T::MaxSourceMetadataLen::get(), b'm'),
		Some(60_000),
	)?;
	let state = SourceStates::<T>::get(source).ok_or(BenchmarkError::Stop("source missing"))?;
	if state.status != SourceStatus::Active {
		<Pallet<T> as dmchain_primitives::SourceControl<T::AccountId>>::approve(source)?;
	}
	Ok((source, owner, device))
}

/// An active source of `shape` with `n` new records (sequence numbers 1..=n) for one call,
/// the call the block's first; the source, its device and the records.
fn new_records<T: Config>(
	shape: &Shape<T>,
	n: u32,
) -> Result<
	(SourceId, T::AccountId, BoundedVec<RecordInputOf<T>, T::MaxRecordsPerCall>),
	BenchmarkError,
> {
	let (source, _, device) = active_source::<T>(shape.format)?;
	anchor_records::<T>(shape, &device, source, 0)?;
	let records = shape.batch((1..=u64::from(n)).map(|sequence| (sequence, None)))?;
	Ok((source, device, records))
}

/// Anchors `count` records of `shape` (sequence numbers 1..=count) for `source`, then moves to
/// the next block, so that the measured call is the block's first and writes its chain time.
fn anchor_records<T: Config>(
	shape: &Shape<T>,
	device: &T::AccountId,
	source: SourceId,
	count: u32,
) -> Result<(), BenchmarkError> {
	for sequence in 1..=count as u64 {
		Pallet::<T>::do_submit_record(device, source, shape.record(sequence, None))?;
	}
	let next = frame_system::Pallet::<T>::block_number() + One::one();
	frame_system::Pallet::<T>::set_block_number(next);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_source(
		b: Linear<0, { T::MaxSourceMetadataLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let device: T::AccountId = account("device", 0, 0);
		let format = Shape::<T>::checked().format;
		let metadata = bytes(b, b'm');
		let source = NextSourceId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), device.clone(), format, metadata, Some(60_000));

		let info = Sources::<T>::get(source).ok_or(BenchmarkError::Stop("not registered"))?;
		let state = SourceStates::<T>::get(source).ok_or(BenchmarkError::Stop("no state"))?;
		assert_last_event::<T>(Event::SourceRegistered {
			source,
			owner,
			device,
			status: state.status,
			deposit: info.deposit,
		});
		Ok(())
	}

	#[benchmark]
	fn suspend_source() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>(Shape::<T>::plain().format)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), source);

		assert_last_event::<T>(Event::SourceHeld { source, hold: SourceHold::OwnerPause });
		Ok(())
	}

	#[benchmark]
	fn resume_source() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>(Shape::<T>::plain().format)?;
		Pallet::<T>::suspend_source(RawOrigin::Signed(owner.clone()).into(), source)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), source);

		assert_last_event::<T>(Event::SourceHoldLifted { source, hold: SourceHold::OwnerPause });
		Ok(())
	}

	/// The worst case: a source still waiting for approval is withdrawn (its entry and
	/// progress removed, the deposit released), which costs more than retiring an active one.
	#[benchmark]
	fn retire_source() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let source = <Pallet<T> as dmchain_primitives::SourceControl<T::AccountId>>::
			pending_source_for_benchmark(&owner);
		let deposit = Sources::<T>::get(source).ok_or(BenchmarkError::Stop("no source"))?.deposit;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), source);

		assert_last_event::<T>(Event::SourceWithdrawn { source, owner, deposit });
		assert!(!Sources::<T>::contains_key(source));
		Ok(())
	}

	/// `u`: an update (1) or a new record (0); `m`: the record carries the largest metadata,
	/// checked against the costliest format (1), or none (0).
	#[benchmark]
	fn submit_record(u: Linear<0, 1>, m: Linear<0, 1>) -> Result<(), BenchmarkError> {
		let shape = Shape::<T>::new(m == 1);
		let (source, _, device) = active_source::<T>(shape.format)?;
		anchor_records::<T>(&shape, &device, source, 1)?;
		let record = shape.record(2, (u == 1).then_some(0));
		let content = record.content;

		#[extrinsic_call]
		_(RawOrigin::Signed(device), source, record);

		assert_last_event::<T>(Event::RecordAnchored {
			id: RecordId { source, index: 1 },
			content,
			sequence: 2,
		});
		Ok(())
	}

	/// `n` new records without metadata in one call.
	#[benchmark]
	fn submit_records(n: Linear<1, { T::MaxRecordsPerCall::get() }>) -> Result<(), BenchmarkError> {
		let (source, device, records) = new_records::<T>(&Shape::plain(), n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(device), source, records);

		assert_last_event::<T>(Event::RecordsAnchored { source, first: 0, count: n });
		Ok(())
	}

	/// `n` updates without metadata in one call, each replacing an earlier record.
	#[benchmark]
	fn submit_record_updates(
		n: Linear<1, { T::MaxRecordsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let shape = Shape::<T>::plain();
		let (source, _, device) = active_source::<T>(shape.format)?;
		anchor_records::<T>(&shape, &device, source, n)?;
		let first = u64::from(n);
		let records = shape.batch((0..first).map(|index| (first + 1 + index, Some(index))))?;

		#[extrinsic_call]
		submit_records(RawOrigin::Signed(device), source, records);

		assert_last_event::<T>(Event::RecordsAnchored { source, first, count: n });
		let count = SourceStates::<T>::get(source).map(|state| state.progress.record_count);
		assert_eq!(count, Some(2 * first));
		Ok(())
	}

	/// `n` new records, each with the largest metadata, checked against the costliest format.
	#[benchmark]
	fn submit_records_with_metadata(
		n: Linear<1, { T::MaxRecordsPerCall::get() }>,
	) -> Result<(), BenchmarkError> {
		let (source, device, records) = new_records::<T>(&Shape::checked(), n)?;

		#[extrinsic_call]
		submit_records(RawOrigin::Signed(device), source, records);

		assert_last_event::<T>(Event::RecordsAnchored { source, first: 0, count: n });
		Ok(())
	}

	#[benchmark]
	fn set_expected_interval() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>(Shape::<T>::plain().format)?;
		let interval = Some(dmchain_primitives::EXPECTED_INTERVAL_MAX);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), source, interval);

		assert_last_event::<T>(Event::ExpectedIntervalSet { source, interval });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
