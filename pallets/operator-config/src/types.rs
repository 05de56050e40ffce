//! Storage types of the operator-configuration pallet and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
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
