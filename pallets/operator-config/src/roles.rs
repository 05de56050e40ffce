//! Operators and supervisors: appointed and dismissed by governance (CTL-1, MON-1), checked by
//! this pallet's calls and, through [`Roles`], by other pallets.

use crate::pallet::{
	Config, DataUsers, Error, Event, OperatorCount, Operators, Pallet, SupervisorCount, Supervisors,
};
use crate::types::DataUserStatus;
use dmchain_primitives::Roles;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};

/// The two roles governance appoints.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Role {
	Operator,
	Supervisor,
}

impl<T: Config> Pallet<T> {
	/// The signer, if it is an operator.
	pub(crate) fn ensure_operator(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		let who = ensure_signed(origin)?;
		ensure!(Operators::<T>::contains_key(&who), Error::<T>::NotOperator);
		Ok(who)
	}

	pub(crate) fn do_appoint(role: Role, who: T::AccountId) -> DispatchResult {
		let (already, conflict, limit) = match role {
			Role::Operator => (
				Operators::<T>::contains_key(&who),
				Supervisors::<T>::contains_key(&who),
				T::MaxOperators::get(),
			),
			Role::Supervisor => (
				Supervisors::<T>::contains_key(&who),
				Operators::<T>::contains_key(&who),
				T::MaxSupervisors::get(),
			),
		};
		match role {
			Role::Operator => ensure!(!already, Error::<T>::AlreadyOperator),
			Role::Supervisor => ensure!(!already, Error::<T>::AlreadySupervisor),
		}
		ensure!(!conflict, Error::<T>::RoleConflict);
		let count = Self::count(role);
		if count >= limit {
			return Err(match role {
				Role::Operator => Error::<T>::TooManyOperators,
				Role::Supervisor => Error::<T>::TooManySupervisors,
			}
			.into());
		}
		match role {
			Role::Operator => {
				Operators::<T>::insert(&who, ());
				OperatorCount::<T>::put(count + 1);
				Self::deposit_event(Event::OperatorAppointed { who });
			},
			Role::Supervisor => {
				Supervisors::<T>::insert(&who, ());
				SupervisorCount::<T>::put(count + 1);
				Self::deposit_event(Event::SupervisorAppointed { who });
			},
		}
		Ok(())
	}

	pub(crate) fn do_dismiss(role: Role, who: T::AccountId) -> DispatchResult {
		let count = Self::count(role);
		match role {
			Role::Operator => {
				ensure!(Operators::<T>::take(&who).is_some(), Error::<T>::NoSuchOperator);
				OperatorCount::<T>::put(count.saturating_sub(1));
				Self::deposit_event(Event::OperatorDismissed { who });
			},
			Role::Supervisor => {
				ensure!(Supervisors::<T>::take(&who).is_some(), Error::<T>::NoSuchSupervisor);
				SupervisorCount::<T>::put(count.saturating_sub(1));
				Self::deposit_event(Event::SupervisorDismissed { who });
			},
		}
		Ok(())
	}

	fn count(role: Role) -> u32 {
		match role {
			Role::Operator => OperatorCount::<T>::get(),
			Role::Supervisor => SupervisorCount::<T>::get(),
		}
	}
}

impl<T: Config> Roles<T::AccountId> for Pallet<T> {
	fn is_operator(who: &T::AccountId) -> bool {
		Operators::<T>::contains_key(who)
	}

	fn is_supervisor(who: &T::AccountId) -> bool {
		Supervisors::<T>::contains_key(who)
	}

	fn is_approved_data_user(who: &T::AccountId) -> bool {
		DataUsers::<T>::get(who).is_some_and(|user| user.status == DataUserStatus::Approved)
	}
}
