//! A test runtime with system, balances and the access pallet; roles, sources, records and
//! formats are stand-ins kept in thread-local state.

use crate as pallet_access_permissions;
use dmchain_primitives::{
	ContentHash, DataFormats, FormatId, FormatTerms, FormatUnusable, FormatViolation,
	HashAlgorithm, MetadataEntry, RecordFacts, RecordId, RecordRegistry, Roles, SourceControl,
	SourceHold, SourceHolds, SourceId, SourceStatus,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_runtime::{testing::TestSignature, BuildStorage, DispatchError, DispatchResult};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids of the test runtime.
pub type AccountId = u64;

/// An approved data user who owns datasets.
pub const OWNER: AccountId = 1;
/// An approved data user who asks for access.
pub const USER: AccountId = 2;
/// A second approved data user.
pub const OTHER_USER: AccountId = 3;
/// Owns [`OWN_SOURCE`] but holds no role.
pub const SOURCE_OWNER: AccountId = 4;
/// No role at all.
pub const STRANGER: AccountId = 5;
/// An operator.
pub const OPERATOR: AccountId = 6;
/// An approved data user with no funds.
pub const PAUPER: AccountId = 7;
/// What every funded account starts with.
pub const INITIAL_BALANCE: u64 = 1_000_000;
/// Held per stored item.
pub const DEPOSIT_BASE: u64 = 100;
/// Held per stored byte.
pub const DEPOSIT_PER_BYTE: u64 = 1;
/// The longest grant, in blocks.
pub const MAX_GRANT_PERIOD: u64 = 1_000;

/// A source owned by [`SOURCE_OWNER`].
pub const OWN_SOURCE: SourceId = 0;
/// A source owned by [`STRANGER`].
pub const FOREIGN_SOURCE: SourceId = 1;
/// A source id nobody registered.
pub const MISSING_SOURCE: SourceId = 9;
/// A registered format.
pub const FORMAT: FormatId = 0;
/// A second registered format.
pub const OTHER_FORMAT: FormatId = 1;
/// A format id nobody registered.
pub const MISSING_FORMAT: FormatId = 9;
/// An anchored record of [`OWN_SOURCE`].
pub const RECORD: RecordId = RecordId { source: OWN_SOURCE, index: 0 };
/// An anchored record of [`FOREIGN_SOURCE`].
pub const FOREIGN_RECORD: RecordId = RecordId { source: FOREIGN_SOURCE, index: 0 };

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Access = pallet_access_permissions;
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

thread_local! {
	/// The approved data users.
	static DATA_USERS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// The operators.
	static OPERATORS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// The stand-in registry's sources and their owners.
	static SOURCES: RefCell<BTreeMap<SourceId, AccountId>> = const { RefCell::new(BTreeMap::new()) };
}

/// Makes `who` an approved data user.
pub fn approve_user(who: AccountId) {
	DATA_USERS.with(|u| u.borrow_mut().push(who));
}

/// Suspends `who` as a data user.
pub fn suspend_user(who: AccountId) {
	DATA_USERS.with(|u| u.borrow_mut().retain(|other| *other != who));
}

/// Operators ([`OPERATOR`] and those the benchmarks appoint), and data users as [`approve_user`] and [`suspend_user`] set them.
pub struct TestRoles;
impl Roles<AccountId> for TestRoles {
	fn is_operator(who: &AccountId) -> bool {
		OPERATORS.with(|o| o.borrow().contains(who))
	}
	fn is_supervisor(_: &AccountId) -> bool {
		false
	}
	fn is_approved_data_user(who: &AccountId) -> bool {
		DATA_USERS.with(|u| u.borrow().contains(who))
	}
}

/// The stand-in registry's sources: existence and owner (every source reads as active; the
/// registry's approve, hold, lift and reject are not this pallet's business and are refused).
pub struct TestSources;
impl SourceControl<AccountId> for TestSources {
	fn owner_of(source: SourceId) -> Option<AccountId> {
		SOURCES.with(|s| s.borrow().get(&source).copied())
	}
	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)> {
		Self::owner_of(source).map(|_| (SourceStatus::Active, SourceHolds::default()))
	}
	fn approve(_: SourceId) -> DispatchResult {
		Err(DispatchError::Other("not used"))
	}
	fn hold(_: SourceId, _: SourceHold) -> DispatchResult {
		Err(DispatchError::Other("not used"))
	}
	fn lift(_: SourceId, _: SourceHold) -> DispatchResult {
		Err(DispatchError::Other("not used"))
	}
	fn reject(_: SourceId) -> DispatchResult {
		Err(DispatchError::Other("not used"))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &AccountId) -> SourceId {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			let id = sources.keys().next_back().map_or(0, |last| last + 1);
			sources.insert(id, *owner);
			id
		})
	}
}

/// The stand-in registry's records: [`RECORD`] and [`FOREIGN_RECORD`].
pub struct TestRecords;
impl RecordRegistry<u64> for TestRecords {
	fn record_facts(id: RecordId) -> Option<RecordFacts<u64>> {
		[RECORD, FOREIGN_RECORD].contains(&id).then(|| RecordFacts {
			content: ContentHash { algorithm: HashAlgorithm::Blake2b256, digest: [7; 32] },
			block: 1,
			superseded_by: None,
		})
	}
}

/// The stand-in formats: [`FORMAT`] and [`OTHER_FORMAT`] are registered.
pub struct TestFormats;
impl DataFormats for TestFormats {
	type Format = ();
	fn bind_source(_: FormatId) -> Result<FormatTerms, FormatUnusable> {
		Err(FormatUnusable::NotFound)
	}
	fn unbind_source(_: FormatId) {}
	fn load(_: FormatId) -> Option<()> {
		None
	}
	fn is_registered(id: FormatId) -> bool {
		id == FORMAT || id == OTHER_FORMAT
	}
	fn check<K: AsRef<[u8]>, B: AsRef<[u8]>>(
		_: &(),
		_: &ContentHash,
		_: &[MetadataEntry<K, B>],
	) -> Result<(), FormatViolation> {
		Ok(())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn format_for_benchmark(_: HashAlgorithm, _: Vec<Vec<u8>>, _: u32) -> (FormatId, Vec<u8>) {
		(FORMAT, Vec::new())
	}
}

/// Benchmark set-up on the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, TestSignature> for TestHelper {
	fn approve_data_user(who: &AccountId) {
		approve_user(*who);
	}
	fn appoint_operator(who: &AccountId) {
		OPERATORS.with(|o| o.borrow_mut().push(*who));
	}
	fn format() -> FormatId {
		FORMAT
	}
	fn sources(owner: &AccountId, count: u32) -> Vec<SourceId> {
		(0..count).map(|_| TestSources::pending_source_for_benchmark(owner)).collect()
	}
	fn key_account() -> AccountId {
		OPERATOR
	}
	fn sign(who: &AccountId, message: &[u8]) -> TestSignature {
		TestSignature(*who, message.to_vec())
	}
	fn anchored_record() -> RecordId {
		RECORD
	}
}

parameter_types! {
	/// The longest grant.
	pub const MaxGrantPeriod: u64 = MAX_GRANT_PERIOD;
	/// Receipts are kept 10 blocks in the tests.
	pub const ReceiptRetention: u64 = RECEIPT_RETENTION;
}

/// How long the tests keep a receipt, in blocks.
pub const RECEIPT_RETENTION: u64 = 10;

/// The tests' clock: 6 seconds a block, from the Unix epoch.
pub struct BlockClock;
impl frame_support::traits::UnixTime for BlockClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(6 * System::block_number())
	}
}

impl pallet_access_permissions::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Roles = TestRoles;
	type Sources = TestSources;
	type Records = TestRecords;
	type Formats = TestFormats;
	type Signature = TestSignature;
	type DepositBase = frame_support::traits::ConstU64<DEPOSIT_BASE>;
	type DepositPerByte = frame_support::traits::ConstU64<DEPOSIT_PER_BYTE>;
	type MaxTitleLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<64>;
	type MaxPurposeLen = ConstU32<32>;
	type MaxSources = ConstU32<4>;
	type MaxParents = ConstU32<3>;
	type MaxOwners = ConstU32<3>;
	type MaxPendingRequests = ConstU32<2>;
	type MaxGrantPeriod = MaxGrantPeriod;
	type MaxProvenance = ConstU32<4>;
	type MaxExpiriesPerBlock = ConstU32<2>;
	type MaxPageSize = ConstU32<3>;
	type MaxKeyRecipients = ConstU32<3>;
	type ReceiptRetention = ReceiptRetention;
	type MaxReceiptsPruned = ConstU32<2>;
	type Time = BlockClock;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestHelper;
}

/// Storage with the test accounts funded at block 1; [`OWNER`], [`USER`], [`OTHER_USER`] and
/// [`PAUPER`] approved data users; the stand-in registry with [`OWN_SOURCE`] and
/// [`FOREIGN_SOURCE`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	DATA_USERS.with(|u| *u.borrow_mut() = vec![OWNER, USER, OTHER_USER, PAUPER]);
	OPERATORS.with(|o| *o.borrow_mut() = vec![OPERATOR]);
	SOURCES.with(|s| {
		*s.borrow_mut() =
			[(OWN_SOURCE, SOURCE_OWNER), (FOREIGN_SOURCE, STRANGER)].into_iter().collect()
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, USER, OTHER_USER, SOURCE_OWNER, STRANGER, OPERATOR]
			.iter()
			.map(|who| (*who, INITIAL_BALANCE))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on [`new_test_ext`], then checks the pallet's storage invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Access::do_try_state().expect("access invariants hold after the test");
	});
}
