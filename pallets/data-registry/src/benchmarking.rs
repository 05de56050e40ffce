//! Benchmarks of the data registry (v2 syntax). Every call is measured at its largest input:
//! the longest description, full metadata with the longest keys and values checked against a
//! strict format that requires every one of them, and updates (which read and write the version
//! index) rather than plain records.

use super::*;
use crate::pallet::{Call, Config, Event, NextSourceId, Pallet, ProgressOf};
use alloc::{format, vec, vec::Vec};
use dmchain_primitives::{
	ContentHash, DataFormats, FormatId, HashAlgorithm, MetadataEntry, MetadataValue, RecordId,
	SourceHold, SourceId, SourceStatus,
};
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, traits::fungible::Mutate, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

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

/// The largest metadata a record may carry: every entry, each key and text value at its
/// longest, all keys distinct.
fn full_metadata<T: Config>() -> MetadataOf<T> {
	let key_len = T::MaxMetadataKeyLen::get() as usize;
	let entries = (0..T::MaxMetadataEntries::get())
		.map(|i| {
			let mut key = vec![b'k'; key_len];
			let digits = format!("{i}");
			let n = digits.len().min(key_len);
			key[..n].copy_from_slice(&digits.as_bytes()[digits.len() - n..]);
			MetadataEntry {
				key: BoundedVec::truncate_from(key),
				value: MetadataValue::Text(bytes(T::MaxMetadataValueLen::get(), b'x')),
			}
		})
		.collect::<Vec<_>>();
	BoundedVec::truncate_from(entries)
}

fn record<T: Config>(sequence: u64, replaces: Option<u64>) -> RecordInputOf<T> {
	let mut digest = [0u8; 32];
	digest[..8].copy_from_slice(&sequence.to_le_bytes());
	RecordInput {
		content: ContentHash { algorithm: HashAlgorithm::Sha2_256, digest },
		sequence,
		device_time: 0,
		replaces,
		metadata: full_metadata::<T>(),
	}
}

/// A strict SHA-256 format requiring every key of [`full_metadata`]: the costliest check.
fn strict_format<T: Config>() -> FormatId {
	let keys = full_metadata::<T>().into_iter().map(|entry| entry.key.into_inner()).collect();
	T::Formats::format_for_benchmark(HashAlgorithm::Sha2_256, keys)
}

/// Registers an active source with a funded owner and device; returns the source and device.
fn active_source<T: Config>() -> Result<(SourceId, T::AccountId, T::AccountId), BenchmarkError> {
	let owner = funded::<T>("owner", 0);
	let device = funded::<T>("device", 0);
	let source = Pallet::<T>::do_register_source(
		owner.clone(),
		device.clone(),
		strict_format::<T>(),
		bytes(T::MaxSourceMetadataLen::get(), b'm'),
		Some(60_000),
	)?;
	let info = Sources::<T>::get(source).ok_or(BenchmarkError::Stop("source missing"))?;
	if info.status != SourceStatus::Active {
		<Pallet<T> as dmchain_primitives::SourceControl<T::AccountId>>::approve(source)?;
	}
	Ok((source, owner, device))
}

/// Anchors `count` plain records (sequence numbers 1..=count) for `source`.
fn anchor_records<T: Config>(
	device: &T::AccountId,
	source: SourceId,
	count: u32,
) -> Result<(), BenchmarkError> {
	for sequence in 1..=count as u64 {
		Pallet::<T>::do_submit_record(device, source, record::<T>(sequence, None))?;
	}
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
		let format = strict_format::<T>();
		let metadata = bytes(b, b'm');
		let source = NextSourceId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), device.clone(), format, metadata, Some(60_000));

		let info = Sources::<T>::get(source).ok_or(BenchmarkError::Stop("not registered"))?;
		assert_last_event::<T>(Event::SourceRegistered {
			source,
			owner,
			device,
			status: info.status,
			deposit: info.deposit,
		});
		Ok(())
	}

	#[benchmark]
	fn suspend_source() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), source);

		assert_last_event::<T>(Event::SourceHeld { source, hold: SourceHold::OwnerPause });
		Ok(())
	}

	#[benchmark]
	fn resume_source() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>()?;
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

	#[benchmark]
	fn submit_record() -> Result<(), BenchmarkError> {
		let (source, _, device) = active_source::<T>()?;
		anchor_records::<T>(&device, source, 1)?;
		let update = record::<T>(2, Some(0));
		let content = update.content;

		#[extrinsic_call]
		_(RawOrigin::Signed(device), source, update);

		assert_last_event::<T>(Event::RecordAnchored {
			id: RecordId { source, index: 1 },
			content,
			sequence: 2,
		});
		Ok(())
	}

	#[benchmark]
	fn submit_records(n: Linear<1, { T::MaxRecordsPerCall::get() }>) -> Result<(), BenchmarkError> {
		let (source, _, device) = active_source::<T>()?;
		anchor_records::<T>(&device, source, n)?;
		let updates: Vec<_> =
			(0..n as u64).map(|index| record::<T>(n as u64 + 1 + index, Some(index))).collect();
		let updates = BoundedVec::try_from(updates)
			.map_err(|_| BenchmarkError::Stop("more records than MaxRecordsPerCall"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(device), source, updates);

		assert_last_event::<T>(Event::RecordsAnchored { source, first: n as u64, count: n });
		assert_eq!(ProgressOf::<T>::get(source).record_count, 2 * n as u64);
		Ok(())
	}

	#[benchmark]
	fn set_expected_interval() -> Result<(), BenchmarkError> {
		let (source, owner, _) = active_source::<T>()?;
		let interval = Some(dmchain_primitives::EXPECTED_INTERVAL_MAX);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), source, interval);

		assert_last_event::<T>(Event::ExpectedIntervalSet { source, interval });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
