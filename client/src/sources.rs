//! Data sources as the client reads them (REP-1).

use crate::{
	formats::FormatId,
	parameters::Retention,
	runtime::api::runtime_types::dmchain_primitives::{source as chain_source, views},
};
use serde::Serialize;
use std::fmt;

/// A source's id.
pub type SourceId = u32;

/// Where a source stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceStatus {
	/// Waiting for an operator's approval.
	PendingApproval,
	/// Submitting.
	Active,
	/// Suspended by its owner.
	Suspended,
	/// Suspended by an operator or frozen by a supervisor; the owner cannot lift it.
	Frozen,
	/// Retired for good.
	Retired,
}

impl fmt::Display for SourceStatus {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::PendingApproval => "pending-approval",
			Self::Active => "active",
			Self::Suspended => "suspended",
			Self::Frozen => "frozen",
			Self::Retired => "retired",
		})
	}
}

impl From<chain_source::SourceStatus> for SourceStatus {
	fn from(status: chain_source::SourceStatus) -> Self {
		match status {
			chain_source::SourceStatus::PendingApproval => Self::PendingApproval,
			chain_source::SourceStatus::Active => Self::Active,
			chain_source::SourceStatus::Suspended => Self::Suspended,
			chain_source::SourceStatus::Frozen => Self::Frozen,
			chain_source::SourceStatus::Retired => Self::Retired,
		}
	}
}

/// A data source (REP-1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
	/// Its id.
	pub id: SourceId,
	/// The owner's account (SS58).
	pub owner: String,
	/// The device account that signs its records (SS58).
	pub device: String,
	/// The data format its records follow.
	pub format: FormatId,
	/// How long its owner keeps the payloads.
	pub retention: Retention,
	/// The owner's description.
	pub description: String,
	/// Where it stands.
	pub status: SourceStatus,
	/// The deposit held from the owner, in the chain's smallest unit.
	pub deposit: u128,
	/// The block it was registered in.
	pub registered_at: u32,
	/// How many records it has anchored.
	pub record_count: u64,
	/// The sequence number of its latest record.
	pub last_sequence: Option<u64>,
}

impl From<views::SourceView<subxt::utils::AccountId32, u128, u32>> for Source {
	fn from(view: views::SourceView<subxt::utils::AccountId32, u128, u32>) -> Self {
		Self {
			id: view.id,
			owner: view.owner.to_string(),
			device: view.device.to_string(),
			format: view.format,
			retention: view.retention.into(),
			description: String::from_utf8_lossy(&view.metadata).into(),
			status: view.status.into(),
			deposit: view.deposit,
			registered_at: view.registered_at,
			record_count: view.record_count,
			last_sequence: view.last_sequence,
		}
	}
}
