//! Benchmarks of the access pallet (v2 syntax). Every call is measured at its worst case: the
//! longest texts, the most sources (owned by a caller without the data-user role, so that
//! every source's owner is read), the most parents, a full owner history, and a grant being
//! replaced where a call can replace one. Set-up goes through [`crate::BenchmarkHelper`].

use super::*;
use crate::pallet::{
	Call, Config, DatasetKeyEpochs, EncryptionKeys, Event, GrantExpiries, Grants, HoldReason,
	Pallet, Requests, WrappedKeys,
};
use alloc::vec;
use dmchain_primitives::{AccessTarget, DatasetId, Scope, Visibilities, Visibility};
use frame_benchmarking::v2::*;
use frame_support::{
	ensure,
	pallet_prelude::Get,
	traits::{
		fungible::{Mutate, MutateHold},
		Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, Pallet as System, RawOrigin};
use sp_runtime::traits::{Bounded, One, Saturating};

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

/// Funds `who` with a millionth of the largest balance: enough for any deposit, and a million
/// funded accounts before the total issuance would overflow (at which point `set_balance`
/// would give nothing).
fn fund<T: Config>(who: &T::AccountId) {
	T::Currency::set_balance(who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
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

/// A consortium dataset of an approved data user over `MaxSources` sources of a source owner
/// without a role, and `n` recipients for its epoch-0 key (the source owner, then grantees who
/// read), each with a registered encryption key.
fn key_holders<T: Config>(
	n: u32,
) -> Result<(T::AccountId, DatasetId, vec::Vec<T::AccountId>), BenchmarkError> {
	let owner = data_user::<T>("owner", 0);
	let writer = source_owner::<T>(0);
	let sources = T::BenchmarkHelper::sources(&writer, T::MaxSources::get());
	let id = Pallet::<T>::do_create_dataset(
		owner.clone(),
		bytes::<T::MaxTitleLen>(),
		bytes::<T::MaxDescriptionLen>(),
		T::BenchmarkHelper::format(),
		Visibility::Consortium,
		BoundedVec::truncate_from(sources),
		Default::default(),
	)?;
	let mut recipients = vec![writer];
	for i in 1..n {
		let user = data_user::<T>("user", i);
		Pallet::<T>::do_grant_access(
			owner.clone(),
			id,
			user.clone(),
			Scope::Read,
			bytes::<T::MaxPurposeLen>(),
			far_expiry::<T>(),
		)?;
		recipients.push(user);
	}
	for who in &recipients {
		EncryptionKeys::<T>::insert(
			who,
			crate::types::EncryptionKey {
				key: [1; 32],
				registered_at: frame_system::Pallet::<T>::block_number(),
				deposit: Default::default(),
			},
		);
	}
	Ok((owner, id, recipients))
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
		// The user holds a read grant the approval replaces with one that cannot read, which
		// moves the key epoch on.
		let (owner, id, user) = granted::<T>()?;
		let expires_at = far_expiry::<T>();
		request::<T>(&user, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, user.clone(), Scope::VerifyOnly, expires_at);

		assert_eq!(DatasetKeyEpochs::<T>::get(id).epoch, 1);
		assert_last_event::<T>(Event::AccessGranted {
			dataset: id,
			user,
			scope: Scope::VerifyOnly,
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
		// The user holds a read grant this one replaces with one that cannot read, which moves
		// the key epoch on.
		let (owner, id, user) = granted::<T>()?;
		let expires_at = far_expiry::<T>().saturating_sub(One::one());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			id,
			user.clone(),
			Scope::VerifyOnly,
			bytes::<T::MaxPurposeLen>(),
			expires_at,
		);

		assert_eq!(DatasetKeyEpochs::<T>::get(id).epoch, 1);
		assert_last_event::<T>(Event::AccessGranted {
			dataset: id,
			user,
			scope: Scope::VerifyOnly,
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
		// The grant could read: the key epoch moved on.
		assert_last_event::<T>(Event::KeyEpochRotated { dataset: id, epoch: 1 });
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

		assert!(!Grants::<T>::contains_key(id, &user));
		System::<T>::assert_has_event(
			<T as frame_system::Config>::RuntimeEvent::from(Event::ExpiredGrantRemoved {
				dataset: id,
				user,
				expired_at,
			})
			.into(),
		);
		assert_last_event::<T>(Event::KeyEpochRotated { dataset: id, epoch: 1 });
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

	/// `on_idle` removing `n` expired grants, all due, each on its own dataset of its own
	/// owner (so no dataset, epoch or deposit entry is shared between them) and each able to
	/// read (so each moves its dataset's key epoch on).
	#[benchmark]
	fn expire_grants(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let expires_at = far_expiry::<T>();
		let mut datasets = vec![];
		for i in 0..n {
			let owner = source_owner::<T>(i);
			let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
			let user = data_user::<T>("user", i);
			Pallet::<T>::do_grant_access(
				owner,
				id,
				user,
				Scope::Read,
				bytes::<T::MaxPurposeLen>(),
				expires_at,
			)?;
			datasets.push(id);
		}
		frame_system::Pallet::<T>::set_block_number(expires_at);

		#[block]
		{
			Pallet::<T>::on_idle(expires_at, Weight::MAX);
		}

		assert_eq!(GrantExpiries::<T>::iter_keys().count(), 0);
		assert!(datasets.iter().all(|id| Grants::<T>::iter_prefix(id).count() == 0));
		assert!(datasets.iter().all(|id| DatasetKeyEpochs::<T>::get(id).epoch == 1));
		Ok(())
	}

	/// `n` recipients, each a new entry (which holds a deposit; a replaced one holds none):
	/// the first a source owner without a role (the access question fails, then the sources'
	/// owners are all read), the others grantees who read.
	#[benchmark]
	fn set_wrapped_keys(
		n: Linear<1, { T::MaxKeyRecipients::get() }>,
	) -> Result<(), BenchmarkError> {
		let (owner, id, recipients) = key_holders::<T>(n)?;
		let keys: WrapsOf<T> = BoundedVec::truncate_from(
			recipients.iter().map(|r| (r.clone(), [0xee; WRAPPED_KEY_LEN])).collect(),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 0, keys);

		assert_eq!(DatasetKeyEpochs::<T>::get(id).wrapped, n);
		assert_eq!(Pallet::<T>::wrapped_key(id, 0, &recipients[0]), Some([0xee; WRAPPED_KEY_LEN]));
		Ok(())
	}

	/// `n` wrapped keys removed by the owner, each paid for by a different account (former
	/// owners), so that each release touches its own accounts.
	#[benchmark]
	fn remove_wrapped_keys(
		n: Linear<1, { T::MaxKeyRecipients::get() }>,
	) -> Result<(), BenchmarkError> {
		let (owner, id, recipients) = key_holders::<T>(n)?;
		for (i, recipient) in recipients.iter().enumerate() {
			let payer = source_owner::<T>(1_000 + i as u32);
			let mut entry = crate::types::WrappedKey {
				wrapped: [0xdd; WRAPPED_KEY_LEN],
				stored_at: frame_system::Pallet::<T>::block_number(),
				depositor: payer.clone(),
				deposit: Default::default(),
			};
			entry.deposit = Pallet::<T>::deposit_for(codec::Encode::encoded_size(&entry));
			T::Currency::hold(&HoldReason::WrappedKeyDeposit.into(), &payer, entry.deposit)?;
			WrappedKeys::<T>::insert((id, 0), recipient, entry);
		}
		DatasetKeyEpochs::<T>::mutate(id, |state| state.wrapped = n);
		let recipients: RecipientsOf<T> = BoundedVec::truncate_from(recipients);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, 0, recipients);

		assert_eq!(DatasetKeyEpochs::<T>::get(id).wrapped, 0);
		Ok(())
	}

	#[benchmark]
	fn rotate_key_epoch() -> Result<(), BenchmarkError> {
		let owner = source_owner::<T>(0);
		let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert_last_event::<T>(Event::KeyEpochRotated { dataset: id, epoch: 1 });
		Ok(())
	}

	/// A receipt for one record, recorded by the owner for a grantee: the record is looked
	/// up, and its source is the last of the dataset's `MaxSources`.
	#[benchmark]
	fn record_receipt() -> Result<(), BenchmarkError> {
		let record = T::BenchmarkHelper::anchored_record();
		let owner = data_user::<T>("owner", 0);
		let mut sources = T::BenchmarkHelper::sources(&owner, T::MaxSources::get() - 1);
		sources.push(record.source);
		let id = Pallet::<T>::do_create_dataset(
			owner.clone(),
			bytes::<T::MaxTitleLen>(),
			bytes::<T::MaxDescriptionLen>(),
			T::BenchmarkHelper::format(),
			Visibility::Consortium,
			BoundedVec::truncate_from(sources),
			Default::default(),
		)?;
		let user = data_user::<T>("user", 0);
		Pallet::<T>::do_grant_access(
			owner.clone(),
			id,
			user.clone(),
			Scope::Read,
			bytes::<T::MaxPurposeLen>(),
			far_expiry::<T>(),
		)?;
		// Receipts recorded before: the indexes are not empty.
		let target = AccessTarget::Record { dataset: id, record };
		Pallet::<T>::do_record_receipt(owner.clone(), target, user.clone(), Scope::Read, [1; 32])?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), target, user.clone(), Scope::Read, [2; 32]);

		assert_last_event::<T>(Event::ReceiptRecorded {
			id: 1,
			target,
			grantee: user,
			delivered: [2; 32],
		});
		Ok(())
	}

	/// `n` receipts past their retention pruned, each of its own grantee on its own dataset
	/// and the last of both its indexes (so each index range goes too).
	#[benchmark]
	fn prune_receipts(n: Linear<1, { T::MaxReceiptsPruned::get() }>) -> Result<(), BenchmarkError> {
		for i in 0..n {
			let owner = source_owner::<T>(i);
			let id = dataset_of::<T>(&owner, Visibility::Consortium, Default::default())?;
			let user = data_user::<T>("user", i);
			Pallet::<T>::do_grant_access(
				owner,
				id,
				user.clone(),
				Scope::Read,
				bytes::<T::MaxPurposeLen>(),
				far_expiry::<T>(),
			)?;
			Pallet::<T>::do_record_receipt(
				user.clone(),
				AccessTarget::Dataset(id),
				user,
				Scope::Read,
				[1; 32],
			)?;
		}
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::ReceiptRetention::get()));
		let caller: T::AccountId = account("caller", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), n);

		assert_last_event::<T>(Event::ReceiptsPruned { count: n, oldest: n as u64 });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
