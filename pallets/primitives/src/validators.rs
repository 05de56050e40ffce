//! The validator set as the operator pallet sees it (D3.7 CTL-5): operators decide who validates;
//! the consensus layer (pallet-session feeding Aura and GRANDPA in the runtime) knows which
//! accounts have registered session keys and who validates in the current session.

use alloc::vec::Vec;

/// The consensus layer's sessions, as the pallet that manages the validator set needs them.
/// The runtime implements it over pallet-session.
pub trait SessionValidators<AccountId> {
	/// Whether `who` has registered the session keys (block-authoring and finality keys) its
	/// node signs with: an account without them cannot validate.
	fn has_session_keys(who: &AccountId) -> bool;
	/// The validators of the current session (at genesis: the chain spec's initial ones).
	fn current_validators() -> Vec<AccountId>;
	/// Registers session keys for `who`, for benchmarks of the calls that need them.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_session_keys_for_benchmark(who: &AccountId);
}
