//! Data formats as the client writes and reads them (ACQ-2, CTL-2, CTL-4): what an operator
//! registers (the CLI reads it from a JSON file) and what anyone can look up.
//!
//! ```json
//! {
//!   "name": "air-quality", "version": 2, "hashAlgorithm": "sha2-256",
//!   "maxPayloadSize": 4096, "encoding": "json", "open": false,
//!   "fields": [
//!     { "name": "pm2_5", "type": "integer", "min": 0, "max": 500, "required": true },
//!     { "name": "temp", "type": "decimal", "min": "-40.0", "max": "60" },
//!     { "name": "site", "type": "enum", "variants": ["north", "south"] }
//!   ]
//! }
//! ```

use crate::{
	content::HashAlgorithm,
	error::{Error, Result},
	records::MetadataValue,
	runtime::api::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		dmchain_primitives::format as chain,
		pallet_operator_config::types::{FormatInfo, FormatStatus as ChainStatus},
	},
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A format's id.
pub type FormatId = u32;

/// How a format's payloads are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
	/// JSON text.
	Json,
	/// CBOR.
	Cbor,
	/// Comma-separated values.
	Csv,
	/// Protocol Buffers.
	Protobuf,
	/// Any other binary layout.
	Binary,
}

/// A metadata field's type and bounds (inclusive).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum FieldType {
	/// A whole number from `min` to `max`.
	Integer {
		/// The smallest value.
		min: i64,
		/// The largest value.
		max: i64,
	},
	/// A decimal number from `min` to `max`, written as decimal text such as `-40.5`.
	Decimal {
		/// The smallest value.
		min: String,
		/// The largest value.
		max: String,
	},
	/// UTF-8 text of at most `max_len` bytes.
	Text {
		/// The longest text, in bytes.
		max_len: u32,
	},
	/// A time (ms since the Unix epoch) from `min` to `max`.
	Time {
		/// The earliest time.
		min: u64,
		/// The latest time.
		max: u64,
	},
	/// Text equal to one of `variants`.
	Enum {
		/// The allowed values.
		variants: Vec<String>,
	},
	/// A boolean.
	Bool,
	/// Bytes, at most `max_len`.
	Bytes {
		/// The longest value, in bytes.
		max_len: u32,
	},
}

/// One metadata field of a format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSpec {
	/// The metadata key.
	pub name: String,
	/// Its type and bounds.
	#[serde(flatten)]
	pub field_type: FieldType,
	/// Whether every record must carry it.
	#[serde(default)]
	pub required: bool,
}

/// A data format: what records of its sources carry and how their payloads are made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FormatSpec {
	/// The name, for example `air-quality`.
	pub name: String,
	/// The version: above every earlier version of the name.
	pub version: u32,
	/// The hash algorithm every record's content hash must use.
	pub hash_algorithm: HashAlgorithm,
	/// The metadata fields.
	pub fields: Vec<FieldSpec>,
	/// Whether records may carry fields the format does not list.
	#[serde(default)]
	pub open: bool,
	/// The largest payload, in bytes.
	pub max_payload_size: u64,
	/// How payloads are encoded.
	pub encoding: Encoding,
}

/// Whether new sources may take a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatStatus {
	/// New sources may take it.
	Active,
	/// Existing sources keep it; new ones cannot take it.
	Deprecated,
}

impl fmt::Display for FormatStatus {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Self::Active => "active",
			Self::Deprecated => "deprecated",
		})
	}
}

/// A registered format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Format {
	/// Its id.
	pub id: FormatId,
	/// The format itself.
	#[serde(flatten)]
	pub spec: FormatSpec,
	/// Active or deprecated.
	pub status: FormatStatus,
	/// The operator who registered it (shown in SS58); none for a genesis format.
	pub registered_by: Option<crate::keys::AccountId>,
	/// The block it was registered in.
	pub registered_at: u32,
}

/// The chain's spelling of a format an operator submits.
pub(crate) type ChainSpec = chain::FormatSpec<
	BoundedVec<u8>,
	BoundedVec<chain::FieldSpec<BoundedVec<u8>, BoundedVec<BoundedVec<u8>>>>,
>;

fn bytes(text: &str) -> BoundedVec<u8> {
	BoundedVec(text.as_bytes().to_vec())
}

fn text(bytes: BoundedVec<u8>) -> String {
	String::from_utf8_lossy(&bytes.0).into_owned()
}

fn decimal(text: &str) -> Result<chain::Decimal> {
	match MetadataValue::parse("dec", text)? {
		MetadataValue::Decimal { mantissa, scale } => Ok(chain::Decimal { mantissa, scale }),
		_ => Err(Error::Input(format!("`{text}` is not a decimal number"))),
	}
}

fn decimal_text(value: chain::Decimal) -> String {
	MetadataValue::Decimal { mantissa: value.mantissa, scale: value.scale }.to_string()
}

impl From<Encoding> for chain::Encoding {
	fn from(encoding: Encoding) -> Self {
		match encoding {
			Encoding::Json => Self::Json,
			Encoding::Cbor => Self::Cbor,
			Encoding::Csv => Self::Csv,
			Encoding::Protobuf => Self::Protobuf,
			Encoding::Binary => Self::Binary,
		}
	}
}

impl From<chain::Encoding> for Encoding {
	fn from(encoding: chain::Encoding) -> Self {
		match encoding {
			chain::Encoding::Json => Self::Json,
			chain::Encoding::Cbor => Self::Cbor,
			chain::Encoding::Csv => Self::Csv,
			chain::Encoding::Protobuf => Self::Protobuf,
			chain::Encoding::Binary => Self::Binary,
		}
	}
}

impl FieldType {
	fn to_chain(&self) -> Result<chain::FieldType<BoundedVec<BoundedVec<u8>>>> {
		Ok(match self {
			Self::Integer { min, max } => chain::FieldType::Integer { min: *min, max: *max },
			Self::Decimal { min, max } => {
				chain::FieldType::Decimal { min: decimal(min)?, max: decimal(max)? }
			},
			Self::Text { max_len } => chain::FieldType::Text { max_len: *max_len },
			Self::Time { min, max } => chain::FieldType::Time { min: *min, max: *max },
			Self::Enum { variants } => {
				chain::FieldType::Enum(BoundedVec(variants.iter().map(|v| bytes(v)).collect()))
			},
			Self::Bool => chain::FieldType::Bool,
			Self::Bytes { max_len } => chain::FieldType::Bytes { max_len: *max_len },
		})
	}

	fn from_chain(field_type: chain::FieldType<BoundedVec<BoundedVec<u8>>>) -> Self {
		match field_type {
			chain::FieldType::Integer { min, max } => Self::Integer { min, max },
			chain::FieldType::Decimal { min, max } => {
				Self::Decimal { min: decimal_text(min), max: decimal_text(max) }
			},
			chain::FieldType::Text { max_len } => Self::Text { max_len },
			chain::FieldType::Time { min, max } => Self::Time { min, max },
			chain::FieldType::Enum(variants) => {
				Self::Enum { variants: variants.0.into_iter().map(text).collect() }
			},
			chain::FieldType::Bool => Self::Bool,
			chain::FieldType::Bytes { max_len } => Self::Bytes { max_len },
		}
	}
}

impl fmt::Display for FieldType {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::Integer { min, max } => write!(f, "integer {min}..={max}"),
			Self::Decimal { min, max } => write!(f, "decimal {min}..={max}"),
			Self::Text { max_len } => write!(f, "text ≤ {max_len} bytes"),
			Self::Time { min, max } => write!(f, "time {min}..={max}"),
			Self::Enum { variants } => write!(f, "enum {}", variants.join("|")),
			Self::Bool => f.write_str("bool"),
			Self::Bytes { max_len } => write!(f, "bytes ≤ {max_len}"),
		}
	}
}

impl FormatSpec {
	/// Reads a format from JSON (the layout in this module's documentation).
	pub fn from_json(json: &str) -> Result<Self> {
		serde_json::from_str(json).map_err(|e| Error::Input(format!("not a data format: {e}")))
	}

	/// The chain's spelling; [`Error::Input`] if a decimal bound does not parse.
	pub(crate) fn to_chain(&self) -> Result<ChainSpec> {
		let fields = self
			.fields
			.iter()
			.map(|field| {
				Ok(chain::FieldSpec {
					name: bytes(&field.name),
					field_type: field.field_type.to_chain()?,
					required: field.required,
				})
			})
			.collect::<Result<Vec<_>>>()?;
		Ok(chain::FormatSpec {
			name: bytes(&self.name),
			version: self.version,
			hash_algorithm: self.hash_algorithm.into(),
			fields: BoundedVec(fields),
			open: self.open,
			max_payload_size: self.max_payload_size,
			encoding: self.encoding.into(),
		})
	}

	pub(crate) fn from_chain(spec: ChainSpec) -> Self {
		Self {
			name: text(spec.name),
			version: spec.version,
			hash_algorithm: spec.hash_algorithm.into(),
			fields: spec
				.fields
				.0
				.into_iter()
				.map(|field| FieldSpec {
					name: text(field.name),
					field_type: FieldType::from_chain(field.field_type),
					required: field.required,
				})
				.collect(),
			open: spec.open,
			max_payload_size: spec.max_payload_size,
			encoding: spec.encoding.into(),
		}
	}
}

impl Format {
	pub(crate) fn from_chain(
		id: FormatId,
		info: FormatInfo<ChainSpec, subxt::utils::AccountId32, u128, u32>,
	) -> Self {
		Self {
			id,
			spec: FormatSpec::from_chain(info.spec),
			status: match info.status {
				ChainStatus::Active => FormatStatus::Active,
				ChainStatus::Deprecated => FormatStatus::Deprecated,
			},
			registered_by: info.registered_by,
			registered_at: info.registered_at,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn reads_the_documented_json_and_converts_both_ways() {
		let json = r#"{
			"name": "air-quality", "version": 2, "hashAlgorithm": "sha2-256",
			"maxPayloadSize": 4096, "encoding": "json",
			"fields": [
				{ "name": "pm2_5", "type": "integer", "min": 0, "max": 500, "required": true },
				{ "name": "temp", "type": "decimal", "min": "-40.0", "max": "60" },
				{ "name": "note", "type": "text", "maxLen": 64 },
				{ "name": "site", "type": "enum", "variants": ["north", "south"] }
			]
		}"#;
		let spec = FormatSpec::from_json(json).unwrap();
		assert_eq!(spec.hash_algorithm, HashAlgorithm::Sha2_256);
		assert!(!spec.open);
		assert!(spec.fields[0].required && !spec.fields[1].required);
		assert_eq!(spec.fields[2].field_type, FieldType::Text { max_len: 64 });
		let chain = spec.to_chain().unwrap();
		match &chain.fields.0[1].field_type {
			chain::FieldType::Decimal { min, max } => {
				assert_eq!((min.mantissa, min.scale, max.mantissa, max.scale), (-400, 1, 60, 0))
			},
			other => panic!("not a decimal: {other:?}"),
		}
		assert_eq!(FormatSpec::from_chain(chain), spec);
	}

	#[test]
	fn refuses_bad_json_and_bad_decimals() {
		assert!(FormatSpec::from_json(r#"{"name":"x"}"#).is_err());
		let mut spec = FormatSpec::from_json(
			r#"{"name":"x","version":1,"hashAlgorithm":"blake2b-256","maxPayloadSize":1,
			"encoding":"csv","fields":[{"name":"t","type":"decimal","min":"a","max":"1"}]}"#,
		)
		.unwrap();
		assert!(matches!(spec.to_chain(), Err(Error::Input(_))));
		spec.fields.clear();
		assert!(spec.to_chain().is_ok());
	}
}
