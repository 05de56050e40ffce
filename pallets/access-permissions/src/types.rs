//! Storage types of the access pallet and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dmchain_primitives::{AccessTarget, DatasetId, FormatId, Scope, SourceId, Visibility};
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

/// The length of a wrapped dataset key: an HPKE (RFC 9180, X25519-HKDF-SHA256 /
/// ChaCha20-Poly1305) encapsulated key (32 bytes), the sealed 32-byte key and its tag (16).
pub const WRAPPED_KEY_LEN: usize = 80;

/// A dataset key wrapped for one recipient's X25519 key: opaque to the chain.
pub type WrappedKeyBytes = [u8; WRAPPED_KEY_LEN];

/// The recipients and wrapped keys one `set_wrapped_keys` call stores.
pub type WrapsOf<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, WrappedKeyBytes),
	<T as Config>::MaxKeyRecipients,
>;

/// The recipients one `remove_wrapped_keys` call names.
pub type RecipientsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxKeyRecipients>;

/// A wrapped key as the pallet stores it.
pub type WrappedKeyOf<T> =
	WrappedKey<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, BalanceOf<T>>;

/// An access receipt as the pallet stores it.
pub type ReceiptOf<T> =
	Receipt<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, BalanceOf<T>>;

/// A dataset's key epochs (MGMT-2): the epoch whose key encrypts new records, and how many
/// wrapped keys the dataset has over all its epochs.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct KeyEpochs {
	/// The current epoch: new records are encrypted under its key. It starts at 0 and moves
	/// on when a grant that could read ends, or when the owner rotates it.
	pub epoch: u32,
	/// How many entries the dataset has in [`crate::WrappedKeys`], over all epochs.
	pub wrapped: u32,
}

/// A dataset key of one epoch, wrapped for one recipient (MGMT-2, GOV-2).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct WrappedKey<AccountId, BlockNumber, Balance> {
	/// The key, wrapped for the recipient's registered encryption key (opaque to the chain).
	pub wrapped: WrappedKeyBytes,
	/// The block it was stored in.
	pub stored_at: BlockNumber,
	/// Who paid its deposit (the owner who stored it), and gets it back.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
}

/// A receipt (MON-2): a grantee was served data of a dataset, and the hash of what it got.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Receipt<AccountId, BlockNumber, Balance> {
	/// The dataset (and record) served.
	pub target: AccessTarget,
	/// Who received it.
	pub grantee: AccountId,
	/// The scope it was served under.
	pub scope: Scope,
	/// The hash of the bytes delivered (for a fetched payload, the ciphertext's hash).
	pub delivered: [u8; 32],
	/// Who recorded the receipt (the grantee itself or the dataset's owner); it paid the
	/// deposit and gets it back when the receipt is pruned.
	pub served_by: AccountId,
	/// The block it was recorded in.
	pub at: BlockNumber,
	/// The chain's time at that block, in milliseconds since the Unix epoch.
	pub moment: u64,
	/// The deposit held from `served_by`.
	pub deposit: Balance,
}

/// A contiguous run of positions `first..next` in a receipt index ([`crate::DatasetReceipts`],
/// [`crate::UserReceipts`]): receipts are pruned oldest first, so each index loses its front.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct IndexRange {
	/// The first position still held.
	pub first: u64,
	/// The position the next entry takes.
	pub next: u64,
}

impl IndexRange {
	/// How many entries the range holds.
	pub fn len(&self) -> u64 {
		self.next.saturating_sub(self.first)
	}

	/// Whether the range holds no entry.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}
}
