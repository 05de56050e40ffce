// This file is part of dmchain. SPDX-License-Identifier: Apache-2.0

//! Weights for `pallet_access_permissions`: deliberately high first figures (1 ms and 20
//! database reads and writes per call), NOT measured. The runtime charges them until
//! `scripts/bench.sh pallet_access_permissions` (wired in its pallet list) replaces this file
//! with measured figures (issue 14).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_access_permissions`.
pub trait WeightInfo {
	fn create_dataset() -> Weight;
	fn set_visibility() -> Weight;
	fn transfer_dataset() -> Weight;
	fn remove_dataset() -> Weight;
	fn set_format_visibilities() -> Weight;
	fn request_access() -> Weight;
	fn cancel_request() -> Weight;
	fn approve_request() -> Weight;
	fn reject_request() -> Weight;
	fn grant_access() -> Weight;
	fn revoke_access() -> Weight;
	fn remove_expired_grant() -> Weight;
	fn register_encryption_key() -> Weight;
	fn remove_encryption_key() -> Weight;
	fn expire_grants(n: u32, ) -> Weight;
}

/// Weights measured on the project's machine, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn set_visibility() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn transfer_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn remove_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn set_format_visibilities() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn request_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn cancel_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn approve_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn reject_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn grant_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn revoke_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn remove_expired_grant() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn register_encryption_key() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn remove_encryption_key() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes(20_u64))
	}
	fn expire_grants(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(Weight::from_parts(1_000_000_000, 20_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(20_u64))
			.saturating_add(T::DbWeight::get().writes((20_u64).saturating_mul(n.into())))
	}
}

// For tests.
impl WeightInfo for () {
	fn create_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn set_visibility() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn transfer_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn remove_dataset() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn set_format_visibilities() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn request_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn cancel_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn approve_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn reject_request() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn grant_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn revoke_access() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn remove_expired_grant() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn register_encryption_key() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn remove_encryption_key() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(ParityDbWeight::get().reads(20_u64))
			.saturating_add(ParityDbWeight::get().writes(20_u64))
	}
	fn expire_grants(n: u32, ) -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(Weight::from_parts(1_000_000_000, 20_000).saturating_mul(n.into()))
	}
}
