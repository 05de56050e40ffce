//! The node's command line.

use sc_cli::RunCmd;

/// `dmchain-node [SUBCOMMAND] [OPTIONS]`: runs a node unless a subcommand is given.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running a node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node.
	#[clap(flatten)]
	pub run: RunCmd,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys and node keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Builds a chain spec (zombienet calls it; prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Exports a chain spec as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validates blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Exports blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Exports the state of a block as a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Imports blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Removes the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Reverts the chain by a number of blocks.
	Revert(sc_cli::RevertCmd),

	/// Database metadata: versions and the chain it belongs to.
	ChainInfo(sc_cli::ChainInfoCmd),
}
