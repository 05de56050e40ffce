//! Records as the client reads and writes them: plain Rust types with serde output, converted
//! to and from the runtime's generated types at the edge.

use crate::{
	content::ContentHash,
	error::{Error, Result},
	runtime::api::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		dmchain_primitives::{metadata as chain_meta, views as chain_views},
		pallet_data_registry::types::RecordInput,
	},
	sources::SourceId,
};
use serde::Serialize;
use std::{fmt, str::FromStr};

/// A record's position in its source.
pub type RecordIndex = u64;

/// A record's id: its source and its position there (from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RecordId {
	/// The source.
	pub source: SourceId,
	/// The position in the source.
	pub index: RecordIndex,
}

impl fmt::Display for RecordId {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}/{}", self.source, self.index)
	}
}

impl FromStr for RecordId {
	type Err = Error;

	/// Parses `SOURCE/INDEX`, for example `3/17`.
	fn from_str(text: &str) -> Result<Self> {
		let bad = || Error::Input(format!("`{text}` is not a record id (SOURCE/INDEX, e.g. 3/17)"));
		let (source, index) = text.split_once('/').ok_or_else(bad)?;
		Ok(Self {
			source: source.trim().parse().map_err(|_| bad())?,
			index: index.trim().parse().map_err(|_| bad())?,
		})
	}
}

/// A typed metadata value (ACQ-1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "camelCase")]
pub enum MetadataValue {
	/// A signed integer (`int:-5`).
	Int(i64),
	/// An unsigned integer (`uint:7`).
	Uint(u64),
	/// A decimal `mantissa × 10^-scale` (`dec:21.5` is mantissa 215, scale 1).
	Decimal {
		/// The digits.
		mantissa: i64,
		/// How many of them are after the point.
		scale: u8,
	},
	/// A boolean (`bool:true`).
	Bool(bool),
	/// A time, ms since the Unix epoch (`time:1700000000000`).
	Time(u64),
	/// UTF-8 text (`text:…`, or a value with no type prefix).
	Text(String),
	/// Raw bytes (`hex:0a0b`).
	Bytes(#[serde(serialize_with = "serialize_hex")] Vec<u8>),
}

fn serialize_hex<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
	s.serialize_str(&format!("0x{}", hex::encode(bytes)))
}

impl MetadataValue {
	/// The names of the value types, as `--meta` prefixes and CSV column suffixes spell them.
	pub const TYPES: [&'static str; 7] = ["int", "uint", "dec", "bool", "time", "text", "hex"];

	/// Parses `text` as a value of type `kind` (one of [`Self::TYPES`]).
	pub fn parse(kind: &str, text: &str) -> Result<Self> {
		let bad = |what: &str| Error::Input(format!("`{text}` is not {what}"));
		Ok(match kind {
			"int" => Self::Int(text.trim().parse().map_err(|_| bad("an integer"))?),
			"uint" => Self::Uint(text.trim().parse().map_err(|_| bad("an unsigned integer"))?),
			"dec" => Self::parse_decimal(text.trim()).ok_or_else(|| bad("a decimal number"))?,
			"bool" => Self::Bool(text.trim().parse().map_err(|_| bad("true or false"))?),
			"time" => Self::Time(text.trim().parse().map_err(|_| bad("ms since the epoch"))?),
			"text" => Self::Text(text.to_string()),
			"hex" => Self::Bytes(
				hex::decode(text.trim().trim_start_matches("0x")).map_err(|_| bad("hex"))?,
			),
			other => {
				return Err(Error::Input(format!(
					"unknown metadata type `{other}`; expected one of {}",
					Self::TYPES.join(", ")
				)))
			},
		})
	}

	/// Parses a `TYPE:VALUE` text such as `dec:21.5`; without a known type prefix the whole text
	/// is a text value.
	pub fn parse_tagged(text: &str) -> Result<Self> {
		match text.split_once(':') {
			Some((kind, value)) if Self::TYPES.contains(&kind) => Self::parse(kind, value),
			_ => Ok(Self::Text(text.to_string())),
		}
	}

	fn parse_decimal(text: &str) -> Option<Self> {
		let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
		if fraction.starts_with(['-', '+']) || fraction.len() > 18 {
			return None;
		}
		let scale = u8::try_from(fraction.len()).ok()?;
		let mantissa: i64 = format!("{whole}{fraction}").parse().ok()?;
		(whole != "-" && !whole.is_empty()).then_some(Self::Decimal { mantissa, scale })
	}
}

impl fmt::Display for MetadataValue {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Int(v) => write!(f, "{v}"),
			Self::Uint(v) => write!(f, "{v}"),
			Self::Decimal { mantissa, scale } => {
				let digits = mantissa.unsigned_abs().to_string();
				let scale = usize::from(*scale);
				let padded = format!("{digits:0>width$}", width = scale + 1);
				let (whole, fraction) = padded.split_at(padded.len() - scale);
				let sign = if *mantissa < 0 { "-" } else { "" };
				if scale == 0 {
					write!(f, "{sign}{whole}")
				} else {
					write!(f, "{sign}{whole}.{fraction}")
				}
			},
			Self::Bool(v) => write!(f, "{v}"),
			Self::Time(v) => write!(f, "{v}"),
			Self::Text(v) => f.write_str(v),
			Self::Bytes(v) => write!(f, "0x{}", hex::encode(v)),
		}
	}
}

/// One metadata entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetadataField {
	/// The key.
	pub key: String,
	/// The value.
	pub value: MetadataValue,
}

/// A record to submit (REP-2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordDraft {
	/// The hash of the off-chain payload.
	pub content: ContentHash,
	/// The source's sequence number: strictly greater than its last one (MON-3).
	pub sequence: u64,
	/// The device's time-stamp, ms since the Unix epoch.
	pub device_time: u64,
	/// For an update: the index of the source's record it replaces (PRC-3).
	pub replaces: Option<RecordIndex>,
	/// Typed metadata, keys distinct.
	pub metadata: Vec<MetadataField>,
}

impl RecordDraft {
	/// A new record with no metadata.
	pub fn new(content: ContentHash, sequence: u64, device_time: u64) -> Self {
		Self { content, sequence, device_time, replaces: None, metadata: Vec::new() }
	}

	/// Adds a metadata entry.
	pub fn with_metadata(mut self, key: impl Into<String>, value: MetadataValue) -> Self {
		self.metadata.push(MetadataField { key: key.into(), value });
		self
	}

	/// Makes this record a new version of the source's record `index`.
	pub fn replacing(mut self, index: RecordIndex) -> Self {
		self.replaces = Some(index);
		self
	}

	/// The call argument the runtime expects.
	pub(crate) fn into_input(
		self,
	) -> RecordInput<BoundedVec<chain_meta::MetadataEntry<BoundedVec<u8>, BoundedVec<u8>>>> {
		let metadata = self
			.metadata
			.into_iter()
			.map(|field| chain_meta::MetadataEntry {
				key: BoundedVec(field.key.into_bytes()),
				value: match field.value {
					MetadataValue::Int(v) => chain_meta::MetadataValue::Int(v),
					MetadataValue::Uint(v) => chain_meta::MetadataValue::Uint(v),
					MetadataValue::Decimal { mantissa, scale } => {
						chain_meta::MetadataValue::Decimal { mantissa, scale }
					},
					MetadataValue::Bool(v) => chain_meta::MetadataValue::Bool(v),
					MetadataValue::Time(v) => chain_meta::MetadataValue::Time(v),
					MetadataValue::Text(v) => {
						chain_meta::MetadataValue::Text(BoundedVec(v.into_bytes()))
					},
					MetadataValue::Bytes(v) => chain_meta::MetadataValue::Bytes(BoundedVec(v)),
				},
			})
			.collect();
		RecordInput {
			content: self.content.into(),
			sequence: self.sequence,
			device_time: self.device_time,
			replaces: self.replaces,
			metadata: BoundedVec(metadata),
		}
	}
}

/// An anchored record, as a query answers it (AUTH-1, REP-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
	/// Its id.
	pub id: RecordId,
	/// The device account that signed it (shown in SS58).
	pub submitter: crate::keys::AccountId,
	/// The anchored hash.
	pub content: ContentHash,
	/// The source's sequence number.
	pub sequence: u64,
	/// The device's time-stamp, ms since the Unix epoch.
	pub device_time: u64,
	/// The chain's time-stamp, ms since the Unix epoch.
	pub chain_time: u64,
	/// The block that anchored it.
	pub block: u32,
	/// The record it replaced, if it is an update.
	pub replaces: Option<RecordId>,
	/// The record that replaced it, if any.
	pub superseded_by: Option<RecordId>,
	/// The upheld supervisor case that makes it read as invalid, if any (MON-4).
	pub upheld_case: Option<u32>,
	/// Its metadata.
	pub metadata: Vec<MetadataField>,
}

impl From<chain_views::RecordId> for RecordId {
	fn from(id: chain_views::RecordId) -> Self {
		Self { source: id.source, index: id.index }
	}
}

impl From<RecordId> for chain_views::RecordId {
	fn from(id: RecordId) -> Self {
		Self { source: id.source, index: id.index }
	}
}

impl From<chain_meta::MetadataValue<Vec<u8>>> for MetadataValue {
	fn from(value: chain_meta::MetadataValue<Vec<u8>>) -> Self {
		match value {
			chain_meta::MetadataValue::Int(v) => Self::Int(v),
			chain_meta::MetadataValue::Uint(v) => Self::Uint(v),
			chain_meta::MetadataValue::Decimal { mantissa, scale } => {
				Self::Decimal { mantissa, scale }
			},
			chain_meta::MetadataValue::Bool(v) => Self::Bool(v),
			chain_meta::MetadataValue::Time(v) => Self::Time(v),
			// The registry refuses text that is not UTF-8, so the lossy path never loses.
			chain_meta::MetadataValue::Text(v) => Self::Text(String::from_utf8_lossy(&v).into()),
			chain_meta::MetadataValue::Bytes(v) => Self::Bytes(v),
		}
	}
}

impl From<chain_views::RecordView<subxt::utils::AccountId32, u32>> for Record {
	fn from(view: chain_views::RecordView<subxt::utils::AccountId32, u32>) -> Self {
		Self {
			id: view.id.into(),
			submitter: view.submitter,
			content: view.content.into(),
			sequence: view.sequence,
			device_time: view.device_time,
			chain_time: view.chain_time,
			block: view.block,
			replaces: view.replaces.map(Into::into),
			superseded_by: view.superseded_by.map(Into::into),
			upheld_case: view.upheld_case,
			metadata: view
				.metadata
				.into_iter()
				.map(|entry| MetadataField {
					key: String::from_utf8_lossy(&entry.key).into(),
					value: entry.value.into(),
				})
				.collect(),
		}
	}
}

/// Where a listing of a source's records starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordCursor {
	/// At this position (0 is the first record).
	Index(RecordIndex),
	/// At the first record whose sequence number is at least this.
	Sequence(u64),
	/// At the first record anchored at or after this chain time (ms since the epoch).
	ChainTime(u64),
}

impl From<RecordCursor> for chain_views::RecordCursor {
	fn from(cursor: RecordCursor) -> Self {
		match cursor {
			RecordCursor::Index(i) => Self::Index(i),
			RecordCursor::Sequence(s) => Self::Sequence(s),
			RecordCursor::ChainTime(t) => Self::ChainTime(t),
		}
	}
}

/// One page of a source's records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordPage {
	/// The records, in source order.
	pub records: Vec<Record>,
	/// The index to continue from, if there are more.
	pub next: Option<RecordIndex>,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn tagged_values_parse_by_type() {
		assert_eq!(MetadataValue::parse_tagged("int:-5").unwrap(), MetadataValue::Int(-5));
		assert_eq!(
			MetadataValue::parse_tagged("dec:21.50").unwrap(),
			MetadataValue::Decimal { mantissa: 2150, scale: 2 }
		);
		assert_eq!(
			MetadataValue::parse_tagged("dec:-0.5").unwrap(),
			MetadataValue::Decimal { mantissa: -5, scale: 1 }
		);
		assert_eq!(MetadataValue::parse_tagged("bool:true").unwrap(), MetadataValue::Bool(true));
		assert_eq!(
			MetadataValue::parse_tagged("hex:0a0b").unwrap(),
			MetadataValue::Bytes(vec![10, 11])
		);
		assert_eq!(
			MetadataValue::parse_tagged("site:north").unwrap(),
			MetadataValue::Text("site:north".into())
		);
		assert!(MetadataValue::parse_tagged("uint:-1").is_err());
		assert!(MetadataValue::parse_tagged("dec:1.-5").is_err());
		assert!(MetadataValue::parse_tagged("dec:.5").is_err());
		assert!(MetadataValue::parse("float", "1").unwrap_err().to_string().contains("dec"));
	}

	#[test]
	fn decimals_print_as_written() {
		for text in ["21.50", "-0.5", "7", "-12.003", "0.000"] {
			let value = MetadataValue::parse("dec", text).unwrap();
			assert_eq!(value.to_string(), text);
		}
	}

	#[test]
	fn record_ids_parse_and_print() {
		let id: RecordId = "3/17".parse().unwrap();
		assert_eq!(id, RecordId { source: 3, index: 17 });
		assert_eq!(id.to_string(), "3/17");
		assert!("3".parse::<RecordId>().is_err());
		assert!("x/1".parse::<RecordId>().is_err());
	}
}
