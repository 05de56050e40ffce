//! A test runtime with system, balances, timestamp and the data registry.

use crate as pallet_data_registry;
use dmchain_primitives::{
	ContentHash, CurrentParameters, DataFormats, DataParameters, Encoding, FieldSpec, FormatId,
	FormatSpec, FormatTerms, FormatUnusable, FormatViolation, HashAlgorithm, MetadataEntry,
	SourceAdmission, SourceStatus,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::BuildStorage;
use std::{cell::RefCell, collections::BTreeMap};

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
	/// Non-zero database weights, so that the tests see the refund of an unwritten item.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
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

/// A data format as the tests write it.
pub type TestFormat = FormatSpec<Vec<u8>, Vec<FieldSpec<Vec<u8>, Vec<Vec<u8>>>>>;

/// The format every test source takes unless a test registers another: open (any field),
/// BLAKE2b-256.
pub const OPEN_FORMAT: FormatId = 0;

thread_local! {
	/// The formats of the test chain: id to (format, deprecated).
	static FORMATS: RefCell<BTreeMap<FormatId, (TestFormat, bool)>> = RefCell::new(
		[(OPEN_FORMAT, (open_format(), false))].into_iter().collect()
	);
	/// How many sources each format has bound (`DataFormats::bind_source` minus
	/// `unbind_source`).
	static BOUND: RefCell<BTreeMap<FormatId, i64>> = const { RefCell::new(BTreeMap::new()) };
	/// How many times the registry loaded a format (`DataFormats::load`).
	static LOADS: RefCell<u32> = const { RefCell::new(0) };
}

/// How many times the registry loaded a format so far.
pub fn format_loads() -> u32 {
	LOADS.with(|l| *l.borrow())
}

/// How many sources are bound to `format` by the registry's calls so far.
pub fn bound_sources(format: FormatId) -> i64 {
	BOUND.with(|b| b.borrow().get(&format).copied().unwrap_or(0))
}

/// The format [`OPEN_FORMAT`] names.
pub fn open_format() -> TestFormat {
	FormatSpec {
		name: b"open".to_vec(),
		version: 1,
		hash_algorithm: HashAlgorithm::Blake2b256,
		fields: Vec::new(),
		open: true,
		max_payload_size: 1 << 20,
		encoding: Encoding::Json,
	}
}

/// Adds `format` to the test chain; returns its id.
pub fn add_format(format: TestFormat) -> FormatId {
	FORMATS.with(|f| {
		let mut formats = f.borrow_mut();
		let id = formats.len() as FormatId;
		formats.insert(id, (format, false));
		id
	})
}

/// Marks `id` deprecated.
pub fn deprecate_format(id: FormatId) {
	FORMATS.with(|f| f.borrow_mut().get_mut(&id).expect("a known format").1 = true);
}

/// The formats of the test chain, kept in a thread-local map the tests fill.
pub struct TestFormats;
impl DataFormats for TestFormats {
	type Format = TestFormat;

	fn bind_source(id: FormatId) -> Result<FormatTerms, FormatUnusable> {
		match FORMATS.with(|f| f.borrow().get(&id).cloned()) {
			None => Err(FormatUnusable::NotFound),
			Some((_, true)) => Err(FormatUnusable::Deprecated),
			Some((format, false)) => {
				BOUND.with(|b| *b.borrow_mut().entry(id).or_default() += 1);
				Ok(format.terms())
			},
		}
	}

	fn unbind_source(id: FormatId) {
		BOUND.with(|b| *b.borrow_mut().entry(id).or_default() -= 1);
	}

	fn load(id: FormatId) -> Option<TestFormat> {
		LOADS.with(|l| *l.borrow_mut() += 1);
		FORMATS.with(|f| f.borrow().get(&id).map(|(format, _)| format.clone()))
	}

	fn is_registered(id: FormatId) -> bool {
		FORMATS.with(|f| f.borrow().contains_key(&id))
	}

	fn check<K: AsRef<[u8]>, B: AsRef<[u8]>>(
		format: &TestFormat,
		content: &ContentHash,
		metadata: &[MetadataEntry<K, B>],
	) -> Result<(), FormatViolation> {
		format.check_record(content, metadata)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn format_for_benchmark(
		algorithm: HashAlgorithm,
		fields: Vec<Vec<u8>>,
		value_len: u32,
	) -> (FormatId, Vec<u8>) {
		let variants = dmchain_primitives::benchmark_variants(32, value_len);
		let matching = variants.last().cloned().unwrap_or_default();
		let id = add_format(FormatSpec {
			hash_algorithm: algorithm,
			fields: fields
				.into_iter()
				.map(|name| FieldSpec {
					name,
					field_type: dmchain_primitives::FieldType::Enum(variants.clone()),
					required: true,
				})
				.collect(),
			open: false,
			..open_format()
		});
		(id, matching)
	}
}

parameter_types! {
	/// The data-management parameters of the test chain.
	pub static Parameters: DataParameters =
		DataParameters { max_clock_skew: MAX_CLOCK_SKEW, ..DataParameters::default() };
}

/// Answers [`Parameters`].
pub struct TestParameters;
impl CurrentParameters for TestParameters {
	fn current() -> DataParameters {
		Parameters::get()
	}
}

/// The deposit base for a source in the tests.
pub const SOURCE_DEPOSIT_BASE: u64 = 100;
/// The deposit per byte for a source in the tests.
pub const SOURCE_DEPOSIT_PER_BYTE: u64 = 2;
/// The fee per record in the tests.
pub const RECORD_FEE: u64 = 5;
/// Burnt per byte of a stored record.
pub const RECORD_BYTE_FEE: u64 = 1;
/// The clock skew allowed in the tests, ms.
pub const MAX_CLOCK_SKEW: u64 = 30_000;

impl pallet_data_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type SourceAdmission = TestAdmission;
	type Formats = TestFormats;
	type Parameters = TestParameters;
	type SourceDepositBase = ConstU64<SOURCE_DEPOSIT_BASE>;
	type SourceDepositPerByte = ConstU64<SOURCE_DEPOSIT_PER_BYTE>;
	type RecordFee = ConstU64<RECORD_FEE>;
	type RecordByteFee = ConstU64<RECORD_BYTE_FEE>;
	type MaxSourceMetadataLen = frame_support::traits::ConstU32<64>;
	type MaxMetadataEntries = frame_support::traits::ConstU32<4>;
	type MaxMetadataKeyLen = frame_support::traits::ConstU32<16>;
	type MaxMetadataValueLen = frame_support::traits::ConstU32<32>;
	type MaxRecordsPerCall = frame_support::traits::ConstU32<8>;
	type MaxPageSize = frame_support::traits::ConstU32<5>;
	type Standing = TestStanding;
	type WeightInfo = ();
}

parameter_types! {
	/// The records the tests mark as under an upheld case: (record, case).
	pub static UpheldCases: Vec<(dmchain_primitives::RecordId, dmchain_primitives::CaseId)> =
		Vec::new();
}

/// Supervisors' verdicts as the tests set them in [`UpheldCases`].
pub struct TestStanding;
impl dmchain_primitives::RecordStanding for TestStanding {
	fn upheld_case(id: dmchain_primitives::RecordId) -> Option<dmchain_primitives::CaseId> {
		UpheldCases::get().into_iter().find(|(record, _)| *record == id).map(|(_, case)| case)
	}
}

/// Storage with the test accounts funded, at block 1 with chain time [`GENESIS_TIME`].
pub fn new_test_ext() -> sp_io::TestExternalities {
	FORMATS
		.with(|f| *f.borrow_mut() = [(OPEN_FORMAT, (open_format(), false))].into_iter().collect());
	BOUND.with(|b| b.borrow_mut().clear());
	LOADS.with(|l| *l.borrow_mut() = 0);
	RequireApproval::set(false);
	UpheldCases::set(Vec::new());
	Parameters::set(DataParameters { max_clock_skew: MAX_CLOCK_SKEW, ..DataParameters::default() });
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
