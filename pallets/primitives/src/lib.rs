//! # dmchain primitives
//!
//! Types and traits shared by dmchain's pallets, their runtime APIs, the node's JSON-RPC and
//! the client. Nothing here touches storage: pallets own their storage and talk to each other
//! only through the traits below, which the runtime wires (see `runtime/src/configs`).
//!
//! - [`ContentHash`] and [`HashAlgorithm`]: what a record anchors (D3.7 AUTH-1, SVC-4).
//! - [`MetadataValue`]: typed metadata values (D3.7 ACQ-1), generic over the byte container so
//!   that storage uses bounded vectors and query answers use plain ones.
//! - [`SourceStatus`], [`SourceHolds`], [`SourceId`], [`RecordId`]: identities of sources and
//!   records, a source's life cycle and the holds that stop it (REP-1, CTL-3, MON-1).
//! - [`SourceAdmission`] and [`SourceControl`]: the seams through which the operator approval
//!   step and the supervisor freeze of later pallets reach the registry (CTL-3, MON-4).
//! - [`FormatSpec`] and [`DataFormats`]: data formats and the check of every record against its
//!   source's format (ACQ-2, CTL-2, CTL-4).
//! - [`DataParameters`] and [`CurrentParameters`]: operator-set data-management parameters with
//!   their bounds, and [`ParameterChange`], an entry of their history (CTL-2, CTL-4, REP-4).
//! - [`SessionValidators`]: the seam between the operators' validator set and the consensus
//!   layer's sessions (CTL-5).
//! - [`RecordView`], [`SourceView`], [`RecordPage`], [`AnchorPage`], [`AnomalyPage`]: the
//!   answers of the registry's runtime API (SVC-2, SVC-3, MON-3).
//! - [`Subject`], [`CaseView`], [`FlagView`], [`RecordVerdict`]: what supervisors flag and
//!   judge and the answers of the supervisor pallet's runtime API (MON-1, MON-4);
//!   [`RecordRegistry`] and [`RecordStanding`], the seams between that pallet and the registry.
//! - [`DatasetId`], [`Visibility`], [`Scope`], [`AccessTarget`], [`AccessBasis`],
//!   [`AccessDenial`], [`DatasetView`], [`Provenance`]: datasets and the access question of the
//!   access pallet's runtime API (GOV-1, MGMT-1, PRC-2, PRC-5).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod access;
mod audit;
mod format;
mod hash;
mod metadata;
mod parameters;
mod roles;
mod source;
mod validators;
mod views;

pub use access::{
	AccessBasis, AccessDenial, AccessTarget, DatasetId, DatasetView, GrantView, KeyEpochView,
	Provenance, ReceiptPage, ReceiptView, ReceiptsOf, RequestView, Scope, Visibilities, Visibility,
};
pub use audit::{
	AuditPage, CaseFilter, CaseId, CaseOutcome, CaseStatus, CaseView, FindingView, FlagId,
	FlagView, ReasonCode, RecordFacts, RecordRegistry, RecordStanding, RecordVerdict,
	ResolutionView, Subject,
};
#[cfg(feature = "runtime-benchmarks")]
pub use format::benchmark_variants;
pub use format::{
	DataFormats, Decimal, Encoding, FieldSpec, FieldType, FormatId, FormatSpec, FormatTerms,
	FormatUnusable, FormatViolation,
};
pub use hash::{ContentHash, HashAlgorithm};
pub use metadata::{MetadataEntry, MetadataValue};
pub use parameters::{
	CurrentParameters, DataParameters, Parameter, ParameterBoundViolation, ParameterChange,
	RateLimit, RetentionClass, MAX_CLOCK_SKEW_LIMIT, METADATA_BYTES_MAX, METADATA_BYTES_MIN,
	RATE_LIMIT_MAX_RECORDS, RATE_LIMIT_MAX_WINDOW, RETENTION_DAYS_MAX,
};
pub use roles::Roles;
pub use source::{SourceAdmission, SourceControl, SourceHold, SourceHolds, SourceId, SourceStatus};
pub use validators::SessionValidators;
pub use views::{
	AnchorPage, AnomalyPage, AnomalyView, RecordCursor, RecordId, RecordIndex, RecordPage,
	RecordView, SourceAnomalies, SourceView, EXPECTED_INTERVAL_MAX,
};

/// Milliseconds since the Unix epoch: device time-stamps and chain time-stamps (REP-3).
pub type Millis = u64;

pub mod num_serde {
	//! Serde helpers for JSON answers that other tools read: 64- and 128-bit integers are
	//! written as decimal strings (JavaScript numbers lose precision above 2^53), and read
	//! from a string or a JSON number. Use as `#[serde(with = "num_serde")]` (or `num_serde::opt`
	//! for an `Option`).
	use alloc::string::String;
	use core::{fmt::Display, str::FromStr};
	use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

	/// A number as JSON writes it: a string or a number.
	#[derive(Deserialize)]
	#[serde(untagged)]
	enum Loose {
		Text(String),
		Unsigned(u64),
		Signed(i64),
	}

	/// Writes `value` as a decimal string.
	pub fn serialize<T: Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(value)
	}

	/// Reads a decimal string or a JSON number.
	pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
	where
		T: FromStr + TryFrom<u64> + TryFrom<i64>,
		D: Deserializer<'de>,
	{
		match Loose::deserialize(d)? {
			Loose::Text(text) => text.trim().parse().map_err(|_| D::Error::custom("not a number")),
			Loose::Unsigned(n) => T::try_from(n).map_err(|_| D::Error::custom("out of range")),
			Loose::Signed(n) => T::try_from(n).map_err(|_| D::Error::custom("out of range")),
		}
	}

	/// The same for an `Option`: `null` or a number as above.
	pub mod opt {
		use super::*;

		/// Writes `Some(value)` as a decimal string, `None` as `null`.
		pub fn serialize<T: Display, S: Serializer>(
			value: &Option<T>,
			s: S,
		) -> Result<S::Ok, S::Error> {
			match value {
				Some(value) => s.collect_str(value),
				None => s.serialize_none(),
			}
		}

		/// Reads `null`, a decimal string or a JSON number.
		pub fn deserialize<'de, T, D>(d: D) -> Result<Option<T>, D::Error>
		where
			T: FromStr + TryFrom<u64> + TryFrom<i64>,
			D: Deserializer<'de>,
		{
			match Option::<Loose>::deserialize(d)? {
				None => Ok(None),
				Some(Loose::Text(text)) => {
					text.trim().parse().map(Some).map_err(|_| D::Error::custom("not a number"))
				},
				Some(Loose::Unsigned(n)) => {
					T::try_from(n).map(Some).map_err(|_| D::Error::custom("out of range"))
				},
				Some(Loose::Signed(n)) => {
					T::try_from(n).map(Some).map_err(|_| D::Error::custom("out of range"))
				},
			}
		}
	}
}

#[cfg(feature = "std")]
mod hex_serde {
	//! Serde helpers writing bytes as `0x`-prefixed hex strings in JSON answers.
	use serde::Serializer;

	/// Writes `bytes` as a `0x`-prefixed lower-case hex string.
	pub fn bytes<B: AsRef<[u8]>, S: Serializer>(bytes: &B, s: S) -> Result<S::Ok, S::Error> {
		let mut out = alloc::string::String::with_capacity(2 + bytes.as_ref().len() * 2);
		out.push_str("0x");
		for b in bytes.as_ref() {
			out.push_str(&alloc::format!("{b:02x}"));
		}
		s.serialize_str(&out)
	}

	/// Writes `Some(bytes)` as [`bytes`] does, `None` as `null`.
	pub fn opt_bytes<B: AsRef<[u8]>, S: Serializer>(
		value: &Option<B>,
		s: S,
	) -> Result<S::Ok, S::Error> {
		match value {
			Some(value) => bytes(value, s),
			None => s.serialize_none(),
		}
	}

	/// Writes UTF-8 `bytes` as a JSON string (invalid sequences replaced; the registry only
	/// stores valid UTF-8 text).
	pub fn text<B: AsRef<[u8]>, S: Serializer>(bytes: &B, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&alloc::string::String::from_utf8_lossy(bytes.as_ref()))
	}
}
