//! Supervision as the client reads it (MON-1..4): flags, cases, findings, record verdicts and
//! source anomalies, converted from the runtime's answers into the client's own types.

use crate::{
	content::ContentHash,
	keys::AccountId,
	records::RecordId,
	runtime::api::runtime_types::dmchain_primitives::{audit as chain, views},
	sources::{SourceHolds, SourceId, SourceStatus},
};
use serde::Serialize;
use std::fmt;

/// A flag's id.
pub type FlagId = u32;

/// A case's id.
pub type CaseId = u32;

/// What a flag or a case is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Subject {
	/// One anchored record.
	Record(RecordId),
	/// A source and all its records.
	Source(SourceId),
}

impl fmt::Display for Subject {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Record(id) => write!(f, "record {}/{}", id.source, id.index),
			Self::Source(id) => write!(f, "source {id}"),
		}
	}
}

impl From<chain::Subject> for Subject {
	fn from(subject: chain::Subject) -> Self {
		match subject {
			chain::Subject::Record(id) => Self::Record(id.into()),
			chain::Subject::Source(id) => Self::Source(id),
		}
	}
}

impl From<Subject> for chain::Subject {
	fn from(subject: Subject) -> Self {
		match subject {
			Subject::Record(id) => Self::Record(id.into()),
			Subject::Source(id) => Self::Source(id),
		}
	}
}

/// Why a supervisor flagged a subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonCode {
	/// Sequence numbers skip or look replayed.
	SequenceAnomaly,
	/// The device clock goes backwards or drifts.
	ClockAnomaly,
	/// The source stopped reporting.
	Silence,
	/// The data or the device looks tampered with.
	SuspectedTampering,
	/// The data does not mean what its format says.
	FormatMisuse,
	/// The same payload anchored where it should not be.
	DuplicateData,
	/// Anything else.
	Other,
}

impl From<chain::ReasonCode> for ReasonCode {
	fn from(code: chain::ReasonCode) -> Self {
		use chain::ReasonCode as C;
		match code {
			C::SequenceAnomaly => Self::SequenceAnomaly,
			C::ClockAnomaly => Self::ClockAnomaly,
			C::Silence => Self::Silence,
			C::SuspectedTampering => Self::SuspectedTampering,
			C::FormatMisuse => Self::FormatMisuse,
			C::DuplicateData => Self::DuplicateData,
			C::Other => Self::Other,
		}
	}
}

impl From<ReasonCode> for chain::ReasonCode {
	fn from(code: ReasonCode) -> Self {
		use ReasonCode as C;
		match code {
			C::SequenceAnomaly => Self::SequenceAnomaly,
			C::ClockAnomaly => Self::ClockAnomaly,
			C::Silence => Self::Silence,
			C::SuspectedTampering => Self::SuspectedTampering,
			C::FormatMisuse => Self::FormatMisuse,
			C::DuplicateData => Self::DuplicateData,
			C::Other => Self::Other,
		}
	}
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum CaseStatus {
	/// Under investigation.
	Open,
	/// Upheld: the subject's records read as invalid.
	Upheld,
	/// Dismissed.
	Dismissed,
}

impl From<chain::CaseStatus> for CaseStatus {
	fn from(status: chain::CaseStatus) -> Self {
		match status {
			chain::CaseStatus::Open => Self::Open,
			chain::CaseStatus::Upheld => Self::Upheld,
			chain::CaseStatus::Dismissed => Self::Dismissed,
		}
	}
}

impl From<CaseStatus> for chain::CaseStatus {
	fn from(status: CaseStatus) -> Self {
		match status {
			CaseStatus::Open => Self::Open,
			CaseStatus::Upheld => Self::Upheld,
			CaseStatus::Dismissed => Self::Dismissed,
		}
	}
}

/// How a supervisor resolves a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum CaseOutcome {
	/// The concern holds.
	Upheld,
	/// The concern does not hold.
	Dismissed,
}

impl From<chain::CaseOutcome> for CaseOutcome {
	fn from(outcome: chain::CaseOutcome) -> Self {
		match outcome {
			chain::CaseOutcome::Upheld => Self::Upheld,
			chain::CaseOutcome::Dismissed => Self::Dismissed,
		}
	}
}

impl From<CaseOutcome> for chain::CaseOutcome {
	fn from(outcome: CaseOutcome) -> Self {
		match outcome {
			CaseOutcome::Upheld => Self::Upheld,
			CaseOutcome::Dismissed => Self::Dismissed,
		}
	}
}

/// Which cases to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseFilter {
	/// The cases in this status.
	Status(CaseStatus),
	/// The cases about this subject.
	Subject(Subject),
}

impl From<CaseFilter> for chain::CaseFilter {
	fn from(filter: CaseFilter) -> Self {
		match filter {
			CaseFilter::Status(status) => Self::Status(status.into()),
			CaseFilter::Subject(subject) => Self::Subject(subject.into()),
		}
	}
}

/// A supervisor's flag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
	/// Its id.
	pub id: FlagId,
	/// What it is about.
	pub subject: Subject,
	/// Why, as a code.
	pub reason: ReasonCode,
	/// Why, in the supervisor's words.
	pub text: String,
	/// The hash of the off-chain evidence, `0x`-prefixed hex.
	pub evidence: Option<String>,
	/// The supervisor who raised it.
	pub by: AccountId,
	/// The block it was raised in.
	pub at: u32,
	/// The case it was taken into.
	pub case: Option<CaseId>,
}

impl From<chain::FlagView<AccountId, u32>> for Flag {
	fn from(view: chain::FlagView<AccountId, u32>) -> Self {
		Self {
			id: view.id,
			subject: view.subject.into(),
			reason: view.reason.into(),
			text: String::from_utf8_lossy(&view.text).into(),
			evidence: view.evidence.map(hex_digest),
			by: view.by,
			at: view.at,
			case: view.case,
		}
	}
}

/// A finding of a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
	/// What the supervisor found.
	pub text: String,
	/// The hash of the evidence, `0x`-prefixed hex.
	pub evidence: Option<String>,
	/// The supervisor who added it.
	pub by: AccountId,
	/// The block it was added in.
	pub at: u32,
}

/// How a case was resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolution {
	/// Upheld or dismissed.
	pub outcome: CaseOutcome,
	/// The supervisor's reason.
	pub reason: String,
	/// The supervisor who resolved it.
	pub by: AccountId,
	/// The block it was resolved in.
	pub at: u32,
}

/// A case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
	/// Its id.
	pub id: CaseId,
	/// What it is about.
	pub subject: Subject,
	/// Where it stands.
	pub status: CaseStatus,
	/// The flags it was opened on.
	pub flags: Vec<FlagId>,
	/// The supervisor's summary.
	pub summary: String,
	/// The supervisor who opened it.
	pub opened_by: AccountId,
	/// The block it was opened in.
	pub opened_at: u32,
	/// Its findings, oldest first.
	pub findings: Vec<Finding>,
	/// How it was resolved, once it is.
	pub resolution: Option<Resolution>,
}

impl From<chain::CaseView<AccountId, u32>> for Case {
	fn from(view: chain::CaseView<AccountId, u32>) -> Self {
		Self {
			id: view.id,
			subject: view.subject.into(),
			status: view.status.into(),
			flags: view.flags,
			summary: String::from_utf8_lossy(&view.summary).into(),
			opened_by: view.opened_by,
			opened_at: view.opened_at,
			findings: view
				.findings
				.into_iter()
				.map(|finding| Finding {
					text: String::from_utf8_lossy(&finding.text).into(),
					evidence: finding.evidence.map(hex_digest),
					by: finding.by,
					at: finding.at,
				})
				.collect(),
			resolution: view.resolution.map(|resolution| Resolution {
				outcome: resolution.outcome.into(),
				reason: String::from_utf8_lossy(&resolution.reason).into(),
				by: resolution.by,
				at: resolution.at,
			}),
		}
	}
}

/// A page of flags or cases, lowest id first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditPage<Item> {
	/// The items of this page.
	pub items: Vec<Item>,
	/// The `after` of the next page, if there are more.
	pub next: Option<u32>,
}

/// Whether a record can be relied on (MON-4), each part its own field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
	/// The record judged.
	pub record: RecordId,
	/// Whether it is anchored.
	pub anchored: bool,
	/// The anchored content hash.
	pub content: Option<ContentHash>,
	/// The block that anchored it.
	pub block: Option<u32>,
	/// Whether the digest brought matches the anchored one (`None` when none was brought).
	pub hash_matches: Option<bool>,
	/// The source was active, under no hold, and the record followed its format when it was
	/// anchored (the registry anchors nothing else).
	pub admitted: bool,
	/// The source's status now.
	pub source_status: Option<SourceStatus>,
	/// Whether a supervisor has the source frozen now.
	pub source_frozen: bool,
	/// The later version that replaced it.
	pub superseded_by: Option<RecordId>,
	/// The upheld case about the record itself.
	pub record_case: Option<CaseId>,
	/// The upheld case about its source.
	pub source_case: Option<CaseId>,
	/// The verdict.
	pub valid: bool,
}

impl Verdict {
	/// Why the record is not valid, in words; empty for a valid record.
	pub fn reasons(&self) -> Vec<String> {
		let mut why = Vec::new();
		if !self.anchored {
			why.push("the record is not anchored".to_string());
		}
		if self.hash_matches == Some(false) {
			why.push("the digest is not the anchored one".to_string());
		}
		if let Some(case) = self.record_case {
			why.push(format!("case {case} about the record was upheld"));
		}
		if let Some(case) = self.source_case {
			why.push(format!("case {case} about its source was upheld"));
		}
		why
	}
}

impl From<chain::RecordVerdict<u32>> for Verdict {
	fn from(verdict: chain::RecordVerdict<u32>) -> Self {
		Self {
			record: verdict.record.into(),
			anchored: verdict.anchored,
			content: verdict.content.map(Into::into),
			block: verdict.block,
			hash_matches: verdict.hash_matches,
			admitted: verdict.admitted,
			source_status: verdict.source_status.map(Into::into),
			source_frozen: verdict.source_frozen,
			superseded_by: verdict.superseded_by.map(Into::into),
			record_case: verdict.record_case,
			source_case: verdict.source_case,
			valid: verdict.valid,
		}
	}
}

/// What the registry noticed in a source's submissions (MON-3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceAnomalies {
	/// Records that skipped sequence numbers.
	pub sequence_gaps: u32,
	/// Sequence numbers skipped in all.
	pub missing_sequences: u64,
	/// Records whose device time went back.
	pub clock_regressions: u32,
	/// Records whose device time lagged chain time beyond the clock-skew bound.
	pub clock_drifts: u32,
	/// The latest record that showed one of these.
	pub last_anomalous_record: Option<u64>,
}

/// A source with an anomaly or a silence (MON-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Anomaly {
	/// The source.
	pub source: SourceId,
	/// Its status.
	pub status: SourceStatus,
	/// Its holds.
	pub holds: SourceHolds,
	/// How many records it anchored.
	pub record_count: u64,
	/// Its latest sequence number.
	pub last_sequence: Option<u64>,
	/// Its latest device time, ms.
	pub last_device_time: Option<u64>,
	/// The chain time of its latest record (or registration, or approval), ms.
	pub last_chain_time: u64,
	/// Its expected reporting interval, ms.
	pub expected_interval: Option<u64>,
	/// How long it has been silent beyond its interval, ms.
	pub silent_for: Option<u64>,
	/// What was noticed.
	pub anomalies: SourceAnomalies,
}

impl From<views::AnomalyView> for Anomaly {
	fn from(view: views::AnomalyView) -> Self {
		let a = view.anomalies;
		Self {
			source: view.source,
			status: view.status.into(),
			holds: view.holds.into(),
			record_count: view.record_count,
			last_sequence: view.last_sequence,
			last_device_time: view.last_device_time,
			last_chain_time: view.last_chain_time,
			expected_interval: view.expected_interval,
			silent_for: view.silent_for,
			anomalies: SourceAnomalies {
				sequence_gaps: a.sequence_gaps,
				missing_sequences: a.missing_sequences,
				clock_regressions: a.clock_regressions,
				clock_drifts: a.clock_drifts,
				last_anomalous_record: a.last_anomalous_record,
			},
		}
	}
}

fn hex_digest(digest: [u8; 32]) -> String {
	format!("0x{}", hex::encode(digest))
}

/// The pallets whose events are data management (MON-2): the registry, the operators'
/// configuration and the supervisors' audit.
pub const DATA_MANAGEMENT_PALLETS: [&str; 3] =
	["DataRegistry", "OperatorConfig", "SupervisorAudit"];

/// One data-management event of a finalized block, as the audit report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
	/// The block.
	pub block: u32,
	/// The event's position among the block's events.
	pub index: u32,
	/// The pallet (`DataRegistry`, `OperatorConfig`, `SupervisorAudit`).
	pub pallet: String,
	/// The event's name.
	pub event: String,
	/// Who signed the transaction that caused it (none for root or inherent events).
	pub actor: Option<AccountId>,
	/// The source it is about, when it names one.
	pub source: Option<SourceId>,
	/// Its fields, as text.
	pub fields: String,
}

/// The totals of an audit report over a range of finalized blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditReport {
	/// The first block read.
	pub from: u32,
	/// The last block read.
	pub to: u32,
	/// How many data-management events the range holds.
	pub events: u64,
	/// Per `Pallet.Event`.
	pub by_event: std::collections::BTreeMap<String, u64>,
	/// Per source the events name.
	pub by_source: std::collections::BTreeMap<SourceId, u64>,
	/// Per signing account (SS58), `root or inherent` for events no account signed.
	pub by_actor: std::collections::BTreeMap<String, u64>,
	/// How often the walk reconnected to the node (a restart or a lost connection).
	pub reconnects: u32,
}

impl AuditReport {
	/// Counts `event`.
	pub fn count(&mut self, event: &AuditEvent) {
		self.events += 1;
		*self.by_event.entry(format!("{}.{}", event.pallet, event.event)).or_default() += 1;
		if let Some(source) = event.source {
			*self.by_source.entry(source).or_default() += 1;
		}
		let actor = event.actor.as_ref().map_or("root or inherent".into(), |a| a.to_string());
		*self.by_actor.entry(actor).or_default() += 1;
	}
}
