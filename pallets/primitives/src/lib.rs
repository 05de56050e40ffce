//! # dmchain primitives
//!
//! Types and traits shared by dmchain's pallets, their runtime APIs, the node's JSON-RPC and
//! the client. Nothing here touches storage: pallets own their storage and talk to each other
//! only through the traits below, which the runtime wires (see `runtime/src/configs`).
//!
//! - [`ContentHash`] and [`HashAlgorithm`]: what a record anchors (D3.7 AUTH-1, SVC-4).
//! - [`MetadataValue`]: typed metadata values (D3.7 ACQ-1), generic over the byte container so
//!   that storage uses bounded vectors and query answers use plain ones.
//! - [`SourceStatus`], [`SourceId`], [`RecordId`]: identities of sources and records (REP-1).
//! - [`SourceAdmission`] and [`SourceControl`]: the seams through which the operator approval
//!   step and the supervisor freeze of later pallets reach the registry (CTL-3, MON-4).
//! - [`FormatSpec`] and [`DataFormats`]: data formats and the check of every record against its
//!   source's format (ACQ-2, CTL-2, CTL-4).
//! - [`DataParameters`] and [`CurrentParameters`]: operator-set data-management parameters with
//!   their bounds, and [`ParameterChange`], an entry of their history (CTL-2, CTL-4, REP-4).
//! - [`SessionValidators`]: the seam between the operators' validator set and the consensus
//!   layer's sessions (CTL-5).
//! - [`RecordView`], [`SourceView`], [`RecordPage`]: the answers of the registry's runtime API
//!   (SVC-2, SVC-3).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod format;
mod hash;
mod metadata;
mod parameters;
mod roles;
mod source;
mod validators;
mod views;

pub use format::{
	DataFormats, Decimal, Encoding, FieldSpec, FieldType, FormatId, FormatSpec, FormatUnusable,
	FormatViolation,
};
pub use hash::{ContentHash, HashAlgorithm};
pub use metadata::{MetadataEntry, MetadataValue};
pub use parameters::{
	CurrentParameters, DataParameters, Parameter, ParameterBoundViolation, ParameterChange,
	RateLimit, RetentionClass, MAX_CLOCK_SKEW_LIMIT, METADATA_BYTES_MAX, METADATA_BYTES_MIN,
	RATE_LIMIT_MAX_RECORDS, RATE_LIMIT_MAX_WINDOW, RETENTION_DAYS_MAX,
};
pub use roles::Roles;
pub use source::{SourceAdmission, SourceControl, SourceId, SourceStatus};
pub use validators::SessionValidators;
pub use views::{RecordCursor, RecordId, RecordIndex, RecordPage, RecordView, SourceView};

/// Milliseconds since the Unix epoch: device time-stamps and chain time-stamps (REP-3).
pub type Millis = u64;

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

	/// Writes UTF-8 `bytes` as a JSON string (invalid sequences replaced; the registry only
	/// stores valid UTF-8 text).
	pub fn text<B: AsRef<[u8]>, S: Serializer>(bytes: &B, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&alloc::string::String::from_utf8_lossy(bytes.as_ref()))
	}
}
