//! Benchmarks of the access pallet (v2 syntax). Every call is measured at its worst case: the
//! longest texts, the most sources (owned by a caller without the data-user role, so that
//! every source's owner is read), the most parents, a full owner history, and a grant being
//! replaced where a call can replace one. Set-up goes through [`crate::BenchmarkHelper`].

use super::*;
use crate::pallet::{Call, Config, EncryptionKeys, Event, GrantExpiries, Grants, Pallet, Requests};
use alloc::vec;
use dmchain_primitives::{DatasetId, Scope, Visibilities, Visibility};
use frame_benchmarking::v2::*;
use frame_support::{
	ensure,
	pallet_prelude::Get,
	traits::{fungible::Mutate, Hooks},
	weights::Weight,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, One, Saturating};

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

fn fund<T: Config>(who: &T::AccountId) {
	T::Currency::set_balance(who, BalanceOf::<T>::max_value() / 4u32.into());
}

/// A funded approved data user.
fn data_user<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	T::BenchmarkHelper::approve_data_user(&who);
	who
}

/// `len` bytes of text.
fn bytes<S: Get<u32>>() -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'a'; S::get() as usize])
}

/// The latest expiry a grant may have from now.
fn far_expiry<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number().saturating_add(T::MaxGrantPeriod::get())
}

/// A dataset with the longest texts, `MaxSources` sources of `owner` (funded, no data-user
/// role), derived from `parents`, of `visibility`.
fn dataset_of<T: Config>(
	owner: &T::AccountId,
	visibility: Visibility,
	parents: ParentsOf<T>,
) -> Result<DatasetId, BenchmarkError> {
	let sources = T::BenchmarkHelper::sources(owner, T::MaxSources::get());
	Ok(Pallet::<T>::do_create_dataset(
		owner.clone(),
		bytes::<T::MaxTitleLen>(),
		bytes::<T::MaxDescriptionLen>(),
		T::BenchmarkHelper::format(),
		visibility,
		BoundedVec::truncate_from(sources),
		parents,
	)?)
}

/// A funded source owner without the data-user role.
fn source_owner<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("source-owner", index, 0);
	fund::<T>(&who);
	who
}

/// `MaxParents` datasets to derive from.
fn full_parents<T: Config>(owner: &T::AccountId) -> Result<ParentsOf<T>, BenchmarkError> {
	let mut parents = vec![];
	for _ in 0..T::MaxParents::get() {
		parents.push(dataset_of::<T>(owner, Visibility::Consortium, Default::default())?);
	}
	Ok(BoundedVec::truncate_from(parents))
}

/// A consortium dataset owned by a source owner, with a user holding a grant on it.
fn granted<T: Config>() -> Result<(T::AccountId, DatasetId, T::AccountId), BenchmarkError> {
	let owner = source_owner::<T>(0);
	let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
	let user = data_user::<T>("user", 0);
	Pallet::<T>::do_grant_access(
		owner.clone(),
		id,
		user.clone(),
		Scope::Read,
		bytes::<T::MaxPurposeLen>(),
		far_expiry::<T>(),
	)?;
	Ok((owner, id, user))
}

/// `user` asks for derive access to dataset `id` until the latest expiry, with the longest
/// purpose.
fn request<T: Config>(user: &T::AccountId, id: DatasetId) -> Result<(), BenchmarkError> {
	Ok(Pallet::<T>::do_request_access(
		user.clone(),
		id,
		Scope::Derive,
		bytes::<T::MaxPurposeLen>(),
		far_expiry::<T>(),
	)?)
}

/// A consortium dataset owned by a source owner, with a user's request waiting on it.
fn requested<T: Config>() -> Result<(T::AccountId, DatasetId, T::AccountId), BenchmarkError> {
	let owner = source_owner::<T>(0);
	let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
	let user = data_user::<T>("user", 0);
	request::<T>(&user, id)?;
	Ok((owner, id, user))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dataset() -> Result<(), BenchmarkError> {
		let owner = source_owner::<T>(0);
		let parents = full_parents::<T>(&owner)?;
		let sources = T::BenchmarkHelper::sources(&owner, T::MaxSources::get());
		let format = T::BenchmarkHelper::format();
		let id = crate::NextDatasetId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner.clone()),
			bytes::<T::MaxTitleLen>(),
			bytes::<T::MaxDescriptionLen>(),
			format,
			Visibility::Private,
			BoundedVec::truncate_from(sources),
			parents,
		);

		assert_last_event::<T>(Event::DatasetCreated {
			dataset: id,
			owner,
			format,
			visibility: Visibility::Private,
		});
		Ok(())
	}

	#[benchmark]
	fn set_visibility() -> Result<(), BenchmarkError> {
		let owner = source_owner::<T>(0);
		let id = dataset_of::<T>(&owner, Visibility::Private, Default::default())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, Visibility::Public);

		assert_last_event::<T>(Event::VisibilityChanged {
			dataset: id,
			visibility: Visibility::Public,
		});
		Ok(())
	}

	#[benchmark]
	fn transfer_dataset() -> Result<(), BenchmarkError> {
		// The history one short of full; the new owner is the sources' owner without the
		// data-user role, so that every source's owner is read.
		let to = source_owner::<T>(0);
		let id = dataset_of::<T>(&to, Visibility::Consortium, Default::default())?;
		let mut current = to.clone();
		for i in 1..T::MaxOwners::get().saturating_sub(1) {
			let next = data_user::<T>("owner", i);
			Pallet::<T>::do_transfer_dataset(current.clone(), id, next.clone())?;
			current = next;
		}
		ensure!(current != to, BenchmarkError::Stop("MaxOwners must be at least 2 to transfer"));

		#[extrinsic_call]
		_(RawOrigin::Signed(current.clone()), id, to.clone());

		assert_last_event::<T>(Event::DatasetTransferred { dataset: id, from: current, to });
		Ok(())
	}

	#[benchmark]
	fn remove_dataset() -> Result<(), BenchmarkError> {
		let owner = data_user::<T>("owner", 0);
		let parents = full_parents::<T>(&owner)?;
		let id = dataset_of::<T>(&owner, Visibility::Consortium, parents)?;
		let mut current = owner.clone();
		for i in 1..T::MaxOwners::get() {
			let next = data_user::<T>("owner", i);
			Pallet::<T>::do_transfer_dataset(current.clone(), id, next.clone())?;
			current = next;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(current.clone()), id);

		assert_last_event::<T>(Event::DatasetRemoved { dataset: id, owner: current });
		Ok(())
	}

	#[benchmark]
	fn set_format_visibilities() -> Result<(), BenchmarkError> {
		let operator: T::AccountId = account("operator", 0, 0);
		T::BenchmarkHelper::appoint_operator(&operator);
		let format = T::BenchmarkHelper::format();
		let allowed = Visibilities { public: false, consortium: true, private: true };

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), format, allowed);

		assert_last_event::<T>(Event::FormatVisibilitiesSet { format, allowed, by: operator });
		Ok(())
	}

	#[benchmark]
	fn request_access() -> Result<(), BenchmarkError> {
		let owner = source_owner::<T>(0);
		let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
		let user = data_user::<T>("user", 0);
		let expires_at = far_expiry::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(user.clone()),
			id,
			Scope::Derive,
			bytes::<T::MaxPurposeLen>(),
			expires_at,
		);

		assert_last_event::<T>(Event::AccessRequested {
			dataset: id,
			user,
			scope: Scope::Derive,
			expires_at,
		});
		Ok(())
	}

	#[benchmark]
	fn cancel_request() -> Result<(), BenchmarkError> {
		let (_, id, user) = requested::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(user.clone()), id);

		assert!(!Requests::<T>::contains_key(id, &user));
		assert_last_event::<T>(Event::RequestCancelled { dataset: id, user });
		Ok(())
	}

	#[benchmark]
	fn approve_request() -> Result<(), BenchmarkError> {
		// The user holds a grant the approval replaces.
		let (owner, id, user) = granted::<T>()?;
		let expires_at = far_expiry::<T>();
		request::<T>(&user, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, user.clone(), Scope::Derive, expires_at);

		assert_last_event::<T>(Event::AccessGranted {
			dataset: id,
			user,
			scope: Scope::Derive,
			expires_at,
		});
		Ok(())
	}

	#[benchmark]
	fn reject_request() -> Result<(), BenchmarkError> {
		let (owner, id, user) = requested::<T>()?;
		let reason = bytes::<T::MaxPurposeLen>();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, user.clone(), reason.clone());

		assert_last_event::<T>(Event::RequestRejected { dataset: id, user, reason });
		Ok(())
	}

	#[benchmark]
	fn grant_access() -> Result<(), BenchmarkError> {
		// The user holds a grant this one replaces.
		let (owner, id, user) = granted::<T>()?;
		let expires_at = far_expiry::<T>().saturating_sub(One::one());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			id,
			user.clone(),
			Scope::Derive,
			bytes::<T::MaxPurposeLen>(),
			expires_at,
		);

		assert_last_event::<T>(Event::AccessGranted {
			dataset: id,
			user,
			scope: Scope::Derive,
			expires_at,
		});
		Ok(())
	}

	#[benchmark]
	fn revoke_access() -> Result<(), BenchmarkError> {
		let (owner, id, user) = granted::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, user.clone());

		assert!(!Grants::<T>::contains_key(id, &user));
		assert_last_event::<T>(Event::AccessRevoked { dataset: id, user });
		Ok(())
	}

	#[benchmark]
	fn remove_expired_grant() -> Result<(), BenchmarkError> {
		let (_, id, user) = granted::<T>()?;
		let expired_at = far_expiry::<T>();
		frame_system::Pallet::<T>::set_block_number(expired_at);
		let caller: T::AccountId = account("caller", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, user.clone());

		assert_last_event::<T>(Event::ExpiredGrantRemoved { dataset: id, user, expired_at });
		Ok(())
	}

	#[benchmark]
	fn register_encryption_key() -> Result<(), BenchmarkError> {
		let who = T::BenchmarkHelper::key_account();
		fund::<T>(&who);
		// A key is there already: registering replaces it.
		let old = [1u8; 32];
		let proof = T::BenchmarkHelper::sign(&who, &Pallet::<T>::key_proof_message(&who, &old));
		Pallet::<T>::do_register_key(who.clone(), old, proof)?;
		let key = [2u8; 32];
		let proof = T::BenchmarkHelper::sign(&who, &Pallet::<T>::key_proof_message(&who, &key));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), key, proof);

		assert_last_event::<T>(Event::EncryptionKeyRegistered { who, key });
		Ok(())
	}

	#[benchmark]
	fn remove_encryption_key() -> Result<(), BenchmarkError> {
		let who = T::BenchmarkHelper::key_account();
		fund::<T>(&who);
		let key = [1u8; 32];
		let proof = T::BenchmarkHelper::sign(&who, &Pallet::<T>::key_proof_message(&who, &key));
		Pallet::<T>::do_register_key(who.clone(), key, proof)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!EncryptionKeys::<T>::contains_key(&who));
		assert_last_event::<T>(Event::EncryptionKeyRemoved { who });
		Ok(())
	}

	/// `on_idle` removing `n` expired grants (each of a different user, all due).
	#[benchmark]
	fn expire_grants(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner = source_owner::<T>(0);
		let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
		let expires_at = far_expiry::<T>();
		for i in 0..n {
			let user = data_user::<T>("user", i);
			Pallet::<T>::do_grant_access(
				owner.clone(),
				id,
				user,
				Scope::Read,
				bytes::<T::MaxPurposeLen>(),
				expires_at,
			)?;
		}
		frame_system::Pallet::<T>::set_block_number(expires_at);

		#[block]
		{
			Pallet::<T>::on_idle(expires_at, Weight::MAX);
		}

		assert_eq!(GrantExpiries::<T>::iter_keys().count(), 0);
		assert_eq!(Grants::<T>::iter_prefix(id).count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
