//! Data users (SVC-1): registration bound to an organisation or person, and the operator's
//! decisions on it.

use crate::{
	pallet::{Config, DataUsers, Error, Event, HoldReason, Pallet},
	types::{BalanceOf, DataUser, DataUserKind, DataUserStatus, NameOf},
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::traits::Zero;

/// What an operator decides about a data user, short of removing it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Decision {
	Approve,
	Suspend,
	Reinstate,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_data_user(
		who: T::AccountId,
		kind: DataUserKind,
		name: NameOf<T>,
		identity_document: [u8; 32],
	) -> DispatchResult {
		ensure!(!DataUsers::<T>::contains_key(&who), Error::<T>::AlreadyRegistered);
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		ensure!(core::str::from_utf8(&name).is_ok(), Error::<T>::InvalidUtf8);
		let deposit = T::DataUserDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::DataUserDeposit.into(), &who, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
		}
		DataUsers::<T>::insert(
			&who,
			DataUser {
				kind,
				name,
				identity_document,
				status: DataUserStatus::Pending,
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::DataUserRegistered { who, kind, deposit });
		Ok(())
	}

	pub(crate) fn do_data_user_decision(
		operator: T::AccountId,
		who: T::AccountId,
		decision: Decision,
	) -> DispatchResult {
		DataUsers::<T>::try_mutate(&who, |entry| {
			let user = entry.as_mut().ok_or(Error::<T>::DataUserNotFound)?;
			user.status = match (decision, user.status) {
				(Decision::Approve, DataUserStatus::Pending) => DataUserStatus::Approved,
				(Decision::Approve, _) => return Err(Error::<T>::DataUserNotPending),
				(Decision::Suspend, DataUserStatus::Approved) => DataUserStatus::Suspended,
				(Decision::Suspend, _) => return Err(Error::<T>::DataUserNotApproved),
				(Decision::Reinstate, DataUserStatus::Suspended) => DataUserStatus::Approved,
				(Decision::Reinstate, _) => return Err(Error::<T>::DataUserNotSuspended),
			};
			Ok(())
		})?;
		let who = who.clone();
		let by = operator;
		Self::deposit_event(match decision {
			Decision::Approve => Event::DataUserApproved { who, by },
			Decision::Suspend => Event::DataUserSuspended { who, by },
			Decision::Reinstate => Event::DataUserReinstated { who, by },
		});
		Ok(())
	}

	pub(crate) fn do_remove_data_user(operator: T::AccountId, who: T::AccountId) -> DispatchResult {
		let user = DataUsers::<T>::take(&who).ok_or(Error::<T>::DataUserNotFound)?;
		Self::release_data_user_deposit(&who, user.deposit)?;
		Self::deposit_event(Event::DataUserRemoved { who, by: operator });
		Ok(())
	}

	pub(crate) fn do_deregister_data_user(who: T::AccountId) -> DispatchResult {
		let user = DataUsers::<T>::get(&who).ok_or(Error::<T>::DataUserNotFound)?;
		ensure!(user.status != DataUserStatus::Suspended, Error::<T>::DataUserSuspended);
		DataUsers::<T>::remove(&who);
		Self::release_data_user_deposit(&who, user.deposit)?;
		Self::deposit_event(Event::DataUserDeregistered { who });
		Ok(())
	}

	fn release_data_user_deposit(who: &T::AccountId, deposit: BalanceOf<T>) -> DispatchResult {
		if !deposit.is_zero() {
			T::Currency::release(
				&HoldReason::DataUserDeposit.into(),
				who,
				deposit,
				Precision::BestEffort,
			)?;
		}
		Ok(())
	}
}
