//! Storage types of the supervisor audit and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dmchain_primitives::{CaseId, CaseOutcome, CaseStatus, FlagId, ReasonCode, Subject};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The balance type of the currency fees are burnt from.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A supervisor's text: UTF-8, at most `MaxTextLen` bytes.
pub type TextOf<T> = BoundedVec<u8, <T as Config>::MaxTextLen>;

/// A flag as the pallet stores it.
pub type FlagOf<T> = Flag<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, TextOf<T>>;

/// A case as the pallet stores it.
pub type CaseOf<T> = Case<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	TextOf<T>,
	BoundedVec<FlagId, <T as Config>::MaxFlagsPerCase>,
>;

/// A finding as the pallet stores it.
pub type FindingOf<T> =
	Finding<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, TextOf<T>>;

/// A supervisor's flag on a record or a source.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Flag<AccountId, BlockNumber, Text> {
	/// What it is about.
	pub subject: Subject,
	/// Why, as a code.
	pub reason: ReasonCode,
	/// Why, in the supervisor's words.
	pub text: Text,
	/// The hash of the off-chain evidence, if any.
	pub evidence: Option<[u8; 32]>,
	/// The supervisor who raised it.
	pub by: AccountId,
	/// The block it was raised in.
	pub at: BlockNumber,
	/// The case it was taken into, once it is.
	pub case: Option<CaseId>,
}

/// How a case was resolved.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Resolution<AccountId, BlockNumber, Text> {
	/// Upheld or dismissed.
	pub outcome: CaseOutcome,
	/// The supervisor's reason.
	pub reason: Text,
	/// The supervisor who resolved it.
	pub by: AccountId,
	/// The block it was resolved in.
	pub at: BlockNumber,
}

/// A case about a record or a source.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Case<AccountId, BlockNumber, Text, Flags> {
	/// What it is about.
	pub subject: Subject,
	/// Where it stands.
	pub status: CaseStatus,
	/// The flags it was opened on.
	pub flags: Flags,
	/// The supervisor's summary.
	pub summary: Text,
	/// The supervisor who opened it.
	pub opened_by: AccountId,
	/// The block it was opened in.
	pub opened_at: BlockNumber,
	/// How many findings it has (they sit at positions `0..findings` of [`crate::Findings`]).
	pub findings: u32,
	/// How it was resolved, once it is.
	pub resolution: Option<Resolution<AccountId, BlockNumber, Text>>,
}

/// A finding of a case.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Finding<AccountId, BlockNumber, Text> {
	/// What the supervisor found.
	pub text: Text,
	/// The hash of the off-chain evidence, if any.
	pub evidence: Option<[u8; 32]>,
	/// The supervisor who added it.
	pub by: AccountId,
	/// The block it was added in.
	pub at: BlockNumber,
}

/// A flag or case id as the second key of an index: big-endian, stored with the `Identity`
/// hasher, so that an index iterates in id order.
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
pub struct IdKey(pub [u8; 4]);

impl IdKey {
	/// The key of id `id`.
	pub fn new(id: u32) -> Self {
		Self(id.to_be_bytes())
	}

	/// The id this key names.
	pub fn id(&self) -> u32 {
		u32::from_be_bytes(self.0)
	}
}
