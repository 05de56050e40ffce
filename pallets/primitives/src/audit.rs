//! Supervision (D3.7 MON-1..4, PROC-MONITOR): what supervisors flag and judge, the answers of
//! the supervisor pallet's runtime API, and the seams between that pallet and the registry.

use crate::{ContentHash, RecordId, RecordIndex, SourceId, SourceStatus};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a flag: assigned by the supervisor pallet, counting up from 0.
pub type FlagId = u32;

/// Identifies a case: assigned by the supervisor pallet, counting up from 0.
pub type CaseId = u32;

/// What a flag or a case is about.
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
pub enum Subject {
	/// One anchored record.
	Record(RecordId),
	/// A data source and all of its records.
	Source(SourceId),
}

/// Why a supervisor flagged a subject: a machine-readable code beside the free text.
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
pub enum ReasonCode {
	/// Sequence numbers skip, or a sequence looks replayed (MON-3).
	SequenceAnomaly,
	/// The device clock goes backwards or drifts from chain time (MON-3).
	ClockAnomaly,
	/// The source stopped reporting within its expected interval (MON-3).
	Silence,
	/// The data or the device looks tampered with (MON-4).
	SuspectedTampering,
	/// The data does not mean what its format says (MON-4).
	FormatMisuse,
	/// The same payload anchored where it should not be.
	DuplicateData,
	/// Anything else; the text says what.
	Other,
}

/// Where a case stands.
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
pub enum CaseStatus {
	/// Under investigation: findings can be added.
	Open,
	/// Resolved: the concern was upheld. The subject's records read as invalid.
	Upheld,
	/// Resolved: the concern was dismissed.
	Dismissed,
}

/// How a supervisor resolves a case.
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
pub enum CaseOutcome {
	/// The concern holds: the subject's records read as invalid from now on.
	Upheld,
	/// The concern does not hold.
	Dismissed,
}

impl From<CaseOutcome> for CaseStatus {
	fn from(outcome: CaseOutcome) -> Self {
		match outcome {
			CaseOutcome::Upheld => CaseStatus::Upheld,
			CaseOutcome::Dismissed => CaseStatus::Dismissed,
		}
	}
}

/// Which cases a page lists.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum CaseFilter {
	/// The cases in this status.
	Status(CaseStatus),
	/// The cases about this subject.
	Subject(Subject),
}

/// A flag, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct FlagView<AccountId, BlockNumber> {
	/// The flag's identity.
	pub id: FlagId,
	/// What it is about.
	pub subject: Subject,
	/// Why, as a code.
	pub reason: ReasonCode,
	/// Why, in the supervisor's words (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub text: Vec<u8>,
	/// The hash of the supervisor's off-chain evidence, if any.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::opt_bytes"))]
	pub evidence: Option<[u8; 32]>,
	/// The supervisor who raised it.
	pub by: AccountId,
	/// The block it was raised in.
	pub at: BlockNumber,
	/// The case it was taken into, if any.
	pub case: Option<CaseId>,
}

/// How a case was resolved, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ResolutionView<AccountId, BlockNumber> {
	/// Upheld or dismissed.
	pub outcome: CaseOutcome,
	/// The supervisor's reason (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub reason: Vec<u8>,
	/// The supervisor who resolved it.
	pub by: AccountId,
	/// The block it was resolved in.
	pub at: BlockNumber,
}

/// A case, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CaseView<AccountId, BlockNumber> {
	/// The case's identity.
	pub id: CaseId,
	/// What it is about.
	pub subject: Subject,
	/// Where it stands.
	pub status: CaseStatus,
	/// The flags it was opened on.
	pub flags: Vec<FlagId>,
	/// The supervisor's summary (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub summary: Vec<u8>,
	/// The supervisor who opened it.
	pub opened_by: AccountId,
	/// The block it was opened in.
	pub opened_at: BlockNumber,
	/// The findings added to it, oldest first.
	pub findings: Vec<FindingView<AccountId, BlockNumber>>,
	/// How it was resolved, once it is.
	pub resolution: Option<ResolutionView<AccountId, BlockNumber>>,
}

/// A finding of a case, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct FindingView<AccountId, BlockNumber> {
	/// What the supervisor found (UTF-8).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub text: Vec<u8>,
	/// The hash of the off-chain evidence, if any.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::opt_bytes"))]
	pub evidence: Option<[u8; 32]>,
	/// The supervisor who added it.
	pub by: AccountId,
	/// The block it was added in.
	pub at: BlockNumber,
}

/// A page of flags or cases in id order.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AuditPage<Item> {
	/// The items of this page, lowest id first.
	pub items: Vec<Item>,
	/// The last id of this page, to pass as `after` for the next page, if there are more.
	pub next: Option<u32>,
}

/// Whether a record can be relied on (MON-4, SVC-4), each part its own field so that a client
/// can say why.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RecordVerdict<BlockNumber> {
	/// The record judged.
	pub record: RecordId,
	/// Whether the record exists (is anchored). Every other part is about an anchored record.
	pub anchored: bool,
	/// The anchored content hash.
	pub content: Option<ContentHash>,
	/// The block that anchored it.
	pub block: Option<BlockNumber>,
	/// Whether the digest the caller brought is the anchored one (`None` when none was
	/// brought or the record is not anchored).
	pub hash_matches: Option<bool>,
	/// The source was active and under no hold when it submitted the record, and the record
	/// followed the source's data format then: the registry anchors nothing else, so this holds
	/// for every anchored record.
	pub admitted: bool,
	/// The source's life-cycle status now.
	pub source_status: Option<SourceStatus>,
	/// Whether a supervisor has the source frozen now.
	pub source_frozen: bool,
	/// The later version that replaced the record, if any.
	pub superseded_by: Option<RecordId>,
	/// The first upheld case about the record itself, if any.
	pub record_case: Option<CaseId>,
	/// The first upheld case about the record's source, if any.
	pub source_case: Option<CaseId>,
	/// The verdict: anchored, the digest (if brought) matches, and no upheld case about the
	/// record or its source. A superseded record stays valid as the version it was.
	pub valid: bool,
}

/// What the supervisor pallet reads of an anchored record. Implemented by the registry.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct RecordFacts<BlockNumber> {
	/// The anchored content hash.
	pub content: ContentHash,
	/// The block that anchored it.
	pub block: BlockNumber,
	/// The position of the later version that replaced it, if any.
	pub superseded_by: Option<RecordIndex>,
}

/// The registry as the supervisor pallet sees its records. Implemented by the data registry;
/// the runtime hands it to the supervisor pallet.
pub trait RecordRegistry<BlockNumber> {
	/// The facts of record `id`, if it is anchored.
	fn record_facts(id: RecordId) -> Option<RecordFacts<BlockNumber>>;
}

impl<BlockNumber> RecordRegistry<BlockNumber> for () {
	fn record_facts(_: RecordId) -> Option<RecordFacts<BlockNumber>> {
		None
	}
}

/// Supervisors' verdicts as the registry's queries show them: a record under an upheld case
/// (about the record or about its source) reads as invalid wherever it is read. Implemented by
/// the supervisor pallet; `()` knows of no case.
pub trait RecordStanding {
	/// The upheld case about record `id` or about its source, if any: of the first case
	/// upheld about the record and the first upheld about its source, the lower id.
	fn upheld_case(id: RecordId) -> Option<CaseId>;
}

impl RecordStanding for () {
	fn upheld_case(_: RecordId) -> Option<CaseId> {
		None
	}
}
