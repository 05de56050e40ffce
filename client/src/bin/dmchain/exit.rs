//! Exit codes, one per kind of outcome (listed in `dmchain --help`).

use dmchain_client::{AccessError, AuditError, Error, OperatorError, RegistryError};

/// Done.
pub const OK: u8 = 0;
/// Not found, or not anchored.
pub const NOT_FOUND: u8 = 1;
/// Refused by the chain or by its transaction pool.
pub const REFUSED: u8 = 3;
/// The node could not be reached, the connection broke, or the node did not answer in time.
pub const TRANSPORT: u8 = 4;
/// A local input (file, CSV, key) is unusable, or a ciphertext does not open.
pub const INPUT: u8 = 5;
/// Any other client failure.
pub const CLIENT_ERROR: u8 = 6;

/// The exit code for `error`.
pub fn code_of(error: &Error) -> u8 {
	match error {
		Error::NotFound(_) => NOT_FOUND,
		Error::Registry(_)
		| Error::Operator(_)
		| Error::Audit(_)
		| Error::Access(_)
		| Error::Dispatch(_)
		| Error::Rejected(_) => REFUSED,
		Error::Connect { .. } | Error::ConnectionLost(_) | Error::Timeout { .. } => TRANSPORT,
		Error::Key(_) | Error::Input(_) | Error::Decryption(_) => INPUT,
		Error::Chain(_) => CLIENT_ERROR,
	}
}

/// A short name for the kind of `error`, for `--json` output.
pub fn kind_of(error: &Error) -> &'static str {
	match error {
		Error::NotFound(_) => "not-found",
		Error::Registry(_) => "registry",
		Error::Operator(_) => "operator",
		Error::Audit(_) => "audit",
		Error::Access(_) => "access",
		Error::Dispatch(_) => "dispatch",
		Error::Rejected(_) => "rejected",
		Error::Connect { .. } => "connect",
		Error::ConnectionLost(_) => "connection-lost",
		Error::Timeout { .. } => "timeout",
		Error::Key(_) => "key",
		Error::Input(_) => "input",
		Error::Decryption(_) => "decryption",
		Error::Chain(_) => "client",
	}
}

/// What to do about the refusals people meet most, or `None`: printed under the error.
pub fn hint_of(error: &Error) -> Option<&'static str> {
	Some(match error {
		Error::Registry(RegistryError::SourcePendingApproval) => {
			"an operator approves the source first: dmchain --suri <operator> operator \
			 approve-source <source>"
		},
		Error::Registry(RegistryError::DeviceTimeInFuture) => {
			"the device clock is ahead of chain time by more than the clock-skew bound: check \
			 the clock, or see `dmchain config parameters`"
		},
		Error::Registry(RegistryError::SequenceReplayed | RegistryError::SequenceOutOfOrder) => {
			"sequence numbers must grow: leave --sequence out to take the next one, or see \
			 `dmchain source show <source>` for the last one"
		},
		Error::Registry(RegistryError::NotSourceDevice) => {
			"records are signed by the source's device key: see `dmchain source show <source>`"
		},
		Error::Registry(RegistryError::NotSourceOwner) => {
			"only the source's owner may do this: sign with the owner's key"
		},
		Error::Registry(
			RegistryError::InsufficientRecordFee | RegistryError::InsufficientDeposit,
		) => "the signing account cannot pay: fund it with a transfer (see the README)",
		Error::Registry(RegistryError::RateLimitExceeded) => {
			"the source's rate limit is used up in this window: wait for the next window, or \
			 see `dmchain config parameters`"
		},
		Error::Registry(RegistryError::SourceSuspended) => {
			"the owner paused the source: dmchain --suri <owner> source resume <source>"
		},
		Error::Registry(RegistryError::SourceSuspendedByOperator) => {
			"an operator suspended the source; only an operator lifts it (operator \
			 lift-suspension)"
		},
		Error::Registry(RegistryError::SourceFrozen) => {
			"a supervisor froze the source; only a supervisor lifts it (audit unfreeze)"
		},
		Error::Audit(AuditError::NotSupervisor) => {
			"this call is for supervisors: sign with a supervisor's key (governance appoints \
			 them)"
		},
		Error::Access(AccessError::NotOwner) => {
			"only the dataset's owner may do this: see `dmchain dataset show <dataset>`"
		},
		Error::Access(AccessError::NotApprovedDataUser) => {
			"only approved data users ask for and hold access: register with `dmchain user \
			 register` and wait for an operator's approval"
		},
		Error::Access(AccessError::NotEligibleOwner) => {
			"a dataset's owner is an approved data user or the owner of every source it groups"
		},
		Error::Operator(OperatorError::NotOperator) => {
			"this call is for operators: sign with an operator's key (governance appoints them)"
		},
		Error::Connect { .. } | Error::ConnectionLost(_) => {
			"is the node running? scripts/dev.sh starts a dev chain on ws://127.0.0.1:9944"
		},
		Error::Key(_) => {
			"give --suri (or `--suri -` to read it from standard input), --key-file, \
			 DMCHAIN_SURI or DMCHAIN_KEY_FILE"
		},
		_ => return None,
	})
}
