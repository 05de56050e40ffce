//! # Operator Configuration runtime API
//!
//! The data-management parameters in force and the configuration history (D3.7 CTL-2, CTL-4),
//! answered by the runtime without the caller decoding storage. The node serves them as
//! `config_*` JSON-RPC methods (`pallet-operator-config-rpc`); subxt clients call them directly.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use dmchain_primitives::{DataParameters, ParameterChange};

sp_api::decl_runtime_apis! {
	/// Queries of the operator configuration.
	pub trait OperatorConfigApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The data-management parameters in force (CTL-2).
		fn parameters() -> DataParameters;

		/// The configuration history from entry `from` on, oldest first, each entry with its
		/// position; at most `limit` entries (and at most the pallet's `MAX_HISTORY_PAGE`)
		/// (CTL-4).
		fn parameter_history(from: u32, limit: u32) -> Vec<(u32, ParameterChange<AccountId, BlockNumber>)>;
	}
}
