//! # dmchain node
//!
//! A Substrate node for dmchain: Aura block production, GRANDPA finality, ParityDb storage, the
//! standard RPC plus the registry's `registry_*` methods. `dmchain-node --dev` runs a one-node
//! development chain; `--chain local` the four-validator local testnet.

#![warn(missing_docs)]

mod cli;
mod command;

fn main() -> sc_cli::Result<()> {
	command::run()
}
