//! Exit codes, one per kind of outcome (listed in `dmchain --help`).

use dmchain_client::Error;

/// Done.
pub const OK: u8 = 0;
/// Not found, or not anchored.
pub const NOT_FOUND: u8 = 1;
/// Refused by the chain or by its transaction pool.
pub const REFUSED: u8 = 3;
/// The node could not be reached, the connection broke, or the node did not answer in time.
pub const TRANSPORT: u8 = 4;
/// A local input (file, CSV, key) is unusable.
pub const INPUT: u8 = 5;
/// Any other client failure.
pub const CLIENT_ERROR: u8 = 6;

/// The exit code for `error`.
pub fn code_of(error: &Error) -> u8 {
	match error {
		Error::NotFound(_) => NOT_FOUND,
		Error::Registry(_) | Error::Operator(_) | Error::Dispatch(_) | Error::Rejected(_) => {
			REFUSED
		},
		Error::Connect { .. } | Error::ConnectionLost(_) | Error::Timeout { .. } => TRANSPORT,
		Error::Key(_) | Error::Input(_) => INPUT,
		Error::Chain(_) => CLIENT_ERROR,
	}
}

/// A short name for the kind of `error`, for `--json` output.
pub fn kind_of(error: &Error) -> &'static str {
	match error {
		Error::NotFound(_) => "not-found",
		Error::Registry(_) => "registry",
		Error::Operator(_) => "operator",
		Error::Dispatch(_) => "dispatch",
		Error::Rejected(_) => "rejected",
		Error::Connect { .. } => "connect",
		Error::ConnectionLost(_) => "connection-lost",
		Error::Timeout { .. } => "timeout",
		Error::Key(_) => "key",
		Error::Input(_) => "input",
		Error::Chain(_) => "client",
	}
}
