//! Access permissions (D3.7 MGMT-1, MGMT-2, PRC-2, PRC-5, GOV-1, CTL-3): datasets, access
//! requests, expiring grants and the accounts' encryption keys.

use crate::{
	token::{MICRO_UNIT, MILLI_UNIT},
	Balance, Balances, BlockNumber, DataRegistry, OperatorConfig, Runtime, RuntimeHoldReason,
	Signature, DAYS,
};
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Held per dataset, request, grant or key entry: 10 milli-DMC.
	pub const AccessDepositBase: Balance = 10 * MILLI_UNIT;
	/// Held per stored byte of an entry (title, description, purpose, sources, key): 0.1
	/// milli-DMC, as for a source's description.
	pub const AccessDepositPerByte: Balance = 100 * MICRO_UNIT;
	/// The longest a grant may run: a year of 3-second blocks.
	pub const MaxGrantPeriod: BlockNumber = 365 * DAYS;
	/// How long an access receipt is kept before anyone may prune it (MON-2): two years, so
	/// that a supervisor's audit of a year's grants finds every read.
	pub const ReceiptRetention: BlockNumber = 2 * 365 * DAYS;
}

impl pallet_access_permissions::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Operators and approved data users come from the operator pallet (CTL-1, SVC-1).
	type Roles = OperatorConfig;
	/// Datasets group the registry's sources; their owners may create datasets of them.
	type Sources = DataRegistry;
	/// The access question for a record looks up its source in the registry.
	type Records = DataRegistry;
	/// Datasets name a format the operators registered (ACQ-2, CTL-3).
	type Formats = OperatorConfig;
	/// Encryption keys are proved with the account's own transaction signature scheme.
	type Signature = Signature;
	type DepositBase = AccessDepositBase;
	type DepositPerByte = AccessDepositPerByte;
	type MaxTitleLen = ConstU32<128>;
	type MaxDescriptionLen = ConstU32<1024>;
	type MaxPurposeLen = ConstU32<256>;
	type MaxSources = ConstU32<64>;
	type MaxParents = ConstU32<8>;
	type MaxOwners = ConstU32<32>;
	type MaxPendingRequests = ConstU32<64>;
	type MaxGrantPeriod = MaxGrantPeriod;
	type MaxProvenance = ConstU32<64>;
	type MaxExpiriesPerBlock = ConstU32<32>;
	type MaxPageSize = ConstU32<50>;
	type MaxKeyRecipients = ConstU32<32>;
	type ReceiptRetention = ReceiptRetention;
	type MaxReceiptsPruned = ConstU32<64>;
	/// Receipts carry the chain's time (REP-3).
	type Time = crate::Timestamp;
	type WeightInfo = pallet_access_permissions::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::Helper;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use crate::{AccountId, DataRegistry, OperatorConfig, Runtime, RuntimeOrigin, Signature};
	use alloc::vec::Vec;
	use dmchain_primitives::{DataFormats, FormatId, HashAlgorithm, SourceControl, SourceId};
	use frame_support::traits::fungible::Mutate;
	use sp_core::{crypto::KeyTypeId, sr25519};
	use sp_runtime::app_crypto::RuntimePublic;

	/// Benchmark set-up with the runtime's own pallets: root appoints operators, an operator
	/// approves data users, the registry registers sources; keys are signed in the benchmark's
	/// keystore.
	pub struct Helper;

	/// The keystore key type of the benchmark's signing key.
	const BENCH_KEY: KeyTypeId = KeyTypeId(*b"dmbk");
	/// The benchmark's signing key: a dev derivation, the same on every call.
	const BENCH_SEED: &[u8] = b"//dmchain-access-benchmark";
	/// The operator who approves the benchmark's data users.
	const BENCH_OPERATOR: [u8; 32] = [0xb0; 32];

	fn funded(who: &AccountId) {
		crate::Balances::set_balance(who, crate::token::BENCHMARK_FUNDS);
	}

	fn bench_key() -> sr25519::Public {
		sr25519::Public::generate_pair(BENCH_KEY, Some(BENCH_SEED.to_vec()))
	}

	impl pallet_access_permissions::BenchmarkHelper<AccountId, Signature> for Helper {
		fn approve_data_user(who: &AccountId) {
			funded(who);
			let operator = AccountId::new(BENCH_OPERATOR);
			if !pallet_operator_config::Operators::<Runtime>::contains_key(&operator) {
				Self::appoint_operator(&operator);
			}
			OperatorConfig::register_data_user(
				RuntimeOrigin::signed(who.clone()),
				pallet_operator_config::DataUserKind::Organisation,
				b"benchmark data user".to_vec().try_into().expect("the name fits"),
				[0x1d; 32],
			)
			.expect("a funded account registers as a data user");
			OperatorConfig::approve_data_user(RuntimeOrigin::signed(operator), who.clone())
				.expect("an operator approves a pending data user");
		}

		fn appoint_operator(who: &AccountId) {
			OperatorConfig::appoint_operator(RuntimeOrigin::root(), who.clone())
				.expect("root appoints an operator");
		}

		fn format() -> FormatId {
			OperatorConfig::format_for_benchmark(HashAlgorithm::Blake2b256, Vec::new(), 0).0
		}

		fn sources(owner: &AccountId, count: u32) -> Vec<SourceId> {
			(0..count).map(|_| DataRegistry::pending_source_for_benchmark(owner)).collect()
		}

		fn key_account() -> AccountId {
			bench_key().into()
		}

		fn sign(who: &AccountId, message: &[u8]) -> Signature {
			let key = bench_key();
			assert_eq!(&AccountId::from(key), who, "only the benchmark key signs");
			key.sign(BENCH_KEY, &message).expect("the benchmark keystore holds the key").into()
		}

		fn anchored_record() -> dmchain_primitives::RecordId {
			<crate::configs::audit::benchmarks::Helper as pallet_supervisor_audit::BenchmarkHelper<
				AccountId,
			>>::anchored_record()
		}
	}
}
