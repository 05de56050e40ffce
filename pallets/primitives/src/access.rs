//! Datasets and access (D3.7 GOV-1, APP-2, CTL-3, MGMT-1, PRC-2, PRC-5): what the access
//! pallet's runtime API answers, shared by the pallet, its runtime API, the node's JSON-RPC
//! and the client.

use crate::{FormatId, RecordId, SourceId};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a dataset: assigned by the access pallet, counting up from 0.
pub type DatasetId = u32;

/// Who may see that a dataset exists and read it without a grant (GOV-1, CTL-3).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Visibility {
	/// Listed for everyone and open to everyone in every scope: no grant is needed.
	Public,
	/// Listed for every approved data user, who may request access; reading needs a grant.
	Consortium,
	/// Listed only for its owner and grantees; reading needs a grant.
	Private,
}

/// The visibilities a data format allows its datasets (set by operators, CTL-3).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Visibilities {
	/// Public datasets are allowed.
	pub public: bool,
	/// Consortium datasets are allowed.
	pub consortium: bool,
	/// Private datasets are allowed.
	pub private: bool,
}

impl Visibilities {
	/// Every visibility: what a format allows until an operator says otherwise.
	pub const ALL: Self = Self { public: true, consortium: true, private: true };

	/// Whether `visibility` is allowed.
	pub fn allows(&self, visibility: Visibility) -> bool {
		match visibility {
			Visibility::Public => self.public,
			Visibility::Consortium => self.consortium,
			Visibility::Private => self.private,
		}
	}
}

impl Default for Visibilities {
	fn default() -> Self {
		Self::ALL
	}
}

/// What a grant lets its holder do, from the narrowest to the widest; each scope includes the
/// narrower ones (MGMT-1, PRC-5).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Scope {
	/// Check a payload against its anchored hashes, without receiving the content key.
	VerifyOnly,
	/// Read (decrypt) the payloads.
	Read,
	/// Read the payloads and publish datasets derived from them.
	Derive,
}

impl Scope {
	/// Whether a grant of this scope allows `wanted`.
	pub fn covers(self, wanted: Scope) -> bool {
		self >= wanted
	}
}

/// What an access question is about.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum AccessTarget {
	/// A dataset as a whole.
	Dataset(DatasetId),
	/// One record, read as part of a dataset: its source must be one the dataset groups.
	Record {
		/// The dataset it is read under.
		dataset: DatasetId,
		/// The record.
		record: RecordId,
	},
}

impl AccessTarget {
	/// The dataset the question is about.
	pub fn dataset(&self) -> DatasetId {
		match self {
			Self::Dataset(id) | Self::Record { dataset: id, .. } => *id,
		}
	}
}

/// Why an access is allowed.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", tag = "kind"))]
pub enum AccessBasis<BlockNumber> {
	/// The user owns the dataset.
	Owner,
	/// The dataset is public.
	Public,
	/// The user holds a grant that covers the scope and has not expired.
	Grant {
		/// The grant's scope.
		scope: Scope,
		/// The first block at which the grant no longer counts.
		expires_at: BlockNumber,
	},
}

/// Why an access is refused: each way its own variant.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", tag = "reason"))]
pub enum AccessDenial<BlockNumber> {
	/// No dataset has this id.
	DatasetNotFound,
	/// The record is not anchored.
	RecordNotFound,
	/// The record's source is not one the dataset groups.
	RecordNotInDataset,
	/// The user is not an approved data user (or is suspended): only approved data users
	/// hold grants.
	NotApprovedDataUser,
	/// The user holds no grant on the dataset.
	NoGrant,
	/// The user's grant expired at this block.
	GrantExpired {
		/// The first block at which the grant no longer counted.
		at: BlockNumber,
	},
	/// The user's grant does not cover the scope asked for.
	ScopeNotGranted {
		/// The scope the grant has.
		granted: Scope,
	},
}

/// One dataset, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(
	feature = "std",
	serde(
		rename_all = "camelCase",
		bound(serialize = "AccountId: serde::Serialize, Balance: core::fmt::Display, \
			BlockNumber: serde::Serialize")
	)
)]
pub struct DatasetView<AccountId, BlockNumber, Balance> {
	/// The dataset's id.
	pub id: DatasetId,
	/// Its current owner.
	pub owner: AccountId,
	/// Its title (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub title: Vec<u8>,
	/// Its description (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub description: Vec<u8>,
	/// The data format of its records.
	pub format: FormatId,
	/// Who may see and read it.
	pub visibility: Visibility,
	/// The sources it groups.
	pub sources: Vec<SourceId>,
	/// The datasets it was derived from.
	pub derived_from: Vec<DatasetId>,
	/// The block it was created in.
	pub created_at: BlockNumber,
	/// Its owners so far, the first its creator, each with the block it became owner in.
	pub owners: Vec<(AccountId, BlockNumber)>,
	/// How many datasets name it as a parent.
	pub derivatives: u32,
	/// How many grants it has (expired ones not yet cleaned up included).
	pub grants: u32,
	/// How many access requests wait for the owner.
	pub requests: u32,
	/// The deposit held from the owner for it.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub deposit: Balance,
}

/// The provenance of a dataset: the datasets it was derived from, theirs, and so on, each once,
/// nearest first.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct Provenance {
	/// The ancestors found, breadth first.
	pub ancestors: Vec<DatasetId>,
	/// False if the answer stopped at the pallet's bound before every ancestor was found.
	pub complete: bool,
}

/// A grant, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct GrantView<AccountId, BlockNumber> {
	/// The grantee.
	pub user: AccountId,
	/// What the grantee may do.
	pub scope: Scope,
	/// What for (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub purpose: Vec<u8>,
	/// The first block at which the grant no longer counts.
	pub expires_at: BlockNumber,
	/// The block it was granted in.
	pub granted_at: BlockNumber,
	/// Whether it has expired at the block asked at (it no longer counts).
	pub expired: bool,
}

/// An access request waiting for the owner, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RequestView<AccountId, BlockNumber> {
	/// The requester.
	pub user: AccountId,
	/// The scope asked for.
	pub scope: Scope,
	/// Why (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub purpose: Vec<u8>,
	/// The latest expiry asked for.
	pub expires_at: BlockNumber,
	/// The block the request was made in.
	pub requested_at: BlockNumber,
}

/// A dataset's key epochs (MGMT-2), as a query answers them.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, Debug, Default)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct KeyEpochView {
	/// The epoch whose key encrypts new records.
	pub epoch: u32,
	/// How many wrapped keys the dataset holds over all its epochs.
	pub wrapped: u32,
}

/// Whose access receipts a query lists (MON-2).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ReceiptsOf<AccountId> {
	/// The receipts of one dataset.
	Dataset(DatasetId),
	/// The receipts of one grantee, over all datasets.
	User(AccountId),
}

/// An access receipt (MON-2), as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ReceiptView<AccountId, BlockNumber> {
	/// The receipt's id: receipts are numbered in the order they were recorded.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub id: u64,
	/// The dataset (and record) served.
	pub target: AccessTarget,
	/// Who received it.
	pub grantee: AccountId,
	/// The scope it was served under.
	pub scope: Scope,
	/// The hash of the bytes delivered.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::bytes"))]
	pub delivered: [u8; 32],
	/// Who recorded it: the grantee or the dataset's owner.
	pub served_by: AccountId,
	/// The block it was recorded in.
	pub at: BlockNumber,
	/// The chain's time at that block (milliseconds since the Unix epoch).
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub moment: u64,
}

/// A page of access receipts, oldest first.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ReceiptPage<AccountId, BlockNumber> {
	/// The receipts of this page.
	pub items: Vec<ReceiptView<AccountId, BlockNumber>>,
	/// Where the next page starts (pass it as `cursor`), if there may be more.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub next: Option<u64>,
}
