//! Sessions (D3.7 CTL-5): pallet-session hands the validator set to Aura and GRANDPA at each
//! session boundary; the set itself is the operators' (pallet-operator-config), wired in here
//! through two small adapters.

use crate::{
	token::MILLI_UNIT, AccountId, Balance, Balances, BlockNumber, OperatorConfig, Runtime,
	SessionKeys, MINUTES,
};
use alloc::vec::Vec;
use frame_support::parameter_types;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

/// The length of a session: one minute. A validator-set change applies at the start of the
/// session after the one it was made in, so within two minutes. Each session boundary block
/// is reserved for the rotation (pallet-session claims its whole weight), so shorter sessions
/// cost throughput: one block in twenty.
pub const SESSION_PERIOD: BlockNumber = MINUTES;

parameter_types! {
	/// Sessions end every [`SESSION_PERIOD`] blocks.
	pub const Period: BlockNumber = SESSION_PERIOD;
	/// From block 0.
	pub const Offset: BlockNumber = 0;
	/// Held from an account while it has session keys registered: 0.1 DMC.
	pub const KeyDeposit: Balance = 100 * MILLI_UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = crate::RuntimeEvent;
	/// Validators are identified by their accounts (no staking, no stash/controller split).
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	/// The operators' validator set.
	type SessionManager = OperatorValidators;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Nobody is disabled: there is no slashing on a permissioned chain; operators remove a
	/// misbehaving validator.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

/// The session manager: the validator set operators planned, whenever they changed it.
pub struct OperatorValidators;

impl pallet_session::SessionManager<AccountId> for OperatorValidators {
	fn new_session(index: u32) -> Option<Vec<AccountId>> {
		OperatorConfig::plan_session(index)
	}
	/// The genesis sessions take the chain spec's session keys.
	fn new_session_genesis(_: u32) -> Option<Vec<AccountId>> {
		None
	}
	fn end_session(_: u32) {}
	fn start_session(_: u32) {}
}

/// What the operator pallet learns from the sessions: who has session keys, who validates now.
pub struct Sessions;

impl dmchain_primitives::SessionValidators<AccountId> for Sessions {
	fn has_session_keys(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}

	fn current_validators() -> Vec<AccountId> {
		pallet_session::Validators::<Runtime>::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_session_keys_for_benchmark(who: &AccountId) {
		use codec::Decode;
		// Any 64 bytes decode as a pair of public keys; the benchmark only checks presence.
		let keys = SessionKeys::decode(&mut &[7u8; 64][..]).expect("64 bytes are two keys");
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}
