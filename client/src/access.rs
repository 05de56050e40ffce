//! Datasets and access as the client reads them (GOV-1, APP-2, MGMT-1, PRC-2, PRC-5): the data
//! directory, access requests, grants and the chain's answer to "may this user do this", in
//! the client's own types, converted from the runtime's answers.

use crate::{
	formats::FormatId, keys::AccountId, records::RecordId,
	runtime::api::runtime_types::dmchain_primitives::access as chain, sources::SourceId,
};
use serde::Serialize;
use std::fmt;

/// A dataset's id.
pub type DatasetId = u32;

/// Who may see that a dataset exists and read it without a grant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
	/// Listed for everyone and open to everyone in every scope.
	Public,
	/// Listed for every approved data user, who may ask for access; reading needs a grant.
	Consortium,
	/// Listed only for its owner and grantees; reading needs a grant.
	Private,
}

impl fmt::Display for Visibility {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::Public => "public",
			Self::Consortium => "consortium",
			Self::Private => "private",
		})
	}
}

impl From<chain::Visibility> for Visibility {
	fn from(visibility: chain::Visibility) -> Self {
		match visibility {
			chain::Visibility::Public => Self::Public,
			chain::Visibility::Consortium => Self::Consortium,
			chain::Visibility::Private => Self::Private,
		}
	}
}

impl From<Visibility> for chain::Visibility {
	fn from(visibility: Visibility) -> Self {
		match visibility {
			Visibility::Public => Self::Public,
			Visibility::Consortium => Self::Consortium,
			Visibility::Private => Self::Private,
		}
	}
}

/// The visibilities a data format allows its datasets (set by operators, CTL-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AllowedVisibilities {
	/// Public datasets are allowed.
	pub public: bool,
	/// Consortium datasets are allowed.
	pub consortium: bool,
	/// Private datasets are allowed.
	pub private: bool,
}

impl AllowedVisibilities {
	/// Exactly the visibilities in `allowed`.
	pub fn only(allowed: &[Visibility]) -> Self {
		Self {
			public: allowed.contains(&Visibility::Public),
			consortium: allowed.contains(&Visibility::Consortium),
			private: allowed.contains(&Visibility::Private),
		}
	}
}

impl From<AllowedVisibilities> for chain::Visibilities {
	fn from(allowed: AllowedVisibilities) -> Self {
		Self { public: allowed.public, consortium: allowed.consortium, private: allowed.private }
	}
}

/// What a grant lets its holder do; each scope includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
	/// Check payloads against their anchored hashes, without receiving the content key.
	VerifyOnly,
	/// Read (decrypt) the payloads.
	Read,
	/// Read the payloads and publish datasets derived from them.
	Derive,
}

impl fmt::Display for Scope {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::VerifyOnly => "verify-only",
			Self::Read => "read",
			Self::Derive => "derive",
		})
	}
}

impl From<chain::Scope> for Scope {
	fn from(scope: chain::Scope) -> Self {
		match scope {
			chain::Scope::VerifyOnly => Self::VerifyOnly,
			chain::Scope::Read => Self::Read,
			chain::Scope::Derive => Self::Derive,
		}
	}
}

impl From<Scope> for chain::Scope {
	fn from(scope: Scope) -> Self {
		match scope {
			Scope::VerifyOnly => Self::VerifyOnly,
			Scope::Read => Self::Read,
			Scope::Derive => Self::Derive,
		}
	}
}

/// What an access question is about: a dataset, or one record read as part of a dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessTarget {
	/// A dataset as a whole.
	Dataset(DatasetId),
	/// One record, read as part of `dataset`: its source must be one the dataset groups.
	Record {
		/// The dataset it is read under.
		dataset: DatasetId,
		/// The record.
		record: RecordId,
	},
}

impl From<AccessTarget> for chain::AccessTarget {
	fn from(target: AccessTarget) -> Self {
		match target {
			AccessTarget::Dataset(id) => Self::Dataset(id),
			AccessTarget::Record { dataset, record } => {
				Self::Record { dataset, record: record.into() }
			},
		}
	}
}

/// Why an access is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum AccessBasis {
	/// The user owns the dataset.
	Owner,
	/// The dataset is public.
	Public,
	/// The user holds a grant that covers the scope and has not expired.
	#[serde(rename_all = "camelCase")]
	Grant {
		/// The grant's scope.
		scope: Scope,
		/// The first block at which the grant no longer counts.
		expires_at: u64,
	},
}

/// Why an access is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum AccessDenial {
	/// No dataset has this id.
	DatasetNotFound,
	/// The record is not anchored.
	RecordNotFound,
	/// The record's source is not one the dataset groups.
	RecordNotInDataset,
	/// The user is not an approved data user (or is suspended).
	NotApprovedDataUser,
	/// The user holds no grant on the dataset.
	NoGrant,
	/// The user's grant expired at block `at`.
	GrantExpired {
		/// The first block at which the grant no longer counted.
		at: u64,
	},
	/// The user's grant does not cover the scope asked for.
	ScopeNotGranted {
		/// The scope the grant has.
		granted: Scope,
	},
}

impl fmt::Display for AccessDenial {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::DatasetNotFound => f.write_str("no dataset has this id"),
			Self::RecordNotFound => f.write_str("the record is not anchored"),
			Self::RecordNotInDataset => {
				f.write_str("the record's source is not one the dataset groups")
			},
			Self::NotApprovedDataUser => f.write_str("the user is not an approved data user"),
			Self::NoGrant => f.write_str("the user holds no grant on the dataset"),
			Self::GrantExpired { at } => write!(f, "the user's grant expired at block {at}"),
			Self::ScopeNotGranted { granted } => {
				write!(f, "the user's grant covers only {granted}")
			},
		}
	}
}

/// The chain's answer to "may `user` do `scope` on `target`", at one finalized block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessDecision {
	/// Who asked.
	pub user: AccountId,
	/// What for.
	pub scope: Scope,
	/// On what.
	pub target: AccessTarget,
	/// The finalized block the answer holds at.
	pub block: u64,
	/// Allowed and why, or refused and why (in JSON an `allowed` or a `denied` field).
	#[serde(flatten)]
	pub answer: AccessAnswer,
}

/// The chain's answer itself: exactly one of allowed and refused, each with its reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AccessAnswer {
	/// The access is allowed, on this basis.
	Allowed(AccessBasis),
	/// The access is refused, for this reason.
	Denied(AccessDenial),
}

impl From<Result<chain::AccessBasis<u32>, chain::AccessDenial<u32>>> for AccessAnswer {
	fn from(answer: Result<chain::AccessBasis<u32>, chain::AccessDenial<u32>>) -> Self {
		match answer {
			Ok(basis) => Self::Allowed(basis.into()),
			Err(denial) => Self::Denied(denial.into()),
		}
	}
}

impl AccessDecision {
	/// Whether the access is allowed.
	pub fn is_allowed(&self) -> bool {
		matches!(self.answer, AccessAnswer::Allowed(_))
	}

	/// Why the access is allowed, if it is.
	pub fn allowed(&self) -> Option<AccessBasis> {
		match self.answer {
			AccessAnswer::Allowed(basis) => Some(basis),
			AccessAnswer::Denied(_) => None,
		}
	}

	/// Why the access is refused, if it is.
	pub fn denied(&self) -> Option<AccessDenial> {
		match self.answer {
			AccessAnswer::Denied(denial) => Some(denial),
			AccessAnswer::Allowed(_) => None,
		}
	}
}

impl From<chain::AccessBasis<u32>> for AccessBasis {
	fn from(basis: chain::AccessBasis<u32>) -> Self {
		match basis {
			chain::AccessBasis::Owner => Self::Owner,
			chain::AccessBasis::Public => Self::Public,
			chain::AccessBasis::Grant { scope, expires_at } => {
				Self::Grant { scope: scope.into(), expires_at: expires_at.into() }
			},
		}
	}
}

impl From<chain::AccessDenial<u32>> for AccessDenial {
	fn from(denial: chain::AccessDenial<u32>) -> Self {
		use chain::AccessDenial as D;
		match denial {
			D::DatasetNotFound => Self::DatasetNotFound,
			D::RecordNotFound => Self::RecordNotFound,
			D::RecordNotInDataset => Self::RecordNotInDataset,
			D::NotApprovedDataUser => Self::NotApprovedDataUser,
			D::NoGrant => Self::NoGrant,
			D::GrantExpired { at } => Self::GrantExpired { at: at.into() },
			D::ScopeNotGranted { granted } => Self::ScopeNotGranted { granted: granted.into() },
		}
	}
}

/// One owner in a dataset's ownership history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ownership {
	/// The owner.
	pub owner: AccountId,
	/// The block it became owner in.
	pub since: u64,
}

/// A dataset of the data directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
	/// Its id.
	pub id: DatasetId,
	/// Its current owner.
	pub owner: AccountId,
	/// Its title.
	pub title: String,
	/// Its description.
	pub description: String,
	/// The data format of its records.
	pub format: FormatId,
	/// Who may see and read it.
	pub visibility: Visibility,
	/// The sources it groups.
	pub sources: Vec<SourceId>,
	/// The datasets it was derived from.
	pub derived_from: Vec<DatasetId>,
	/// The block it was created in.
	pub created_at: u64,
	/// Its owners so far, the first its creator.
	pub owners: Vec<Ownership>,
	/// How many datasets name it as a parent.
	pub derivatives: u32,
	/// How many grants it has (expired ones not yet cleaned up included).
	pub grants: u32,
	/// How many access requests wait for the owner.
	pub requests: u32,
	/// The deposit held from the owner, in the chain's smallest unit.
	pub deposit: u128,
}

impl From<chain::DatasetView<AccountId, u32, u128>> for Dataset {
	fn from(view: chain::DatasetView<AccountId, u32, u128>) -> Self {
		Self {
			id: view.id,
			owner: view.owner,
			title: String::from_utf8_lossy(&view.title).into_owned(),
			description: String::from_utf8_lossy(&view.description).into_owned(),
			format: view.format,
			visibility: view.visibility.into(),
			sources: view.sources,
			derived_from: view.derived_from,
			created_at: view.created_at.into(),
			owners: view
				.owners
				.into_iter()
				.map(|(owner, since)| Ownership { owner, since: since.into() })
				.collect(),
			derivatives: view.derivatives,
			grants: view.grants,
			requests: view.requests,
			deposit: view.deposit,
		}
	}
}

/// One page of the data directory, as a viewer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetPage {
	/// The datasets of this page, lowest id first.
	pub datasets: Vec<Dataset>,
	/// The id to pass as `after` for the next page, if there are more.
	pub next: Option<DatasetId>,
}

/// A grant on a dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
	/// The grantee.
	pub user: AccountId,
	/// What the grantee may do.
	pub scope: Scope,
	/// What for.
	pub purpose: String,
	/// The first block at which the grant no longer counts.
	pub expires_at: u64,
	/// The block it was granted in.
	pub granted_at: u64,
	/// Whether it has expired (it no longer counts).
	pub expired: bool,
}

impl From<chain::GrantView<AccountId, u32>> for Grant {
	fn from(view: chain::GrantView<AccountId, u32>) -> Self {
		Self {
			user: view.user,
			scope: view.scope.into(),
			purpose: String::from_utf8_lossy(&view.purpose).into_owned(),
			expires_at: view.expires_at.into(),
			granted_at: view.granted_at.into(),
			expired: view.expired,
		}
	}
}

/// An access request waiting for the dataset's owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessRequest {
	/// The requester.
	pub user: AccountId,
	/// The scope asked for.
	pub scope: Scope,
	/// Why.
	pub purpose: String,
	/// The latest expiry asked for.
	pub expires_at: u64,
	/// The block the request was made in.
	pub requested_at: u64,
}

impl From<chain::RequestView<AccountId, u32>> for AccessRequest {
	fn from(view: chain::RequestView<AccountId, u32>) -> Self {
		Self {
			user: view.user,
			scope: view.scope.into(),
			purpose: String::from_utf8_lossy(&view.purpose).into_owned(),
			expires_at: view.expires_at.into(),
			requested_at: view.requested_at.into(),
		}
	}
}

/// The provenance of a dataset: its ancestors, nearest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
	/// The ancestors found, breadth first, each once.
	pub ancestors: Vec<DatasetId>,
	/// False if the chain stopped at its bound before every ancestor was found.
	pub complete: bool,
}

impl From<chain::Provenance> for Provenance {
	fn from(view: chain::Provenance) -> Self {
		Self { ancestors: view.ancestors, complete: view.complete }
	}
}

impl From<chain::AccessTarget> for AccessTarget {
	fn from(target: chain::AccessTarget) -> Self {
		match target {
			chain::AccessTarget::Dataset(id) => Self::Dataset(id),
			chain::AccessTarget::Record { dataset, record } => {
				Self::Record { dataset, record: record.into() }
			},
		}
	}
}

/// A dataset's key epochs (MGMT-2): records are sealed under the current epoch's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyEpochs {
	/// The current epoch.
	pub epoch: u32,
	/// How many wrapped keys the dataset holds over all its epochs.
	pub wrapped: u32,
}

impl From<chain::KeyEpochView> for KeyEpochs {
	fn from(view: chain::KeyEpochView) -> Self {
		Self { epoch: view.epoch, wrapped: view.wrapped }
	}
}

/// Whose access receipts to list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptsOf {
	/// One dataset's.
	Dataset(DatasetId),
	/// One grantee's, over all datasets.
	User(AccountId),
}

impl From<ReceiptsOf> for chain::ReceiptsOf<AccountId> {
	fn from(of: ReceiptsOf) -> Self {
		match of {
			ReceiptsOf::Dataset(id) => Self::Dataset(id),
			ReceiptsOf::User(who) => Self::User(who),
		}
	}
}

/// An access receipt (MON-2): a grantee was served data under a grant that counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessReceipt {
	/// Its id: receipts are numbered in the order they were recorded.
	pub id: u64,
	/// The dataset (and record) served.
	pub target: AccessTarget,
	/// Who received it.
	pub grantee: AccountId,
	/// The scope it was served under.
	pub scope: Scope,
	/// The hash of the bytes delivered, `0x` hex.
	pub delivered: String,
	/// Who recorded it: the grantee or the dataset's owner.
	pub served_by: AccountId,
	/// The block it was recorded in.
	pub at: u64,
	/// The chain's time then, milliseconds since the Unix epoch.
	pub moment: u64,
}

impl From<chain::ReceiptView<AccountId, u32>> for AccessReceipt {
	fn from(view: chain::ReceiptView<AccountId, u32>) -> Self {
		Self {
			id: view.id,
			target: view.target.into(),
			grantee: view.grantee,
			scope: view.scope.into(),
			delivered: format!("0x{}", hex::encode(view.delivered)),
			served_by: view.served_by,
			at: view.at.into(),
			moment: view.moment,
		}
	}
}
