//! frame-system: block limits, account types, database weights.

use crate::weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight};
use crate::{
	AccountId, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, SS58_PREFIX, VERSION,
};
use frame_support::dispatch::DispatchClass;
use frame_support::{
	derive_impl, parameter_types,
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

/// The share of a block that ordinary transactions may fill; the rest is kept for operational
/// ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The longest block, in bytes: 5 MiB, so that a runtime upgrade (one operational transaction
/// carrying the compressed Wasm) fits. The node's block proposer uses the same limit.
pub const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	/// Block hashes kept for transaction mortality checks.
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, for frame-system.
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of execution per 3-second block: the Aura proposer's share of a slot, 75 %
	/// of it for ordinary transactions. The base weights of a block and of an extrinsic are
	/// measured on this machine (`dmchain-bench overhead`, `runtime/src/weights/`), not
	/// upstream's constants.
	pub RuntimeBlockWeights: BlockWeights = {
		let block = Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
		let normal = NORMAL_DISPATCH_RATIO * block;
		BlockWeights::builder()
			.base_block(BlockExecutionWeight::get())
			.for_class(DispatchClass::all(), |weights| {
				weights.base_extrinsic = ExtrinsicBaseWeight::get();
			})
			.for_class(DispatchClass::Normal, |weights| weights.max_total = Some(normal))
			.for_class(DispatchClass::Operational, |weights| {
				weights.max_total = Some(block);
				weights.reserved = Some(block - normal);
			})
			.avg_block_initialization(Perbill::from_percent(10))
			.build_or_panic()
	};
	/// At most [`MAX_BLOCK_LENGTH`] per block (75 % of it for normal transactions).
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |m| {
			*m = NORMAL_DISPATCH_RATIO * *m
		})
		.build();
	/// The SS58 prefix of addresses.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores state in ParityDb.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = frame_support::traits::ConstU32<16>;
	/// Measured on this machine (`scripts/bench.sh`), not upstream's RocksDB-based figures.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
}
