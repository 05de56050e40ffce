//! Storage types of the access pallet and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dmchain_primitives::{DatasetId, FormatId, Scope, SourceId, Visibility};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A dataset's title: UTF-8, at most `MaxTitleLen` bytes.
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLen>;

/// A dataset's description: UTF-8, at most `MaxDescriptionLen` bytes.
pub type DescriptionOf<T> = BoundedVec<u8, <T as Config>::MaxDescriptionLen>;

/// The purpose of a request or a grant, or the reason of a rejection: UTF-8, at most
/// `MaxPurposeLen` bytes.
pub type PurposeOf<T> = BoundedVec<u8, <T as Config>::MaxPurposeLen>;

/// The sources a dataset groups.
pub type SourcesOf<T> = BoundedVec<SourceId, <T as Config>::MaxSources>;

/// The datasets a dataset was derived from.
pub type ParentsOf<T> = BoundedVec<DatasetId, <T as Config>::MaxParents>;

/// A dataset as the pallet stores it.
pub type DatasetOf<T> = Dataset<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	BalanceOf<T>,
	TitleOf<T>,
	DescriptionOf<T>,
	SourcesOf<T>,
	ParentsOf<T>,
>;

/// An access request as the pallet stores it.
pub type RequestOf<T> = Request<BlockNumberFor<T>, BalanceOf<T>, PurposeOf<T>>;

/// A grant as the pallet stores it.
pub type GrantOf<T> =
	Grant<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, BalanceOf<T>, PurposeOf<T>>;

/// An encryption key as the pallet stores it.
pub type EncryptionKeyOf<T> = EncryptionKey<BlockNumberFor<T>, BalanceOf<T>>;

/// A dataset: a titled group of sources with one data format, a visibility and an owner
/// (GOV-1, APP-2).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Dataset<AccountId, BlockNumber, Balance, Title, Description, Sources, Parents> {
	/// The current owner.
	pub owner: AccountId,
	/// The title.
	pub title: Title,
	/// The description.
	pub description: Description,
	/// The data format of its records.
	pub format: FormatId,
	/// Who may see and read it.
	pub visibility: Visibility,
	/// The sources it groups, each once.
	pub sources: Sources,
	/// The datasets it was derived from, each once (lineage). Each existed when this one was
	/// created, so lineage never forms a cycle.
	pub derived_from: Parents,
	/// The block it was created in.
	pub created_at: BlockNumber,
	/// How many owners it has had ([`crate::Owners`] holds them at positions `0..owners`).
	pub owners: u32,
	/// How many datasets name it in their `derived_from`.
	pub derivatives: u32,
	/// How many grants it has in [`crate::Grants`].
	pub grants: u32,
	/// How many requests wait in [`crate::Requests`].
	pub requests: u32,
	/// The deposit held from the owner for the dataset and its owner history.
	pub deposit: Balance,
}

/// An owner in a dataset's history.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct OwnerEntry<AccountId, BlockNumber> {
	/// The owner.
	pub owner: AccountId,
	/// The block it became owner in.
	pub since: BlockNumber,
}

/// A data user's request for access to a dataset, waiting for the owner (PRC-2).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Request<BlockNumber, Balance, Purpose> {
	/// The scope asked for.
	pub scope: Scope,
	/// Why the user wants it.
	pub purpose: Purpose,
	/// The latest expiry asked for: the first block at which the grant would no longer count.
	pub expires_at: BlockNumber,
	/// The block the request was made in.
	pub requested_at: BlockNumber,
	/// The deposit held from the requester.
	pub deposit: Balance,
}

/// A grant: a data user may use a dataset in a scope, for a purpose, until a block (MGMT-1,
/// PRC-5).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Grant<AccountId, BlockNumber, Balance, Purpose> {
	/// What the grantee may do.
	pub scope: Scope,
	/// What for.
	pub purpose: Purpose,
	/// The first block at which the grant no longer counts.
	pub expires_at: BlockNumber,
	/// The block it was granted in.
	pub granted_at: BlockNumber,
	/// Who paid its deposit (the owner when it was granted), and gets it back.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
}

/// An account's X25519 public encryption key: content keys are wrapped for it (MGMT-2).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct EncryptionKey<BlockNumber, Balance> {
	/// The X25519 public key.
	pub key: [u8; 32],
	/// The block it was registered in.
	pub registered_at: BlockNumber,
	/// The deposit held from the account.
	pub deposit: Balance,
}

/// A block number as the first key of the expiry queue: big-endian, stored with the
/// `Identity` hasher, so that the queue iterates earliest expiry first.
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
pub struct ExpiryKey(pub [u8; 8]);

impl ExpiryKey {
	/// The key of block `block`.
	pub fn new(block: u64) -> Self {
		Self(block.to_be_bytes())
	}

	/// The block this key names.
	pub fn block(&self) -> u64 {
		u64::from_be_bytes(self.0)
	}
}
