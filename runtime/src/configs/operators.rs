//! Operator configuration: operators and supervisors (appointed by root, a council later), data
//! users, source admission, data formats and data-management parameters (D3.7 CTL-1..4,
//! MON-1, SVC-1, ACQ-2, REP-4) and the validator set (CTL-5).

use crate::{
	token::{MILLI_UNIT, UNIT},
	AccountId, Balance, Balances, DataRegistry, Runtime, RuntimeHoldReason, Timestamp,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32},
};
use frame_system::EnsureRoot;

parameter_types! {
	/// Held per data-user registration: 0.1 DMC.
	pub const DataUserDeposit: Balance = 100 * MILLI_UNIT;
	/// Held per registered data format: 1 DMC (formats are kept for ever).
	pub const FormatDeposit: Balance = UNIT;
}

impl pallet_operator_config::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Sources = DataRegistry;
	/// Every new source waits for an operator's approval (CTL-3).
	type RequireSourceApproval = ConstBool<true>;
	type UnixTime = Timestamp;
	type DataUserDeposit = DataUserDeposit;
	type FormatDeposit = FormatDeposit;
	type MaxFormatNameLen = ConstU32<64>;
	/// As many fields as a record may carry metadata entries.
	type MaxFormatFields = ConstU32<16>;
	type MaxEnumVariants = ConstU32<32>;
	type MaxOperators = ConstU32<32>;
	type MaxSupervisors = ConstU32<32>;
	type MaxNameLen = ConstU32<128>;
	type MaxReasonLen = ConstU32<256>;
	/// The sessions of pallet-session (CTL-5).
	type Sessions = super::sessions::Sessions;
	type MaxValidators = super::consensus::MaxAuthorities;
	type MinValidators = ConstU32<1>;
	/// As many nodes as a consortium of up to 32 validators and their full nodes needs.
	type MaxAuthorizedNodes = ConstU32<128>;
	type WeightInfo = pallet_operator_config::weights::SubstrateWeight<Runtime>;
}
