//! # dmchain runtime
//!
//! The state-transition function of dmchain: a permissioned chain for IoT and smart-city data
//! (ITU-T FG-DPM D3.7). It composes FRAME's system, timestamp, Aura, GRANDPA, balances,
//! transaction payment, sudo (dev governance) and session with dmchain's own pallets:
//!
//! | index | pallet | what it does |
//! |---|---|---|
//! | 0 | `System` | accounts, blocks, events |
//! | 1 | `Timestamp` | chain time (D3.7 REP-3) |
//! | 2 | `Aura` | block production (PROC-1) |
//! | 3 | `Grandpa` | finality (PROC-1, PRC-4) |
//! | 4 | `Balances` | the DMC token: fees and deposits |
//! | 5 | `TransactionPayment` | transaction fees |
//! | 6 | `Sudo` | governance on dev and test chains |
//! | 7 | `Session` | session keys; hands the operators' validator set to Aura and GRANDPA (CTL-5) |
//! | 10 | `DataRegistry` | sources, records, versions, indexes (REP, PRC, SVC) |
//! | 11 | `OperatorConfig` | operators, supervisors, data users, source admission, formats, parameters, validators (CTL, MON-1, SVC-1) |
//! | 12 | `SupervisorAudit` | supervisors' flags, cases, verdicts and freezes (MON-1..4) |
//! | 13 | `AccessPermissions` | datasets, access requests, expiring grants, encryption keys (MGMT-1, MGMT-2, PRC-2, PRC-5, GOV-1, CTL-3) |
//!
//! Pallets are declared (and their hooks and genesis run) in the order System, Timestamp,
//! Balances, TransactionPayment, Sudo, Session, Aura, Grandpa, DataRegistry, OperatorConfig,
//! SupervisorAudit, AccessPermissions:
//! Session before Aura and GRANDPA, whose authorities it sets, and OperatorConfig after Session,
//! whose genesis validators it adopts.
//!
//! Blocks come every 3 seconds ([`MILLI_SECS_PER_BLOCK`]); the token is [`token::SYMBOL`] with
//! [`token::DECIMALS`] decimals and addresses use SS58 prefix [`SS58_PREFIX`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand to deep recursions.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Declared before `apis`: it defines the `list_benchmarks!`/`add_benchmarks!` macros `apis` uses.
pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(feature = "std")]
pub mod signing;
pub mod token;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_data_registry::Call as DataRegistryCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// An opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// An opaque block hash.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: one for Aura, one for GRANDPA.
	pub struct SessionKeys {
		/// Signs the blocks the validator authors.
		pub aura: Aura,
		/// Signs the validator's finality votes.
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` with every change of runtime logic.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("dmchain"),
	impl_name: alloc::borrow::Cow::Borrowed("dmchain"),
	authoring_version: 1,
	spec_version: 105,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The target time between blocks. Three seconds: submissions are anchored and final within
/// seconds, and a 2-core validator still executes a full block well inside a slot.
pub const MILLI_SECS_PER_BLOCK: u64 = 3_000;

/// The Aura slot: one block per slot. Cannot change once a chain has started.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The SS58 address prefix: 42, the generic Substrate prefix, so that dev tools and wallets
/// show the familiar dev addresses. The chain specs' `ss58Format` property uses this value.
pub const SS58_PREFIX: u16 = 42;

/// A transaction signature.
pub type Signature = MultiSignature;

/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of DMC, in its smallest unit (10^-12 DMC).
pub type Balance = u128;

/// A transaction counter of an account.
pub type Nonce = u32;

/// A hash of the chain's hashing algorithm.
pub type Hash = sp_core::H256;

/// A block number.
pub type BlockNumber = u32;

/// An address in a transaction.
pub type Address = MultiAddress<AccountId, ()>;

/// A block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// A block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;

/// The checks and payments every transaction goes through.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// A transaction as it arrives.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// What a transaction's signature covers.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations run at the next runtime upgrade, beyond the pallets' own.
#[allow(unused_parens)]
type Migrations = ();

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	/// The dmchain runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks and events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// Chain time.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// The DMC token.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Dev and test-chain governance.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// Session keys and validator-set rotation (before Aura and GRANDPA, which it drives).
	#[runtime::pallet_index(7)]
	pub type Session = pallet_session;

	/// Block production.
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// Finality.
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// Data sources, records and their indexes.
	#[runtime::pallet_index(10)]
	pub type DataRegistry = pallet_data_registry;

	/// Operators, supervisors, data users and source admission.
	#[runtime::pallet_index(11)]
	pub type OperatorConfig = pallet_operator_config;

	/// Supervisors' flags, cases, verdicts and freezes.
	#[runtime::pallet_index(12)]
	pub type SupervisorAudit = pallet_supervisor_audit;

	/// Datasets, access requests, expiring grants and encryption keys.
	#[runtime::pallet_index(13)]
	pub type AccessPermissions = pallet_access_permissions;
}
