//! Operator configuration: operators and supervisors (appointed by root, a council later), data
//! users, source admission (D3.7 CTL-1, CTL-3, MON-1, SVC-1).

use crate::{
	token::MILLI_UNIT, AccountId, Balance, Balances, DataRegistry, Runtime, RuntimeHoldReason,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32},
};
use frame_system::EnsureRoot;

parameter_types! {
	/// Held per data-user registration: 0.1 DMC.
	pub const DataUserDeposit: Balance = 100 * MILLI_UNIT;
}

impl pallet_operator_config::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Sources = DataRegistry;
	/// Sources start active until the client and CLI carry the operator's approval step; the
	/// approval calls work already for sources an admission decision put on hold.
	type RequireSourceApproval = ConstBool<false>;
	type DataUserDeposit = DataUserDeposit;
	type MaxOperators = ConstU32<32>;
	type MaxSupervisors = ConstU32<32>;
	type MaxNameLen = ConstU32<128>;
	type MaxReasonLen = ConstU32<256>;
	type WeightInfo = pallet_operator_config::weights::SubstrateWeight<Runtime>;
}
