//! The data registry (D3.7 REP-1..3, PRC-1, PRC-3, PRC-4, SVC-2..4).

use crate::{
	token::{MICRO_UNIT, MILLI_UNIT},
	Balance, Balances, OperatorConfig, Runtime, RuntimeHoldReason, SupervisorAudit, Timestamp,
};
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Held per source entry: 0.1 DMC.
	pub const SourceDepositBase: Balance = 100 * MILLI_UNIT;
	/// Held per byte of a source's description: 0.1 milli-DMC.
	pub const SourceDepositPerByte: Balance = 100 * MICRO_UNIT;
	/// Burnt per anchored record, for its permanent keys and indexes: 10 micro-DMC.
	pub const RecordFee: Balance = 10 * MICRO_UNIT;
	/// Burnt per byte of a record's stored entry: 1 micro-DMC (a plain record of about 100
	/// bytes pays 110 micro-DMC in all, one with 2 KB of metadata about 2 milli-DMC).
	pub const RecordByteFee: Balance = MICRO_UNIT;
}

impl pallet_data_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	/// The operator pallet decides whether a new source waits for approval (CTL-3).
	type SourceAdmission = OperatorConfig;
	/// Operators register the formats records are checked against (ACQ-2).
	type Formats = OperatorConfig;
	/// Operators set clock skew, rate limit, metadata bound and retention (CTL-2).
	type Parameters = OperatorConfig;
	type SourceDepositBase = SourceDepositBase;
	type SourceDepositPerByte = SourceDepositPerByte;
	type RecordFee = RecordFee;
	type RecordByteFee = RecordByteFee;
	type MaxSourceMetadataLen = ConstU32<1024>;
	type MaxMetadataEntries = ConstU32<16>;
	type MaxMetadataKeyLen = ConstU32<32>;
	type MaxMetadataValueLen = ConstU32<128>;
	type MaxRecordsPerCall = ConstU32<1000>;
	type MaxPageSize = ConstU32<100>;
	/// Records under an upheld supervisor case read as invalid in every answer (MON-4).
	type Standing = SupervisorAudit;
	type WeightInfo = pallet_data_registry::weights::SubstrateWeight<Runtime>;
}
