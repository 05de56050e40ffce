//! A test runtime with system, balances and the supervisor audit; the registry and the roles
//! are stand-ins kept in thread-local state.

use crate as pallet_supervisor_audit;
use dmchain_primitives::{
	ContentHash, HashAlgorithm, RecordFacts, RecordId, RecordRegistry, Roles, SourceControl,
	SourceHold, SourceHolds, SourceId, SourceStatus,
};
use frame_support::{derive_impl, parameter_types, traits::ConstU64};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;

/// Account ids of the test runtime.
pub type AccountId = u64;

/// A supervisor.
pub const SUPERVISOR: AccountId = 1;
/// A second supervisor.
pub const SECOND: AccountId = 2;
/// No role at all.
pub const STRANGER: AccountId = 3;
/// A supervisor with no funds.
pub const PAUPER: AccountId = 4;
/// What every funded account starts with.
pub const INITIAL_BALANCE: u64 = 1_000_000;
/// The fee of an entry.
pub const ENTRY_FEE: u64 = 50;
/// The fee per byte of text.
pub const BYTE_FEE: u64 = 2;

/// An active source of the stand-in registry.
pub const SOURCE: SourceId = 0;
/// A second active source.
pub const OTHER_SOURCE: SourceId = 1;
/// A retired source.
pub const RETIRED: SourceId = 2;
/// Record 0 of [`SOURCE`].
pub const RECORD: RecordId = RecordId { source: SOURCE, index: 0 };
/// Record 1 of [`SOURCE`], which replaced [`RECORD`].
pub const NEWER: RecordId = RecordId { source: SOURCE, index: 1 };
/// Record 0 of [`OTHER_SOURCE`].
pub const OTHER_RECORD: RecordId = RecordId { source: OTHER_SOURCE, index: 0 };

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
	pub type Audit = pallet_supervisor_audit;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

thread_local! {
	/// The supervisors.
	static SUPERVISORS: RefCell<Vec<AccountId>> = const { RefCell::new(Vec::new()) };
	/// The stand-in registry's sources.
	static SOURCES: RefCell<BTreeMap<SourceId, (SourceStatus, SourceHolds)>> =
		const { RefCell::new(BTreeMap::new()) };
	/// The stand-in registry's records.
	static RECORDS: RefCell<BTreeMap<RecordId, RecordFacts<u64>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The holds on `source` in the stand-in registry.
pub fn holds_of(source: SourceId) -> SourceHolds {
	SOURCES.with(|s| s.borrow().get(&source).expect("a known source").1)
}

/// Puts `hold` on `source` in the stand-in registry, as another authority would.
pub fn put_hold(source: SourceId, hold: SourceHold) {
	SOURCES.with(|s| s.borrow_mut().get_mut(&source).expect("a known source").1.set(hold, true));
}

/// The digest anchored by `id` in the stand-in registry.
pub fn digest_of(id: RecordId) -> [u8; 32] {
	let mut digest = [0u8; 32];
	digest[0] = id.source as u8;
	digest[1] = id.index as u8;
	digest[31] = 0xaa;
	digest
}

/// Appoints and dismisses supervisors for the tests.
pub struct TestRoles;
impl Roles<AccountId> for TestRoles {
	fn is_operator(_: &AccountId) -> bool {
		false
	}
	fn is_supervisor(who: &AccountId) -> bool {
		SUPERVISORS.with(|s| s.borrow().contains(who))
	}
	fn is_approved_data_user(_: &AccountId) -> bool {
		false
	}
}

/// Makes `who` a supervisor.
pub fn appoint(who: AccountId) {
	SUPERVISORS.with(|s| s.borrow_mut().push(who));
}

/// Dismisses `who`.
pub fn dismiss(who: AccountId) {
	SUPERVISORS.with(|s| s.borrow_mut().retain(|other| *other != who));
}

/// The registry's rules, as the real registry keeps them: a hold already on or a lift of a
/// hold that is not on is refused, a retired source takes no hold, only a source waiting for
/// approval is approved or rejected.
pub struct TestSources;
impl SourceControl<AccountId> for TestSources {
	fn owner_of(_: SourceId) -> Option<AccountId> {
		None
	}
	fn status_of(source: SourceId) -> Option<(SourceStatus, SourceHolds)> {
		SOURCES.with(|s| s.borrow().get(&source).copied())
	}
	fn approve(source: SourceId) -> DispatchResult {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			let (status, _) =
				sources.get_mut(&source).ok_or(DispatchError::Other("SourceNotFound"))?;
			if *status != SourceStatus::PendingApproval {
				return Err(DispatchError::Other("SourceNotPendingApproval"));
			}
			*status = SourceStatus::Active;
			Ok(())
		})
	}
	fn hold(source: SourceId, hold: SourceHold) -> DispatchResult {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			let (status, holds) =
				sources.get_mut(&source).ok_or(DispatchError::Other("SourceNotFound"))?;
			if *status == SourceStatus::Retired {
				return Err(DispatchError::Other("SourceRetired"));
			}
			if holds.has(hold) {
				return Err(DispatchError::Other("SourceAlreadyFrozen"));
			}
			holds.set(hold, true);
			Ok(())
		})
	}
	fn lift(source: SourceId, hold: SourceHold) -> DispatchResult {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			let (_, holds) =
				sources.get_mut(&source).ok_or(DispatchError::Other("SourceNotFound"))?;
			if !holds.has(hold) {
				return Err(DispatchError::Other("SourceNotFrozen"));
			}
			holds.set(hold, false);
			Ok(())
		})
	}
	fn reject(source: SourceId) -> DispatchResult {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			match sources.get(&source) {
				None => Err(DispatchError::Other("SourceNotFound")),
				Some((SourceStatus::PendingApproval, _)) => {
					sources.remove(&source);
					Ok(())
				},
				Some(_) => Err(DispatchError::Other("SourceNotPendingApproval")),
			}
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn pending_source_for_benchmark(_: &AccountId) -> SourceId {
		SOURCES.with(|s| {
			let mut sources = s.borrow_mut();
			let id = sources.keys().next_back().map_or(0, |last| last + 1);
			sources.insert(id, (SourceStatus::PendingApproval, SourceHolds::default()));
			id
		})
	}
}

/// The stand-in registry's records.
pub struct TestRecords;
impl RecordRegistry<u64> for TestRecords {
	fn record_facts(id: RecordId) -> Option<RecordFacts<u64>> {
		RECORDS.with(|r| r.borrow().get(&id).cloned())
	}
}

/// Benchmark set-up on the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct TestHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for TestHelper {
	fn appoint_supervisor(who: &AccountId) {
		appoint(*who);
	}
	fn active_source() -> SourceId {
		SOURCE
	}
	fn anchored_record() -> RecordId {
		RECORD
	}
}

parameter_types! {
	/// The most findings a test case gathers.
	pub const MaxFindings: u32 = 3;
}

impl pallet_supervisor_audit::Config for Test {
	type Currency = Balances;
	type Roles = TestRoles;
	type Sources = TestSources;
	type Records = TestRecords;
	type EntryFee = ConstU64<ENTRY_FEE>;
	type ByteFee = ConstU64<BYTE_FEE>;
	type MaxTextLen = frame_support::traits::ConstU32<64>;
	type MaxFlagsPerCase = frame_support::traits::ConstU32<4>;
	type MaxFindingsPerCase = MaxFindings;
	type MaxPageSize = frame_support::traits::ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestHelper;
}

/// Storage with the test accounts funded at block 1; [`SUPERVISOR`] and [`SECOND`] (and the
/// penniless [`PAUPER`]) appointed; the stand-in registry with two active sources, a retired
/// one, and three records.
pub fn new_test_ext() -> sp_io::TestExternalities {
	SUPERVISORS.with(|s| *s.borrow_mut() = vec![SUPERVISOR, SECOND, PAUPER]);
	SOURCES.with(|s| {
		*s.borrow_mut() = [
			(SOURCE, (SourceStatus::Active, SourceHolds::default())),
			(OTHER_SOURCE, (SourceStatus::Active, SourceHolds::default())),
			(RETIRED, (SourceStatus::Retired, SourceHolds::default())),
		]
		.into_iter()
		.collect()
	});
	RECORDS.with(|r| {
		*r.borrow_mut() = [(RECORD, Some(1)), (NEWER, None), (OTHER_RECORD, None)]
			.into_iter()
			.map(|(id, superseded_by)| {
				let content =
					ContentHash { algorithm: HashAlgorithm::Blake2b256, digest: digest_of(id) };
				(id, RecordFacts { content, block: 1, superseded_by })
			})
			.collect()
	});
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [SUPERVISOR, SECOND, STRANGER]
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
		Audit::do_try_state().expect("supervisor audit invariants hold after the test");
	});
}
