//! The pallets `dmchain-bench pallet` measures (`scripts/bench.sh`).
//!
//! `frame_system`'s own benchmarks are left out on purpose: their `set_code` benchmark embeds a
//! 4.25 MB kitchensink runtime in the Wasm, which would push the dev runtime (built with
//! `runtime-benchmarks`) towards the 5 MiB a runtime upgrade must fit in
//! (`runtime/tests/runtime/wasm_size.rs` guards the limit). The runtime charges frame-system's
//! calls with upstream's `SystemWeightInfo` figures. The transaction extensions every signed
//! transaction pays, `frame_system`'s (`frame_system_extensions`) and
//! `pallet_transaction_payment`'s, are measured here and charged from `runtime/src/weights/`.

pub use frame_benchmarking::baseline::Pallet as BaselineBench;
pub use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_data_registry, DataRegistry]
	[pallet_operator_config, OperatorConfig]
	[pallet_supervisor_audit, SupervisorAudit]
	[pallet_access_permissions, AccessPermissions]
);
