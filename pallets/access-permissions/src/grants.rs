//! Access requests and grants, and the expiry queue that cleans up expired grants (D3.7
//! MGMT-1, PRC-2, PRC-5).

use crate::{
	datasets::check_purpose,
	pallet::{Config, Datasets, Error, Event, GrantExpiries, Grants, HoldReason, Pallet, Requests},
	types::{DatasetOf, ExpiryKey, Grant, GrantOf, PurposeOf, Request, RequestOf},
	weights::WeightInfo,
};
use codec::Encode;
use dmchain_primitives::{DatasetId, Roles, Scope, Visibility};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto},
	DispatchResult,
};

/// The expiry-queue key of block `block`.
fn expiry_key<T: Config>(block: BlockNumberFor<T>) -> ExpiryKey {
	ExpiryKey::new(block.unique_saturated_into())
}

impl<T: Config> Pallet<T> {
	/// Refuses an expiry that is not after the current block or more than `MaxGrantPeriod`
	/// blocks after it.
	fn check_expiry(expires_at: BlockNumberFor<T>) -> Result<(), Error<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(expires_at > now, Error::<T>::ExpiryNotInFuture);
		ensure!(
			expires_at <= now.saturating_add(T::MaxGrantPeriod::get()),
			Error::<T>::GrantTooLong
		);
		Ok(())
	}

	/// Refuses a grant or request on `dataset` for `user`: the owner needs none, a public
	/// dataset takes none, and only approved data users hold them.
	fn check_grantee(dataset: &DatasetOf<T>, user: &T::AccountId) -> Result<(), Error<T>> {
		ensure!(&dataset.owner != user, Error::<T>::OwnerNeedsNoGrant);
		ensure!(dataset.visibility != Visibility::Public, Error::<T>::DatasetIsPublic);
		ensure!(T::Roles::is_approved_data_user(user), Error::<T>::NotApprovedDataUser);
		Ok(())
	}

	pub(crate) fn do_request_access(
		who: T::AccountId,
		id: DatasetId,
		scope: Scope,
		purpose: PurposeOf<T>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(T::Roles::is_approved_data_user(&who), Error::<T>::NotApprovedDataUser);
		let mut dataset = Datasets::<T>::get(id).ok_or(Error::<T>::DatasetNotFound)?;
		Self::check_grantee(&dataset, &who)?;
		ensure!(!Requests::<T>::contains_key(id, &who), Error::<T>::RequestPending);
		ensure!(dataset.requests < T::MaxPendingRequests::get(), Error::<T>::TooManyRequests);
		check_purpose::<T>(&purpose)?;
		Self::check_expiry(expires_at)?;

		let now = frame_system::Pallet::<T>::block_number();
		let mut request =
			Request { scope, purpose, expires_at, requested_at: now, deposit: Default::default() };
		request.deposit = Self::deposit_for(request.encoded_size());
		T::Currency::hold(&HoldReason::RequestDeposit.into(), &who, request.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		Requests::<T>::insert(id, &who, request);
		dataset.requests = dataset.requests.saturating_add(1);
		Datasets::<T>::insert(id, dataset);
		Self::deposit_event(Event::AccessRequested { dataset: id, user: who, scope, expires_at });
		Ok(())
	}

	/// Takes `user`'s request on dataset `id` out of storage and releases its deposit.
	fn settle_request(id: DatasetId, user: &T::AccountId) -> Result<RequestOf<T>, DispatchError> {
		let request = Requests::<T>::take(id, user).ok_or(Error::<T>::RequestNotFound)?;
		T::Currency::release(
			&HoldReason::RequestDeposit.into(),
			user,
			request.deposit,
			Precision::BestEffort,
		)?;
		Datasets::<T>::mutate_extant(id, |d| d.requests = d.requests.saturating_sub(1));
		Ok(request)
	}

	pub(crate) fn do_cancel_request(who: T::AccountId, id: DatasetId) -> DispatchResult {
		Self::settle_request(id, &who)?;
		Self::deposit_event(Event::RequestCancelled { dataset: id, user: who });
		Ok(())
	}

	pub(crate) fn do_approve_request(
		who: T::AccountId,
		id: DatasetId,
		user: T::AccountId,
		scope: Scope,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		let dataset = Self::owned(&who, id)?;
		// Taken (and its deposit released) before the checks: a refusal below rolls the call
		// back, request and deposit included.
		let request = Self::settle_request(id, &user)?;
		ensure!(request.scope.covers(scope), Error::<T>::ScopeWiderThanRequested);
		ensure!(expires_at <= request.expires_at, Error::<T>::ExpiryLaterThanRequested);
		Self::check_expiry(expires_at)?;
		Self::check_grantee(&dataset, &user)?;
		Self::put_grant(who, id, user, scope, request.purpose, expires_at)
	}

	pub(crate) fn do_reject_request(
		who: T::AccountId,
		id: DatasetId,
		user: T::AccountId,
		reason: PurposeOf<T>,
	) -> DispatchResult {
		Self::owned(&who, id)?;
		check_purpose::<T>(&reason)?;
		Self::settle_request(id, &user)?;
		Self::deposit_event(Event::RequestRejected { dataset: id, user, reason });
		Ok(())
	}

	pub(crate) fn do_grant_access(
		who: T::AccountId,
		id: DatasetId,
		user: T::AccountId,
		scope: Scope,
		purpose: PurposeOf<T>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		let dataset = Self::owned(&who, id)?;
		Self::check_grantee(&dataset, &user)?;
		check_purpose::<T>(&purpose)?;
		Self::check_expiry(expires_at)?;
		Self::put_grant(who, id, user, scope, purpose, expires_at)
	}

	/// Stores a grant paid for by `owner`, replacing (and refunding) one `user` held, and
	/// queues it under its expiry. Replacing a grant that reads with one that does not moves
	/// the key epoch on.
	fn put_grant(
		owner: T::AccountId,
		id: DatasetId,
		user: T::AccountId,
		scope: Scope,
		purpose: PurposeOf<T>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		if let Some(old) = Self::take_grant(id, &user)? {
			Self::rotate_after_grant(id, old.scope, Some(scope))?;
		}
		let mut grant = Grant {
			scope,
			purpose,
			expires_at,
			granted_at: frame_system::Pallet::<T>::block_number(),
			depositor: owner.clone(),
			deposit: Default::default(),
		};
		grant.deposit = Self::deposit_for(grant.encoded_size());
		T::Currency::hold(&HoldReason::GrantDeposit.into(), &owner, grant.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		GrantExpiries::<T>::insert(expiry_key::<T>(expires_at), (id, &user), ());
		Grants::<T>::insert(id, &user, grant);
		Datasets::<T>::mutate_extant(id, |d| d.grants = d.grants.saturating_add(1));
		Self::deposit_event(Event::AccessGranted { dataset: id, user, scope, expires_at });
		Ok(())
	}

	/// Takes `user`'s grant on dataset `id` (if any) out of storage and the expiry queue and
	/// releases its deposit.
	fn take_grant(id: DatasetId, user: &T::AccountId) -> Result<Option<GrantOf<T>>, DispatchError> {
		let Some(grant) = Grants::<T>::take(id, user) else { return Ok(None) };
		GrantExpiries::<T>::remove(expiry_key::<T>(grant.expires_at), (id, user));
		T::Currency::release(
			&HoldReason::GrantDeposit.into(),
			&grant.depositor,
			grant.deposit,
			Precision::BestEffort,
		)?;
		Datasets::<T>::mutate_extant(id, |d| d.grants = d.grants.saturating_sub(1));
		Ok(Some(grant))
	}

	pub(crate) fn do_revoke_access(
		who: T::AccountId,
		id: DatasetId,
		user: T::AccountId,
	) -> DispatchResult {
		Self::owned(&who, id)?;
		let grant = Self::take_grant(id, &user)?.ok_or(Error::<T>::GrantNotFound)?;
		Self::deposit_event(Event::AccessRevoked { dataset: id, user });
		Self::rotate_after_grant(id, grant.scope, None)?;
		Ok(())
	}

	pub(crate) fn do_remove_expired_grant(id: DatasetId, user: T::AccountId) -> DispatchResult {
		let grant = Grants::<T>::get(id, &user).ok_or(Error::<T>::GrantNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= grant.expires_at, Error::<T>::GrantNotExpired);
		Self::take_grant(id, &user)?;
		Self::deposit_event(Event::ExpiredGrantRemoved {
			dataset: id,
			user,
			expired_at: grant.expires_at,
		});
		Self::rotate_after_grant(id, grant.scope, None)
	}

	/// Removes expired grants from the front of the expiry queue while `remaining` covers
	/// another one, at most `MaxExpiriesPerBlock`; returns the weight used.
	pub(crate) fn expire_grants(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let base = T::WeightInfo::expire_grants(0);
		let per_grant = T::WeightInfo::expire_grants(1).saturating_sub(base);
		if remaining.any_lt(base.saturating_add(per_grant)) {
			return Weight::zero();
		}
		let now: u64 = now.unique_saturated_into();
		let affordable = remaining.saturating_sub(base);
		let mut removed = 0u32;
		let limit = T::MaxExpiriesPerBlock::get();
		// The queue's first keys are its earliest expiries ([`ExpiryKey`] is big-endian).
		let due: alloc::vec::Vec<_> = GrantExpiries::<T>::iter_keys()
			.take(limit as usize)
			.take_while(|(key, _)| key.block() <= now)
			.collect();
		for (key, (id, user)) in due {
			if affordable.any_lt(per_grant.saturating_mul((removed + 1).into())) {
				break;
			}
			// Every queued grant is in `Grants` (try_state checks it). A release that fails
			// (it releases best effort, so it should not) leaves the grant and the rest of the
			// queue as they were, for a later block or the permissionless call.
			let result = frame_support::storage::with_storage_layer(|| {
				let Some(grant) = Self::take_grant(id, &user)? else { return Ok(None) };
				Self::deposit_event(Event::ExpiredGrantRemoved {
					dataset: id,
					user: user.clone(),
					expired_at: grant.expires_at,
				});
				Self::rotate_after_grant(id, grant.scope, None)?;
				Ok::<_, DispatchError>(Some(()))
			});
			removed += 1;
			match result {
				Ok(Some(())) => {},
				Ok(None) => GrantExpiries::<T>::remove(key, (id, &user)),
				Err(_) => break,
			}
		}
		T::WeightInfo::expire_grants(removed)
	}
}
