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

/// Where a source stands in its life cycle; whether it may submit also depends on its
/// [`SourceHolds`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceStatus {
	/// Waiting for an operator's approval.
	PendingApproval,
	/// Approved: submits unless a hold is on.
	Active,
	/// Retired for good.
	Retired,
}

impl fmt::Display for SourceStatus {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::PendingApproval => "pending-approval",
			Self::Active => "active",
			Self::Retired => "retired",
		})
	}
}

impl From<chain_source::SourceStatus> for SourceStatus {
	fn from(status: chain_source::SourceStatus) -> Self {
		match status {
			chain_source::SourceStatus::PendingApproval => Self::PendingApproval,
			chain_source::SourceStatus::Active => Self::Active,
			chain_source::SourceStatus::Retired => Self::Retired,
		}
	}
}

/// The holds on a source, each put on and lifted by its own authority (CTL-3, MON-1): any one
/// stops its submissions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceHolds {
	/// Paused by its owner (`source suspend` / `source resume`).
	pub owner_pause: bool,
	/// Suspended by an operator (`operator suspend-source` / `lift-suspension`).
	pub operator_suspension: bool,
	/// Frozen by a supervisor.
	pub supervisor_freeze: bool,
}

impl SourceHolds {
	/// Whether no hold is on.
	pub fn is_empty(&self) -> bool {
		!(self.owner_pause || self.operator_suspension || self.supervisor_freeze)
	}
}

impl fmt::Display for SourceHolds {
	/// `none`, or the holds that are on, comma-separated (`owner-pause`,
	/// `operator-suspension`, `supervisor-freeze`).
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let on: Vec<&str> = [
			(self.owner_pause, "owner-pause"),
			(self.operator_suspension, "operator-suspension"),
			(self.supervisor_freeze, "supervisor-freeze"),
		]
		.into_iter()
		.filter_map(|(on, name)| on.then_some(name))
		.collect();
		f.write_str(if on.is_empty() { "none" } else { "" })?;
		f.write_str(&on.join(","))
	}
}

impl From<chain_source::SourceHolds> for SourceHolds {
	fn from(holds: chain_source::SourceHolds) -> Self {
		Self {
			owner_pause: holds.owner_pause,
			operator_suspension: holds.operator_suspension,
			supervisor_freeze: holds.supervisor_freeze,
		}
	}
}

/// A data source (REP-1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
	/// Its id.
	pub id: SourceId,
	/// The owner's account (shown in SS58).
	pub owner: crate::keys::AccountId,
	/// The device account that signs its records (shown in SS58).
	pub device: crate::keys::AccountId,
	/// The data format its records follow.
	pub format: FormatId,
	/// How long its owner keeps the payloads.
	pub retention: Retention,
	/// The owner's description.
	pub description: String,
	/// Where it stands in its life cycle.
	pub status: SourceStatus,
	/// The holds on it.
	pub holds: SourceHolds,
	/// The deposit held from the owner, in the chain's smallest unit.
	pub deposit: u128,
	/// The block it was registered in.
	pub registered_at: u32,
	/// How many records it has anchored.
	pub record_count: u64,
	/// The sequence number of its latest record.
	pub last_sequence: Option<u64>,
	/// How often it is expected to report, in ms (MON-3).
	pub expected_interval: Option<u64>,
}

impl From<views::SourceView<subxt::utils::AccountId32, u128, u32>> for Source {
	fn from(view: views::SourceView<subxt::utils::AccountId32, u128, u32>) -> Self {
		Self {
			id: view.id,
			owner: view.owner,
			device: view.device,
			format: view.format,
			retention: view.retention.into(),
			description: String::from_utf8_lossy(&view.metadata).into(),
			status: view.status.into(),
			holds: view.holds.into(),
			deposit: view.deposit,
			registered_at: view.registered_at,
			record_count: view.record_count,
			last_sequence: view.last_sequence,
			expected_interval: view.expected_interval,
		}
	}
}
