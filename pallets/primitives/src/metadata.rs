//! Typed record metadata (D3.7 ACQ-1: the metadata needed to verify a record's authenticity).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// One typed metadata value. `B` holds bytes: a bounded vector in storage, a plain vector in
/// query answers ([`MetadataValue::map_bytes`] converts between the two).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", bound(serialize = "B: AsRef<[u8]>")))]
pub enum MetadataValue<B> {
	/// A signed integer.
	Int(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] i64),
	/// An unsigned integer.
	Uint(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] u64),
	/// A decimal number: `mantissa × 10^-scale` (for example 2153 with scale 2 is 21.53).
	Decimal {
		/// The digits of the number, without the decimal point.
		#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))]
		mantissa: i64,
		/// How many of the digits stand after the decimal point.
		scale: u8,
	},
	/// A boolean flag.
	Bool(bool),
	/// A point in time, in milliseconds since the Unix epoch.
	Time(#[cfg_attr(feature = "std", serde(with = "crate::num_serde"))] u64),
	/// UTF-8 text (the registry refuses invalid UTF-8).
	Text(#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))] B),
	/// Opaque bytes.
	Bytes(#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::bytes"))] B),
}

impl<B> MetadataValue<B> {
	/// The same value with its bytes converted by `f` (used to turn bounded storage values into
	/// plain query answers and back).
	pub fn map_bytes<C, E>(self, f: impl FnOnce(B) -> Result<C, E>) -> Result<MetadataValue<C>, E> {
		Ok(match self {
			Self::Int(v) => MetadataValue::Int(v),
			Self::Uint(v) => MetadataValue::Uint(v),
			Self::Decimal { mantissa, scale } => MetadataValue::Decimal { mantissa, scale },
			Self::Bool(v) => MetadataValue::Bool(v),
			Self::Time(v) => MetadataValue::Time(v),
			Self::Text(b) => MetadataValue::Text(f(b)?),
			Self::Bytes(b) => MetadataValue::Bytes(f(b)?),
		})
	}
}

/// One metadata entry: a key (UTF-8 bytes, for example `temperature`) and its typed value.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize))]
#[cfg_attr(feature = "std", serde(bound(serialize = "K: AsRef<[u8]>, B: AsRef<[u8]>")))]
pub struct MetadataEntry<K, B> {
	/// The field name.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::text"))]
	pub key: K,
	/// The field value.
	pub value: MetadataValue<B>,
}
