//! Weights of what the runtime takes from upstream, measured on the project's machine by
//! `scripts/bench.sh` (issue 12: no transaction is charged upstream's RocksDB-based figures):
//! frame-system's transaction extensions and transaction payment's, which every signed
//! transaction pays, and balances (the load benchmark's baseline); and from
//! `dmchain-bench overhead`, the execution weight of an empty block and of one extrinsic's
//! base (which the runtime's `BlockWeights` take instead of upstream's constants); and from
//! `dmchain-bench storage` on a ParityDb state of a million records
//! (`scripts/bench-storage.sh`), the cost of a storage read and write. That measurement is not
//! the runtime's `DbWeight` yet: charged with it (and 90 % of each block for ordinary
//! transactions) the block proposer hit its 2 s deadline before blocks were full under load
//! (docs/benchmarks.md), so the runtime keeps upstream's `ParityDbWeight` until the proposal
//! time is measured with it.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_transaction_payment;
// The generated file documents each field inside `parameter_types!`, where rustc cannot attach
// doc comments.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;
