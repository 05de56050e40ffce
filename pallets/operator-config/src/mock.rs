//! A test runtime with system, balances and this pallet; data sources are a small in-memory
//! stand-in for the registry's [`SourceControl`] (the real one is tested in the registry and
//! end to end).

use crate as pallet_operator_config;
use dmchain_primitives::{
	SessionValidators, SourceControl, SourceHold, SourceHolds, SourceId, SourceStatus,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids of the test runtime.
pub type AccountId = u64;

/// An operator from genesis.
pub const OPERATOR: AccountId = 1;
/// A supervisor from genesis.
pub const SUPERVISOR: AccountId = 2;
/// Registers as a data user in the tests.
pub const USER: AccountId = 3;
/// Holds no role.
pub const STRANGER: AccountId = 4;
/// Has no funds at all.
pub const PAUPER: AccountId = 5;
/// What every funded account starts with.
pub const INITIAL_BALANCE: u64 = 1_000_000;
/// The data-user deposit in the tests.
pub const DATA_USER_DEPOSIT: u64 = 500;
/// The most operators in the tests.
pub const MAX_OPERATORS: u32 = 3;
/// The validators of the tests' genesis session.
pub const GENESIS_VALIDATORS: [AccountId; 2] = [20, 21];
/// Has session keys but does not validate at genesis.
pub const CANDIDATE: AccountId = 22;
/// The most validators in the tests.
pub const MAX_VALIDATORS: u32 = 4;
/// The most authorized nodes in the tests.
pub const MAX_AUTHORIZED_NODES: u32 = 2;

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
	pub type OperatorConfig = pallet_operator_config;
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
	static SOURCES: RefCell<BTreeMap<SourceId, (AccountId, SourceStatus, SourceHolds)>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The registry's errors as the stand-in reports them.
pub const SOURCE_NOT_FOUND: DispatchError = DispatchError::Other("SourceNotFound");
/// See [`SOURCE_NOT_FOUND`].
pub const SOURCE_NOT_PENDING: DispatchError = DispatchError::Other("SourceNotPendingApproval");
/// See [`SOURCE_NOT_FOUND`].
pub const SOURCE_ALREADY_HELD: DispatchError = DispatchError::Other("SourceAlreadyHeld");
/// See [`SOURCE_NOT_FOUND`].
pub const SOURCE_NOT_HELD: DispatchError = DispatchError::Other("SourceNotHeld");

/// In-memory data sources with the registry's status rules for approval and rejection.
pub struct MockSources;

impl MockSources {
	/// Adds a source of `owner` in `status`, without holds; returns its id.
	pub fn add(owner: AccountId, status: SourceStatus) -> SourceId {
		SOURCES.with(|sources| {
			let mut sources = sources.borrow_mut();
			let id = sources.keys().next_back().map_or(0, |last| last + 1);
			sources.insert(id, (owner, status, SourceHolds::default()));
			id
		})
	}

	fn update(
		source: SourceId,
		change: impl FnOnce(&mut SourceStatus, &mut SourceHolds) -> DispatchResult,
	) -> DispatchResult {
		SOURCES.with(|sources| match sources.borrow_mut().get_mut(&source) {
			Some((_, status, holds)) => change(status, holds),
			None => Err(SOURCE_NOT_FOUND),
		})
	}

	fn set_hold(source: SourceId, hold: SourceHold, on: bool) -> DispatchResult {
		Self::update(source, |_, holds| {
			if holds.has(hold) == on {
				return Err(if on { SOURCE_ALREADY_HELD } else { SOURCE_NOT_HELD });
			}
			holds.set(hold, on);
			Ok(())
		})
	}

	fn pending(source: SourceId) -> DispatchResult {
		match Self::status_of(source) {
			None => Err(SOURCE_NOT_FOUND),
			Some((SourceStatus::PendingApproval, _)) => Ok(()),
			Some(_) => Err(SOURCE_NOT_PENDING),
		}
	}
}

impl SourceControl<AccountId> for MockSources {
	fn owner_of(source: SourceId) -> Option<AccountId> {
		SOURCES.with(|sources| sources.borrow().get(&source).map(|(owner, ..)| *owner))
	}
	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)> {
		SOURCES.with(|sources| {
			sources.borrow().get(&source).map(|(_, status, holds)| (*status, *holds))
		})
	}
	fn approve(source: SourceId) -> DispatchResult {
		Self::pending(source)?;
		Self::update(source, |status, _| {
			*status = SourceStatus::Active;
			Ok(())
		})
	}
	fn hold(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, true)
	}
	fn lift(source: SourceId, hold: SourceHold) -> DispatchResult {
		Self::set_hold(source, hold, false)
	}
	fn reject(source: SourceId) -> DispatchResult {
		Self::pending(source)?;
		SOURCES.with(|sources| sources.borrow_mut().remove(&source));
		Ok(())
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(owner: &AccountId) -> SourceId {
		Self::add(*owner, SourceStatus::PendingApproval)
	}
}

thread_local! {
	static SESSION_KEYS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
}

/// The consensus layer's sessions: accounts with session keys in memory; the genesis session's
/// validators are [`GENESIS_VALIDATORS`].
pub struct MockSessions;

impl MockSessions {
	/// Registers session keys for `who`.
	pub fn set_keys(who: AccountId) {
		SESSION_KEYS.with(|keys| keys.borrow_mut().push(who));
	}
}

impl SessionValidators<AccountId> for MockSessions {
	fn has_session_keys(who: &AccountId) -> bool {
		SESSION_KEYS.with(|keys| keys.borrow().contains(who))
	}
	fn current_validators() -> Vec<AccountId> {
		GENESIS_VALIDATORS.to_vec()
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_session_keys_for_benchmark(who: &AccountId) {
		Self::set_keys(*who);
	}
}

parameter_types! {
	/// Whether new sources wait for approval in the tests.
	pub static RequireSourceApproval: bool = true;
	/// Chain time in the tests, ms since the Unix epoch.
	pub static Now: u64 = GENESIS_TIME;
}

/// Chain time of the tests' first block.
pub const GENESIS_TIME: u64 = 1_750_000_000_000;
/// The format deposit in the tests.
pub const FORMAT_DEPOSIT: u64 = 700;

/// Chain time as [`Now`] says.
pub struct TestTime;
impl frame_support::traits::UnixTime for TestTime {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(Now::get())
	}
}

/// The format the genesis of the tests registers (id 0): `meter` v1, one required integer.
pub fn genesis_format() -> pallet_operator_config::GenesisFormat {
	dmchain_primitives::FormatSpec {
		name: b"meter".to_vec(),
		version: 1,
		hash_algorithm: dmchain_primitives::HashAlgorithm::Blake2b256,
		fields: vec![dmchain_primitives::FieldSpec {
			name: b"kwh".to_vec(),
			field_type: dmchain_primitives::FieldType::Integer { min: 0, max: 1_000_000 },
			required: true,
		}],
		open: false,
		max_payload_size: 1024,
		encoding: dmchain_primitives::Encoding::Json,
	}
}

impl pallet_operator_config::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type Sources = MockSources;
	type RequireSourceApproval = RequireSourceApproval;
	type UnixTime = TestTime;
	type DataUserDeposit = ConstU64<DATA_USER_DEPOSIT>;
	type FormatDeposit = ConstU64<FORMAT_DEPOSIT>;
	type MaxFormatNameLen = ConstU32<16>;
	type MaxFormatFields = ConstU32<4>;
	type MaxEnumVariants = ConstU32<3>;
	type MaxOperators = ConstU32<MAX_OPERATORS>;
	type MaxSupervisors = ConstU32<2>;
	type MaxNameLen = ConstU32<32>;
	type MaxReasonLen = ConstU32<64>;
	type Sessions = MockSessions;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type MaxAuthorizedNodes = ConstU32<MAX_AUTHORIZED_NODES>;
	type WeightInfo = ();
}

/// Externalities with [`OPERATOR`] and [`SUPERVISOR`] appointed at genesis and everyone but
/// [`PAUPER`] funded.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OPERATOR, SUPERVISOR, USER, STRANGER, 10, 11, 12]
			.into_iter()
			.map(|who| (who, INITIAL_BALANCE))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_operator_config::GenesisConfig::<Test> {
		operators: vec![OPERATOR],
		supervisors: vec![SUPERVISOR],
		formats: vec![genesis_format()],
		parameters: Default::default(),
		authorized_nodes: Vec::new(),
		enforce_node_authorization: false,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext: sp_io::TestExternalities = storage.into();
	ext.execute_with(|| {
		System::set_block_number(1);
		SOURCES.with(|sources| sources.borrow_mut().clear());
		SESSION_KEYS.with(|keys| *keys.borrow_mut() = vec![20, 21, CANDIDATE]);
		Now::set(GENESIS_TIME);
	});
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		OperatorConfig::do_try_state().expect("invariants hold after the test");
	});
}
