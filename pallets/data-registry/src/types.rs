//! Storage types of the data registry and their `XOf<T>` aliases.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use dmchain_primitives::{
	ContentHash, FormatId, FormatTerms, MetadataEntry, Millis, RecordId, RecordIndex,
	RetentionClass, SourceAnomalies, SourceHolds, SourceStatus,
};
use frame_support::{pallet_prelude::*, traits::fungible::Inspect, PalletError};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The owner's description of a source (opaque bytes, at most `MaxSourceMetadataLen`).
pub type SourceMetadataOf<T> = BoundedVec<u8, <T as Config>::MaxSourceMetadataLen>;

/// A metadata key (UTF-8, at most `MaxMetadataKeyLen` bytes).
pub type MetadataKeyOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataKeyLen>;

/// The bytes of a text or bytes metadata value (at most `MaxMetadataValueLen`).
pub type MetadataBytesOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataValueLen>;

/// A record's typed metadata: at most `MaxMetadataEntries` entries with distinct keys.
pub type MetadataOf<T> = BoundedVec<
	MetadataEntry<MetadataKeyOf<T>, MetadataBytesOf<T>>,
	<T as Config>::MaxMetadataEntries,
>;

/// A record as a submission carries it.
pub type RecordInputOf<T> = RecordInput<MetadataOf<T>>;

/// A record as the registry stores it.
pub type RecordOf<T> = Record<MetadataOf<T>>;

/// A data source's description as the registry stores it.
pub type SourceInfoOf<T> = SourceInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	SourceMetadataOf<T>,
>;

/// What a submission reads and writes of a source.
pub type SourceStateOf<T> = SourceState<<T as frame_system::Config>::AccountId>;

/// A data source's description: who owns it, what it is, what its entry cost. Read by the
/// owner's calls and the queries, never by a submission ([`SourceState`] holds what those need).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct SourceInfo<AccountId, Balance, BlockNumber, Metadata> {
	/// The account that registered the source and governs it.
	pub owner: AccountId,
	/// How long the owner keeps the source's payloads: the operators' default when the source
	/// was registered (REP-4).
	pub retention: RetentionClass,
	/// The owner's description of the source.
	pub metadata: Metadata,
	/// How often the source is expected to report, in ms (MON-3), if the owner said.
	pub expected_interval: Option<Millis>,
	/// The deposit held from the owner for this entry (and the source's [`SourceState`]).
	pub deposit: Balance,
	/// The block the source was registered in.
	pub registered_at: BlockNumber,
}

/// The part of a source every submission reads and writes, in one small item (issue 12: the
/// record path reads one source item of about 130 bytes, not the 1 KB description): the device
/// that signs, the format and what the source keeps of it, the life cycle and holds, and the
/// source's progress.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct SourceState<AccountId> {
	/// The device account whose signature every submission carries (PRC-1).
	pub device: AccountId,
	/// The data format the source's records follow (ACQ-2): every record is checked against it.
	pub format: FormatId,
	/// What the source keeps of its format (which never changes): the hash algorithm of its
	/// records' content hashes and whether the format requires a field.
	pub terms: FormatTerms,
	/// Where the source stands in its life cycle.
	pub status: SourceStatus,
	/// The holds on the source: the owner's pause, an operator's suspension, a supervisor's
	/// freeze. Any one stops its submissions.
	pub holds: SourceHolds,
	/// How far the source has come.
	pub progress: SourceProgress,
}

/// How far a source has come: its records, its rate-limit window and what its submissions
/// show of its time sequence.
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
pub struct SourceProgress {
	/// How many records the source has anchored; also the index of its next record.
	pub record_count: RecordIndex,
	/// The sequence number of the latest record, if any (MON-3: strictly increasing).
	pub last_sequence: Option<u64>,
	/// The block the source's current rate-limit window started in: the block of its first
	/// record after the previous window ran out (REP-4). Kept as a block, not as a window
	/// index, so that a change of the window length cannot make an old window look current.
	pub window_start: u32,
	/// How many records the source anchored in that window.
	pub in_window: u32,
	/// The device time of the latest record (0 before the first).
	pub last_device_time: Millis,
	/// The chain time of the latest record; before the first, of the source's registration or
	/// approval: where the liveness check counts silence from (MON-3).
	pub last_chain_time: Millis,
	/// The anomalies noticed in the source's submissions (MON-3).
	pub anomalies: SourceAnomalies,
}

/// A record as the device submits it (REP-2, ACQ-1).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct RecordInput<Metadata> {
	/// The hash of the off-chain payload.
	pub content: ContentHash,
	/// The source's sequence number for this record: strictly greater than the last one.
	pub sequence: u64,
	/// The device's time-stamp, ms since the Unix epoch.
	pub device_time: Millis,
	/// For an update: the index of the source's record this one replaces (PRC-3).
	pub replaces: Option<RecordIndex>,
	/// Typed metadata.
	pub metadata: Metadata,
}

/// An anchored record (AUTH-1) as stored: written once, never changed. Cut to what no other
/// item holds (issue 12): the hash algorithm is the source's ([`FormatTerms`]), the chain time
/// is the block's ([`crate::BlockTimes`]), the version links live in [`crate::Versions`], and
/// the numbers are compact.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Record<Metadata> {
	/// The digest of the off-chain payload, made with the source's hash algorithm.
	pub digest: [u8; 32],
	/// The source's sequence number for this record.
	#[codec(compact)]
	pub sequence: u64,
	/// The device's time-stamp, ms since the Unix epoch.
	#[codec(compact)]
	pub device_time: Millis,
	/// The block that anchored the record; its chain time is in [`crate::BlockTimes`].
	#[codec(compact)]
	pub block: u32,
	/// Typed metadata.
	pub metadata: Metadata,
}

/// A record's version links (PRC-3), kept apart from the record so that a plain record, the
/// usual case, stores none: the earlier version an update replaces and the later version that
/// replaced a record, both positions in the same source.
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
pub struct VersionLinks {
	/// The position of the record this one replaces, if it is an update.
	pub replaces: Option<RecordIndex>,
	/// The position of the version that replaced this record, if any.
	pub superseded_by: Option<RecordIndex>,
}

/// Why one record of a submission was refused. A single-record call fails with the matching
/// [`crate::Error`] variant; a multi-record call with [`crate::Error::BatchRecordRejected`],
/// which names the offending record's position and this reason.
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
	PalletError,
	Debug,
)]
pub enum RecordRejection {
	/// The sequence number equals the source's last one: a replay.
	SequenceReplayed,
	/// The sequence number is below the source's last one.
	SequenceOutOfOrder,
	/// The device time-stamp is later than chain time plus the allowed clock skew.
	DeviceTimeInFuture,
	/// A metadata key is empty.
	EmptyMetadataKey,
	/// Two metadata entries have the same key.
	DuplicateMetadataKey,
	/// A metadata key or text value is not valid UTF-8.
	InvalidUtf8,
	/// The record named in `replaces` does not exist in this source.
	ReplacedRecordNotFound,
	/// The record named in `replaces` has already been replaced by another version.
	ReplacedRecordSuperseded,
	/// The metadata is larger than the operators' bound (`max_metadata_bytes`).
	MetadataTooLarge,
	/// The source has anchored as many records as the rate limit allows in this window.
	RateLimitExceeded,
	/// A field the source's format requires is missing.
	MissingField,
	/// A field's value has another type than the format gives it.
	WrongFieldType,
	/// A field's value lies outside the bounds the format gives it.
	FieldOutOfBounds,
	/// A field the (strict) format does not list.
	UnknownField,
	/// The content hash was made with another algorithm than the format's.
	WrongHashAlgorithm,
	/// The source's format is gone (it cannot be: a format is not removed while a source is
	/// bound to it; refused rather than accepted unchecked).
	FormatNotFound,
}

impl From<dmchain_primitives::FormatViolation> for RecordRejection {
	fn from(violation: dmchain_primitives::FormatViolation) -> Self {
		use dmchain_primitives::FormatViolation as V;
		match violation {
			V::MissingField => Self::MissingField,
			V::WrongFieldType => Self::WrongFieldType,
			V::FieldOutOfBounds => Self::FieldOutOfBounds,
			V::UnknownField => Self::UnknownField,
			V::WrongHashAlgorithm => Self::WrongHashAlgorithm,
		}
	}
}

/// The second key of [`crate::RecordsByHash`]: the anchoring block, the source and the record's
/// position, each big-endian. Stored with the `Identity` hasher (every part is assigned by the
/// chain, none chosen by users), so a digest's anchors iterate in the order they were anchored
/// and the first anchor always comes first.
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
pub struct AnchorKey {
	/// The block that anchored the record, big-endian.
	pub block: [u8; 4],
	/// The record's source, big-endian.
	pub source: [u8; 4],
	/// The record's position in its source, big-endian.
	pub index: [u8; 8],
}

impl AnchorKey {
	/// The key of record `id` anchored in block `block`.
	pub fn new(block: u32, id: RecordId) -> Self {
		Self {
			block: block.to_be_bytes(),
			source: id.source.to_be_bytes(),
			index: id.index.to_be_bytes(),
		}
	}

	/// The record this key names.
	pub fn id(&self) -> RecordId {
		RecordId { source: u32::from_be_bytes(self.source), index: u64::from_be_bytes(self.index) }
	}
}
