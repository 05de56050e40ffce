//! # dmchain node, as a library
//!
//! The parts of the node that more than one binary needs: the chain specs, the service (client,
//! database, pool, networking, Aura and GRANDPA) and the RPC. `dmchain-node` runs them;
//! `dmchain-bench` (`node/bench`, built only by `scripts/bench.sh`) measures them.

#![warn(missing_docs)]

pub mod chain_spec;
pub mod rpc;
pub mod service;

/// The version string of the node binaries: the crate version and git commit
/// (`substrate-build-script-utils`).
pub const IMPL_VERSION: &str = env!("SUBSTRATE_CLI_IMPL_VERSION");

/// The node's description, shown by `--help`.
pub const DESCRIPTION: &str = env!("CARGO_PKG_DESCRIPTION");

/// The node's authors, shown by `--version`.
pub const AUTHORS: &str = env!("CARGO_PKG_AUTHORS");

/// Implements `sc_cli::SubstrateCli` for a binary's `Cli` type named `$name`: dmchain's
/// version, description and authors, and its chain specs (`dev`, `local` or a JSON file,
/// [`chain_spec::load`]).
#[macro_export]
macro_rules! impl_substrate_cli {
	($cli:ty, $name:expr) => {
		impl sc_cli::SubstrateCli for $cli {
			fn impl_name() -> String {
				$name.into()
			}

			fn impl_version() -> String {
				$crate::IMPL_VERSION.into()
			}

			fn description() -> String {
				$crate::DESCRIPTION.into()
			}

			fn author() -> String {
				$crate::AUTHORS.into()
			}

			fn support_url() -> String {
				"the dmchain issue tracker".into()
			}

			fn copyright_start_year() -> i32 {
				2026
			}

			fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
				$crate::chain_spec::load(id)
			}
		}
	};
}
