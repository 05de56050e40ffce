//! The pallet's storage invariants, checked by `try-runtime` and after every unit test.

use crate::pallet::{
	AuthorizedNodeCount, AuthorizedNodes, Config, Formats, LatestFormatVersion, NextFormatId,
	NodeAuthorizationEnforced, OperatorCount, Operators, Pallet, ParameterHistory,
	ParameterHistoryLength, Parameters, SupervisorCount, Supervisors, Validators,
};
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: the counters match the role maps, no account holds both
	/// roles, format ids and versions are consistent, the history is complete, the
	/// parameters keep their bounds, the validator set is large enough and has no repeats, and
	/// the node authorization list is counted, well formed and not empty while enforced.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(
			Operators::<T>::iter_keys().count() as u32 == OperatorCount::<T>::get(),
			"OperatorCount does not match Operators"
		);
		ensure!(
			Supervisors::<T>::iter_keys().count() as u32 == SupervisorCount::<T>::get(),
			"SupervisorCount does not match Supervisors"
		);
		ensure!(
			OperatorCount::<T>::get() <= T::MaxOperators::get(),
			"more operators than MaxOperators"
		);
		ensure!(
			Operators::<T>::iter_keys().all(|who| !Supervisors::<T>::contains_key(who)),
			"an account is both operator and supervisor"
		);
		ensure!(
			Formats::<T>::iter_keys().all(|id| id < NextFormatId::<T>::get()),
			"a format id is not below NextFormatId"
		);
		// A removed format's name and version stay taken, so the latest version may name a
		// format that is gone; one that is there must match.
		ensure!(
			LatestFormatVersion::<T>::iter().all(|(name, (version, id))| Formats::<T>::get(id)
				.is_none_or(|f| f.spec.name == name && f.spec.version == version)),
			"LatestFormatVersion names a format that does not match"
		);
		ensure!(
			Formats::<T>::iter_values().all(|f| LatestFormatVersion::<T>::get(&f.spec.name)
				.is_some_and(|(latest, _)| latest >= f.spec.version)),
			"a format's version is above its name's latest version"
		);
		ensure!(
			ParameterHistory::<T>::iter_keys().count() as u32 == ParameterHistoryLength::<T>::get(),
			"ParameterHistoryLength does not match ParameterHistory"
		);
		ensure!(Parameters::<T>::get().check().is_ok(), "a parameter is outside its bounds");
		let validators = Validators::<T>::get();
		ensure!(
			validators.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		ensure!(
			validators.iter().enumerate().all(|(i, v)| !validators[..i].contains(v)),
			"a validator is listed twice"
		);
		ensure!(
			AuthorizedNodes::<T>::iter_keys().count() as u32 == AuthorizedNodeCount::<T>::get(),
			"AuthorizedNodeCount does not match AuthorizedNodes"
		);
		ensure!(
			!NodeAuthorizationEnforced::<T>::get() || AuthorizedNodeCount::<T>::get() > 0,
			"node authorization is enforced with no authorized node"
		);
		ensure!(
			AuthorizedNodes::<T>::iter_keys().all(|p| crate::nodes::is_valid_peer_id(&p)),
			"an authorized node's peer id is not a peer id"
		);
		Ok(())
	}
}
