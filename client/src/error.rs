//! The client's errors. A refusal by the data registry comes back as [`RegistryError`], the
//! pallet's own error enum; a lost connection and a timeout are errors of their own, so a
//! caller (and the CLI's exit code) can tell "the chain said no" from "the chain did not
//! answer".

use crate::runtime::api;
use std::{fmt, time::Duration};

/// The data registry's errors, exactly as the pallet declares them (generated from metadata).
pub type RegistryError = api::runtime_types::pallet_data_registry::pallet::Error;

/// Why one record of a multi-record submission was refused.
pub type RecordRejection = api::runtime_types::pallet_data_registry::types::RecordRejection;

/// The operator-configuration pallet's errors, exactly as the pallet declares them.
pub type OperatorError = api::runtime_types::pallet_operator_config::pallet::Error;

/// The supervisor audit's errors, exactly as the pallet declares them.
pub type AuditError = api::runtime_types::pallet_supervisor_audit::pallet::Error;

/// The access pallet's errors (datasets, requests, grants, encryption keys), exactly as the
/// pallet declares them.
pub type AccessError = api::runtime_types::pallet_access_permissions::pallet::Error;

impl fmt::Display for AccessError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{self:?}")
	}
}

impl fmt::Display for AuditError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{self:?}")
	}
}

impl fmt::Display for OperatorError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{self:?}")
	}
}

impl fmt::Display for RegistryError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::BatchRecordRejected { index, reason } => {
				write!(f, "BatchRecordRejected: record {index} of the call: {reason:?}")
			},
			other => write!(f, "{other:?}"),
		}
	}
}

/// A client result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to dmchain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The node could not be reached at all.
	#[error("cannot connect to {url}: {reason}")]
	Connect {
		/// The address tried.
		url: String,
		/// What the transport said.
		reason: String,
	},
	/// The connection to the node broke while a request or subscription was under way.
	#[error("the connection to the node was lost: {0}")]
	ConnectionLost(String),
	/// The node did not answer, or a transaction did not reach the awaited stage, in time.
	#[error("timed out after {after:?} waiting for {what}")]
	Timeout {
		/// What was awaited.
		what: String,
		/// How long.
		after: Duration,
	},
	/// The data registry refused the transaction.
	#[error("the data registry refused the transaction: {0}")]
	Registry(RegistryError),
	/// The operator-configuration pallet refused the transaction (roles, data users, source
	/// admission).
	#[error("the operator configuration refused the transaction: {0}")]
	Operator(OperatorError),
	/// The supervisor audit refused the transaction (the supervisor role, flags, cases).
	#[error("the supervisor audit refused the transaction: {0}")]
	Audit(AuditError),
	/// The access pallet refused the transaction (datasets, requests, grants, encryption keys).
	#[error("the access permissions refused the transaction: {0}")]
	Access(AccessError),
	/// Another part of the runtime refused the transaction (for example the balances pallet
	/// for a missing fee, or a bad origin).
	#[error("the chain refused the transaction: {0}")]
	Dispatch(String),
	/// The transaction pool refused the transaction, or dropped it before it was included
	/// (bad nonce, cannot pay fees, stale, pool full).
	#[error("the transaction was not accepted: {0}")]
	Rejected(String),
	/// A key could not be read or parsed.
	#[error("key: {0}")]
	Key(String),
	/// A local input (file, digest, CSV row, argument) is unusable.
	#[error("input: {0}")]
	Input(String),
	/// A sealed payload or a wrapped dataset key does not open: another key, another record
	/// or grantee, or changed.
	#[error("decryption: {0}")]
	Decryption(String),
	/// What was asked for does not exist on chain.
	#[error("not found: {0}")]
	NotFound(String),
	/// Any other failure reported by subxt (decoding, metadata mismatch, ...).
	#[error("chain client: {0}")]
	Chain(subxt::Error),
}

impl Error {
	/// Whether this error says the node could not be reached or stopped answering, as opposed
	/// to a refusal: a caller may retry these against another node.
	pub fn is_transport(&self) -> bool {
		matches!(self, Self::Connect { .. } | Self::ConnectionLost(_) | Self::Timeout { .. })
	}
}

/// Every subxt error type the client meets converts into [`Error::Chain`]; the connection
/// guard ([`crate::Chain`]) turns it into [`Error::ConnectionLost`] when the socket is gone.
macro_rules! from_subxt_errors {
	($($error:ty),* $(,)?) => {
		$(impl From<$error> for Error {
			fn from(error: $error) -> Self {
				Self::Chain(error.into())
			}
		})*
	};
}

from_subxt_errors!(
	subxt::Error,
	subxt::error::OnlineClientError,
	subxt::error::OnlineClientAtBlockError,
	subxt::error::ExtrinsicError,
	subxt::error::RuntimeApiError,
	subxt::error::StorageError,
	subxt::error::StorageValueError,
	subxt::error::StorageKeyError,
	subxt::error::ConstantError,
	subxt::error::BlocksError,
	subxt::error::EventsError,
	subxt::error::TransactionProgressError,
	subxt::error::TransactionEventsError,
);

/// Whether `error` was caused by the transport under the RPC client (a closed or broken
/// WebSocket), found by walking its chain of sources.
pub(crate) fn is_connection_failure(error: &(dyn std::error::Error + 'static)) -> bool {
	let mut next = Some(error);
	while let Some(e) = next {
		if let Some(rpc) = e.downcast_ref::<subxt::rpcs::Error>() {
			return matches!(
				rpc,
				subxt::rpcs::Error::Client(_) | subxt::rpcs::Error::DisconnectedWillReconnect(_)
			);
		}
		next = e.source();
	}
	false
}
