//! Record identities and the answers of the registry's runtime API (D3.7 SVC-2, SVC-3, SVC-4).

use crate::{
	ContentHash, FormatId, MetadataEntry, Millis, RetentionClass, SourceHolds, SourceId,
	SourceStatus,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The position of a record among its source's records, counting up from 0 in the order they
/// were anchored.
pub type RecordIndex = u64;

/// Identifies a record: its source and its position there. Stable for ever: records are never
/// moved or deleted.
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
pub struct RecordId {
	/// The source that anchored the record.
	pub source: SourceId,
	/// The record's position among that source's records.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub index: RecordIndex,
}

/// Where a page of a source's records starts.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum RecordCursor {
	/// At this position (0 is the source's first record).
	Index(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] RecordIndex),
	/// At the first record whose sequence number is at least this.
	Sequence(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] u64),
	/// At the first record anchored at or after this chain time (ms since the Unix epoch).
	ChainTime(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] Millis),
}

/// One anchored record, as a query answers it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RecordView<AccountId, BlockNumber> {
	/// The record's identity.
	pub id: RecordId,
	/// The device account that signed the submission.
	pub submitter: AccountId,
	/// The anchored content hash.
	pub content: ContentHash,
	/// The source's sequence number for this record (strictly increasing per source).
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub sequence: u64,
	/// The device's own time-stamp, ms since the Unix epoch.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub device_time: Millis,
	/// The chain's time-stamp of the block that anchored the record.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub chain_time: Millis,
	/// The block that anchored the record.
	pub block: BlockNumber,
	/// The earlier version this record replaces, if it is an update.
	pub replaces: Option<RecordId>,
	/// The later version that replaced this record, if any.
	pub superseded_by: Option<RecordId>,
	/// The first upheld supervisor case about this record or its source, if any: such a record
	/// reads as invalid (MON-4); it stays visible.
	pub upheld_case: Option<crate::CaseId>,
	/// The record's typed metadata.
	pub metadata: Vec<MetadataEntry<Vec<u8>, Vec<u8>>>,
}

/// A data source, as a query answers it.
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
pub struct SourceView<AccountId, Balance, BlockNumber> {
	/// The source's identity.
	pub id: SourceId,
	/// The account that registered the source and governs it.
	pub owner: AccountId,
	/// The device account whose signature every submission of the source carries.
	pub device: AccountId,
	/// The data format the source's records follow.
	pub format: FormatId,
	/// How long the owner keeps the source's payloads.
	pub retention: RetentionClass,
	/// The owner's description of the source (opaque bytes, for example JSON).
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::bytes"))]
	pub metadata: Vec<u8>,
	/// Where the source stands in its life cycle.
	pub status: SourceStatus,
	/// The holds on the source (owner pause, operator suspension, supervisor freeze).
	pub holds: SourceHolds,
	/// The deposit held from the owner for the source's storage.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub deposit: Balance,
	/// The block the source was registered in.
	pub registered_at: BlockNumber,
	/// How many records the source has anchored.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub record_count: u64,
	/// The sequence number of the source's latest record, if any.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub last_sequence: Option<u64>,
	/// How often the source is expected to report, in ms, if the owner said (MON-3).
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub expected_interval: Option<Millis>,
}

/// A page of a source's records, in anchoring order.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RecordPage<AccountId, BlockNumber> {
	/// The records of this page.
	pub records: Vec<RecordView<AccountId, BlockNumber>>,
	/// Where the next page starts, if there are more records.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub next: Option<RecordIndex>,
}

/// A page of the anchors of one content digest, in the order they were anchored: the first
/// page always starts with the first anchor, so a flood of later anchors of the same digest
/// cannot push it out of the answer (SVC-4).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AnchorPage<AccountId, BlockNumber> {
	/// The anchors of this page, earliest first.
	pub records: Vec<RecordView<AccountId, BlockNumber>>,
	/// The last record of this page, to pass as `after` for the next page, if there are more.
	pub next: Option<RecordId>,
}

/// The longest expected reporting interval an owner can give a source: 366 days, in ms.
pub const EXPECTED_INTERVAL_MAX: Millis = 366 * 24 * 60 * 60 * 1000;

/// What the registry noticed in a source's submissions (MON-3), counted as records are
/// anchored. None of these refuses a record: a gap or a late reading can be legitimate, so they
/// are kept for supervisors to judge.
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
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SourceAnomalies {
	/// How many records skipped sequence numbers (a sequence above the last one plus one).
	pub sequence_gaps: u32,
	/// How many sequence numbers were skipped in all.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub missing_sequences: u64,
	/// How many records carried a device time earlier than the record before them.
	pub clock_regressions: u32,
	/// How many records carried a device time further behind chain time than the operators'
	/// clock-skew bound (one further ahead is refused).
	pub clock_drifts: u32,
	/// The position of the latest record that showed any of these.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub last_anomalous_record: Option<RecordIndex>,
}

impl SourceAnomalies {
	/// Whether nothing was noticed.
	pub fn is_empty(&self) -> bool {
		self.sequence_gaps == 0 && self.clock_regressions == 0 && self.clock_drifts == 0
	}
}

/// A source's time sequence and liveness, as the anomaly query answers it (MON-3).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AnomalyView {
	/// The source.
	pub source: SourceId,
	/// Where it stands in its life cycle.
	pub status: SourceStatus,
	/// The holds on it.
	pub holds: SourceHolds,
	/// How many records it has anchored.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub record_count: u64,
	/// The sequence number of its latest record, if any.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub last_sequence: Option<u64>,
	/// The device time of its latest record, if any.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub last_device_time: Option<Millis>,
	/// The chain time of its latest record, or of its registration or approval before the
	/// first.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
	pub last_chain_time: Millis,
	/// How often it is expected to report, in ms, if the owner said.
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub expected_interval: Option<Millis>,
	/// How long it has been silent, in ms, when that is longer than its expected interval and
	/// it is active and under no hold (a paused source is expected to be silent).
	#[cfg_attr(feature = "std", serde(with = "crate::num_serde::opt"))]
	pub silent_for: Option<Millis>,
	/// What was noticed in its submissions.
	pub anomalies: SourceAnomalies,
}

/// A page of the anomaly query: the sources among those it looked at that show an anomaly or
/// are silent.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct AnomalyPage {
	/// The sources with an anomaly, lowest id first.
	pub sources: Vec<AnomalyView>,
	/// The last source id this page looked at, to pass as `after` for the next page, if there
	/// are sources beyond it. A page may be empty and still have a `next`: each looks at a
	/// bounded number of sources.
	pub next: Option<SourceId>,
}
