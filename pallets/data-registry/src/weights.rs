//! Weights for `pallet_data_registry`.
//!
//! Stand-in until `scripts/bench.sh` regenerates this file from the pallet's benchmarks on the
//! project's machine: the figures below are deliberately pessimistic.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_data_registry`.
pub trait WeightInfo {
	fn register_source(b: u32, ) -> Weight;
	fn suspend_source() -> Weight;
	fn resume_source() -> Weight;
	fn retire_source() -> Weight;
	fn submit_record() -> Weight;
	fn submit_records(n: u32, ) -> Weight;
}

/// Weights for `pallet_data_registry` using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_source(b: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3_600)
			.saturating_add(Weight::from_parts(10_000, 0).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn suspend_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn resume_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn retire_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn submit_record() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn submit_records(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(40_000_000, 4_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().reads((2_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn register_source(b: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 3_600)
			.saturating_add(Weight::from_parts(10_000, 0).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn suspend_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
	}
	fn resume_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
	}
	fn retire_source() -> Weight {
		Weight::from_parts(20_000_000, 3_600)
	}
	fn submit_record() -> Weight {
		Weight::from_parts(80_000_000, 8_000)
	}
	fn submit_records(n: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(Weight::from_parts(40_000_000, 4_000).saturating_mul(n.into()))
	}
}
