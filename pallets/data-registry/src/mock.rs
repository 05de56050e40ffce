//! A test runtime with system, balances, timestamp and the data registry.

use crate as pallet_data_registry;
use dmchain_primitives::{SourceAdmission, SourceStatus};
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids of the test runtime.
pub type AccountId = u64;

/// Owns sources in the tests.
pub const OWNER: AccountId = 1;
/// The device account of the owner's sources.
pub const DEVICE: AccountId = 2;
/// Neither owner nor device.
pub const STRANGER: AccountId = 3;
/// Has no funds at all.
pub const PAUPER: AccountId = 4;
/// What every funded account starts with.
pub const INITIAL_BALANCE: u64 = 1_000_000;
/// Chain time of block 1 in the tests, ms since the Unix epoch.
pub const GENESIS_TIME: u64 = 1_750_000_000_000;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeHoldReason,
		RuntimeFreezeReason,
		RuntimeTask
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type DataRegistry = pallet_data_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	/// Whether new sources wait for approval (the operator step of later pallets).
	pub static RequireApproval: bool = false;
}

/// Admits sources at once, or as pending when [`RequireApproval`] is set.
pub struct TestAdmission;
impl SourceAdmission<AccountId> for TestAdmission {
	fn initial_status(_: &AccountId) -> SourceStatus {
		if RequireApproval::get() {
			SourceStatus::PendingApproval
		} else {
			SourceStatus::Active
		}
	}
}

/// The deposit base for a source in the tests.
pub const SOURCE_DEPOSIT_BASE: u64 = 100;
/// The deposit per byte for a source in the tests.
pub const SOURCE_DEPOSIT_PER_BYTE: u64 = 2;
/// The fee per record in the tests.
pub const RECORD_FEE: u64 = 5;
/// The clock skew allowed in the tests, ms.
pub const MAX_CLOCK_SKEW: u64 = 30_000;

impl pallet_data_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type SourceAdmission = TestAdmission;
	type SourceDepositBase = ConstU64<SOURCE_DEPOSIT_BASE>;
	type SourceDepositPerByte = ConstU64<SOURCE_DEPOSIT_PER_BYTE>;
	type RecordFee = ConstU64<RECORD_FEE>;
	type MaxFormatTagLen = frame_support::traits::ConstU32<32>;
	type MaxSourceMetadataLen = frame_support::traits::ConstU32<64>;
	type MaxMetadataEntries = frame_support::traits::ConstU32<4>;
	type MaxMetadataKeyLen = frame_support::traits::ConstU32<16>;
	type MaxMetadataValueLen = frame_support::traits::ConstU32<32>;
	type MaxRecordsPerCall = frame_support::traits::ConstU32<8>;
	type MaxClockSkew = ConstU64<MAX_CLOCK_SKEW>;
	type MaxPageSize = frame_support::traits::ConstU32<5>;
	type WeightInfo = ();
}

/// Storage with the test accounts funded, at block 1 with chain time [`GENESIS_TIME`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, DEVICE, STRANGER].iter().map(|who| (*who, INITIAL_BALANCE)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext: sp_io::TestExternalities = storage.into();
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(GENESIS_TIME);
	});
	ext
}

/// Runs `test` on fresh storage, then checks every invariant of the registry's storage.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		DataRegistry::do_try_state().expect("registry invariants hold after the test");
	});
}
