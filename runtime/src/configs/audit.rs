//! The supervisor audit (D3.7 MON-1..4, PROC-MONITOR): supervisors appointed in the operator
//! pallet flag, investigate, judge and freeze through the registry.

use crate::{token::MICRO_UNIT, Balance, Balances, DataRegistry, OperatorConfig, Runtime};
use frame_support::{parameter_types, traits::ConstU32};

parameter_types! {
	/// Burnt per flag, case, finding or resolution, kept for ever: 0.1 milli-DMC.
	pub const AuditEntryFee: Balance = 100 * MICRO_UNIT;
	/// Burnt per byte of its text: 1 micro-DMC, as for records.
	pub const AuditByteFee: Balance = MICRO_UNIT;
}

impl pallet_supervisor_audit::Config for Runtime {
	type Currency = Balances;
	/// Supervisors are appointed by governance in the operator pallet (MON-1).
	type Roles = OperatorConfig;
	/// Freezes go through the registry's own hold (CTL-3, MON-1).
	type Sources = DataRegistry;
	type Records = DataRegistry;
	type EntryFee = AuditEntryFee;
	type ByteFee = AuditByteFee;
	type MaxTextLen = ConstU32<1024>;
	type MaxFlagsPerCase = ConstU32<16>;
	type MaxFindingsPerCase = ConstU32<64>;
	type MaxPageSize = ConstU32<50>;
	type WeightInfo = pallet_supervisor_audit::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::Helper;
}

#[cfg(feature = "runtime-benchmarks")]
pub(crate) mod benchmarks {
	use crate::{AccountId, DataRegistry, OperatorConfig, Runtime, RuntimeOrigin};
	use dmchain_primitives::{
		ContentHash, DataFormats, HashAlgorithm, RecordId, SourceControl, SourceId,
	};
	use frame_support::traits::fungible::Mutate;

	/// Benchmark set-up with the runtime's own pallets: root appoints the supervisor; a funded
	/// owner registers a source an operator approves; its device anchors one record.
	pub struct Helper;

	fn funded(seed: u8) -> AccountId {
		let who = AccountId::new([seed; 32]);
		crate::Balances::set_balance(&who, crate::token::BENCHMARK_FUNDS);
		who
	}

	impl pallet_supervisor_audit::BenchmarkHelper<AccountId> for Helper {
		fn appoint_supervisor(who: &AccountId) {
			OperatorConfig::appoint_supervisor(RuntimeOrigin::root(), who.clone())
				.expect("root appoints a supervisor");
		}

		fn active_source() -> SourceId {
			let owner = funded(0xa0);
			let (format, _) = OperatorConfig::format_for_benchmark(
				HashAlgorithm::Blake2b256,
				Default::default(),
				0,
			);
			let source = pallet_data_registry::NextSourceId::<Runtime>::get();
			DataRegistry::register_source(
				RuntimeOrigin::signed(owner.clone()),
				owner,
				format,
				Default::default(),
				None,
			)
			.expect("a funded owner registers a source");
			if DataRegistry::status_of(source)
				.is_some_and(|(status, _)| status != dmchain_primitives::SourceStatus::Active)
			{
				DataRegistry::approve(source).expect("a pending source is approved");
			}
			source
		}

		fn anchored_record() -> RecordId {
			let source = Self::active_source();
			let device = AccountId::new([0xa0; 32]);
			let index = pallet_data_registry::SourceStates::<Runtime>::get(source)
				.map_or(0, |state| state.progress.record_count);
			let record = pallet_data_registry::RecordInput {
				content: ContentHash { algorithm: HashAlgorithm::Blake2b256, digest: [0xab; 32] },
				sequence: index + 1,
				device_time: 0,
				replaces: None,
				metadata: Default::default(),
			};
			DataRegistry::submit_record(RuntimeOrigin::signed(device), source, record)
				.expect("the device anchors a record");
			RecordId { source, index }
		}
	}
}
