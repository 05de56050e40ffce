//! Storage types of the operator-configuration pallet and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dmchain_primitives::{FieldSpec, FormatSpec, ParameterChange};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A data user's name (UTF-8, at most `MaxNameLen` bytes).
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;

/// An operator's reason for a refusal (UTF-8, at most `MaxReasonLen` bytes).
pub type ReasonOf<T> = BoundedVec<u8, <T as Config>::MaxReasonLen>;

/// A data user as the pallet stores it.
pub type DataUserOf<T> = DataUser<NameOf<T>, BalanceOf<T>, BlockNumberFor<T>>;

/// Whether a data user is an organisation or a person (SVC-1: "bound" to one of them).
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
pub enum DataUserKind {
	/// A company, authority or other organisation.
	Organisation,
	/// A natural person.
	Person,
}

/// Where a data user stands.
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
pub enum DataUserStatus {
	/// Registered, waiting for an operator's approval.
	Pending,
	/// Approved by an operator.
	Approved,
	/// Suspended by an operator; may be reinstated.
	Suspended,
}

/// A registered data user (SVC-1): the account is bound to an organisation or person record.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct DataUser<Name, Balance, BlockNumber> {
	/// Organisation or person.
	pub kind: DataUserKind,
	/// The organisation's or person's name.
	pub name: Name,
	/// The hash of the identity document the operator checks (registration certificate, ID
	/// card); the document itself stays off chain.
	pub identity_document: [u8; 32],
	/// Where the registration stands.
	pub status: DataUserStatus,
	/// The deposit held for this entry.
	pub deposit: Balance,
	/// The block the data user registered in.
	pub registered_at: BlockNumber,
}

/// A format or field name, or an enum variant (UTF-8, at most `MaxFormatNameLen` bytes).
pub type FormatNameOf<T> = BoundedVec<u8, <T as Config>::MaxFormatNameLen>;

/// The variants of an enum field (at most `MaxEnumVariants`).
pub type VariantsOf<T> = BoundedVec<FormatNameOf<T>, <T as Config>::MaxEnumVariants>;

/// One metadata field of a format, as stored.
pub type FieldSpecOf<T> = FieldSpec<FormatNameOf<T>, VariantsOf<T>>;

/// The fields of a format (at most `MaxFormatFields`).
pub type FieldsOf<T> = BoundedVec<FieldSpecOf<T>, <T as Config>::MaxFormatFields>;

/// A data format as an operator submits it.
pub type FormatSpecOf<T> = FormatSpec<FormatNameOf<T>, FieldsOf<T>>;

/// A registered data format as stored.
pub type FormatInfoOf<T> = FormatInfo<
	FormatSpecOf<T>,
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
>;

/// An entry of the configuration history as stored.
pub type ParameterChangeOf<T> =
	ParameterChange<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// Whether a format may be given to new sources.
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
pub enum FormatStatus {
	/// New sources may take it.
	Active,
	/// Sources that have it keep it; new sources cannot take it.
	Deprecated,
}

/// A registered data format (ACQ-2) and who registered it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct FormatInfo<Spec, AccountId, Balance, BlockNumber> {
	/// The format itself: never changed once registered.
	pub spec: Spec,
	/// Active or deprecated.
	pub status: FormatStatus,
	/// The operator who registered it; `None` for a format of the chain's genesis.
	pub registered_by: Option<AccountId>,
	/// The deposit held from that operator.
	pub deposit: Balance,
	/// The block it was registered in.
	pub registered_at: BlockNumber,
	/// How many registered sources name it (pending, active, held or retired): it can be
	/// removed only at 0.
	pub sources: u32,
}

/// A libp2p peer id in its binary form (a multihash), at most 64 bytes.
pub type PeerIdBytes = BoundedVec<u8, ConstU32<64>>;

/// A node allowed to join the network (CTL-5) and who allowed it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct AuthorizedNode<AccountId, BlockNumber> {
	/// The organisation's account that runs the node.
	pub owner: AccountId,
	/// The operator who authorized it; `None` for a node of the chain's genesis.
	pub authorized_by: Option<AccountId>,
	/// The block it was authorized in.
	pub authorized_at: BlockNumber,
}

/// An authorized node as stored.
pub type AuthorizedNodeOf<T> =
	AuthorizedNode<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
