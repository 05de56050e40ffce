//! The validator set (CTL-5): operators add and remove block authors and finality voters; the
//! change reaches consensus at a session boundary. The pallet keeps the planned set and hands
//! it to the runtime's session manager through [`Pallet::plan_session`]; it learns which
//! accounts have session keys, and the genesis set, through [`Config::Sessions`].

use crate::pallet::{Config, Error, Event, Pallet, ValidatorSetChanged, Validators};
use alloc::vec::Vec;
use dmchain_primitives::SessionValidators;
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_add_validator(operator: T::AccountId, who: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
		ensure!(T::Sessions::has_session_keys(&who), Error::<T>::SessionKeysNotSet);
		validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
		Validators::<T>::put(validators);
		ValidatorSetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who, by: operator });
		Ok(())
	}

	pub(crate) fn do_remove_validator(operator: T::AccountId, who: T::AccountId) -> DispatchResult {
		let mut validators = Validators::<T>::get();
		let position =
			validators.iter().position(|v| v == &who).ok_or(Error::<T>::NoSuchValidator)?;
		ensure!(validators.len() as u32 > T::MinValidators::get(), Error::<T>::TooFewValidators);
		validators.remove(position);
		Validators::<T>::put(validators);
		ValidatorSetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who, by: operator });
		Ok(())
	}

	/// The validator set for session `index`, if operators changed it since the last session
	/// was planned; `None` keeps the set the session has. The runtime's session manager calls
	/// this once per session (pallet-session then activates the set one session later and
	/// leaves out any validator whose session keys are gone).
	pub fn plan_session(index: u32) -> Option<Vec<T::AccountId>> {
		if !ValidatorSetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::ValidatorSetPlanned {
			session: index,
			validators: validators.len() as u32,
		});
		Some(validators)
	}

	/// Takes the consensus layer's genesis validators as the first planned set.
	pub(crate) fn adopt_genesis_validators() {
		let validators = BoundedVec::try_from(T::Sessions::current_validators())
			.expect("the genesis validators are at most MaxValidators");
		Validators::<T>::put(validators);
	}
}
