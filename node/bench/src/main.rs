//! # dmchain-bench
//!
//! Substrate's `benchmark` subcommands (pallet, storage, overhead, block, extrinsic, machine)
//! for dmchain, in a binary of their own: `frame-benchmarking-cli` pulls parachain crates and a
//! second test runtime that the node never uses, so only `scripts/bench.sh` builds this one.
//! `dmchain-bench pallet --chain dev --pallet pallet_data_registry --extrinsic '*'` measures a
//! pallet on the dev runtime (which carries the `runtime-benchmarks` feature).

#![warn(missing_docs)]

mod extrinsics;

use dmchain_node::service;
use dmchain_runtime::{opaque::Block, token::EXISTENTIAL_DEPOSIT};
use extrinsics::{inherent_benchmark_data, SignedCallBuilder};
use frame_benchmarking_cli::{BenchmarkCmd, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_keyring::Sr25519Keyring;

/// `dmchain-bench SUBCOMMAND [OPTIONS]`.
#[derive(Debug, clap::Parser)]
struct Cli {
	/// What to measure.
	#[command(subcommand)]
	benchmark: BenchmarkCmd,
}

dmchain_node::impl_substrate_cli!(Cli, "dmchain bench");

fn main() -> sc_cli::Result<()> {
	let cli = Cli::from_args();
	let runner = cli.create_runner(&cli.benchmark)?;
	runner.sync_run(|config| run(&cli.benchmark, config))
}

/// Runs one `benchmark` subcommand against the chain `config` names.
fn run(cmd: &BenchmarkCmd, config: sc_service::Configuration) -> sc_cli::Result<()> {
	match cmd {
		BenchmarkCmd::Pallet(cmd) => {
			cmd.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		},
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
		BenchmarkCmd::Overhead(cmd) => {
			cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
		},
		BenchmarkCmd::Extrinsic(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let factory = ExtrinsicFactory(vec![
				Box::new(SignedCallBuilder::remark(client.clone())?),
				Box::new(SignedCallBuilder::transfer_keep_alive(
					client.clone(),
					Sr25519Keyring::Bob.to_account_id(),
					EXISTENTIAL_DEPOSIT,
				)?),
			]);
			cmd.run(client, inherent_benchmark_data()?, Vec::new(), &factory)
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
	}
}
