//! Roles as the client reads them: data-user registrations (SVC-1) and who is an operator or a
//! supervisor (CTL-1, MON-1).

use crate::runtime::api::runtime_types::pallet_operator_config::types as chain;
use serde::Serialize;
use std::{fmt, str::FromStr};

/// Whether a data user is an organisation or a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataUserKind {
	/// A company, authority or other organisation.
	Organisation,
	/// A natural person.
	Person,
}

impl FromStr for DataUserKind {
	type Err = String;

	fn from_str(text: &str) -> Result<Self, Self::Err> {
		match text.to_ascii_lowercase().as_str() {
			"organisation" | "organization" => Ok(Self::Organisation),
			"person" => Ok(Self::Person),
			_ => Err(format!("`{text}` is neither organisation nor person")),
		}
	}
}

impl fmt::Display for DataUserKind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::Organisation => "organisation",
			Self::Person => "person",
		})
	}
}

/// Where a data user's registration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataUserStatus {
	/// Waiting for an operator's approval.
	Pending,
	/// Approved.
	Approved,
	/// Suspended by an operator.
	Suspended,
}

impl fmt::Display for DataUserStatus {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::Pending => "pending",
			Self::Approved => "approved",
			Self::Suspended => "suspended",
		})
	}
}

/// A registered data user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataUserRecord {
	/// The account (shown in SS58).
	pub account: crate::keys::AccountId,
	/// Organisation or person.
	pub kind: DataUserKind,
	/// The name.
	pub name: String,
	/// The hash of the identity document an operator checks.
	#[serde(serialize_with = "crate::content::serialize_digest")]
	pub identity_document: [u8; 32],
	/// Where the registration stands.
	pub status: DataUserStatus,
	/// The deposit held.
	pub deposit: u128,
	/// The block of the registration.
	pub registered_at: u32,
}

impl From<DataUserKind> for chain::DataUserKind {
	fn from(kind: DataUserKind) -> Self {
		match kind {
			DataUserKind::Organisation => Self::Organisation,
			DataUserKind::Person => Self::Person,
		}
	}
}

impl DataUserRecord {
	pub(crate) fn from_chain(
		account: crate::keys::AccountId,
		user: chain::DataUser<
			crate::runtime::api::runtime_types::bounded_collections::bounded_vec::BoundedVec<u8>,
			u128,
			u32,
		>,
	) -> Self {
		Self {
			account,
			kind: match user.kind {
				chain::DataUserKind::Organisation => DataUserKind::Organisation,
				chain::DataUserKind::Person => DataUserKind::Person,
			},
			name: String::from_utf8_lossy(&user.name.0).into(),
			identity_document: user.identity_document,
			status: match user.status {
				chain::DataUserStatus::Pending => DataUserStatus::Pending,
				chain::DataUserStatus::Approved => DataUserStatus::Approved,
				chain::DataUserStatus::Suspended => DataUserStatus::Suspended,
			},
			deposit: user.deposit,
			registered_at: user.registered_at,
		}
	}
}
