//! Data formats and the validation of records against them (D3.7 ACQ-2, CTL-2, CTL-4).
//!
//! An operator registers a format: a name and version, the hash algorithm its payloads are
//! hashed with, the metadata fields a record carries (name, type, bounds, required or not), the
//! largest payload and its encoding. A data source names the format its records follow and the
//! registry checks every submission against it through [`DataFormats`]. A format is never
//! changed: a new version is a new format, and an old one can only be deprecated.

use crate::{ContentHash, HashAlgorithm, MetadataEntry, MetadataValue, Millis};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a data format: assigned when an operator registers it, counting up from 0.
pub type FormatId = u32;

/// A decimal number `mantissa × 10^-scale`, as a bound of a decimal field.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Decimal {
	/// The digits, without the decimal point.
	#[serde(with = "crate::num_serde")]
	pub mantissa: i64,
	/// How many of the digits stand after the decimal point.
	pub scale: u8,
}

impl Decimal {
	/// Compares two decimals exactly, whatever their scales.
	pub fn cmp_exact(&self, other: &Decimal) -> core::cmp::Ordering {
		let (a, b) = if self.scale >= other.scale {
			(i128::from(self.mantissa), Self::rescaled(other.mantissa, self.scale - other.scale))
		} else {
			(Self::rescaled(self.mantissa, other.scale - self.scale), i128::from(other.mantissa))
		};
		a.cmp(&b)
	}

	/// `mantissa × 10^extra`; beyond i128 the sign decides (any such number is further from zero
	/// than every i64 the other side can hold).
	fn rescaled(mantissa: i64, extra: u8) -> i128 {
		10i128
			.checked_pow(u32::from(extra))
			.and_then(|factor| factor.checked_mul(i128::from(mantissa)))
			.unwrap_or(match mantissa.signum() {
				1 => i128::MAX,
				-1 => i128::MIN,
				_ => 0,
			})
	}
}

/// The type of a metadata field and the bounds its values must keep (inclusive).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum FieldType<Variants> {
	/// A whole number (an `Int` or `Uint` value) from `min` to `max`.
	Integer {
		/// The smallest value allowed.
		#[serde(with = "crate::num_serde")]
		min: i64,
		/// The largest value allowed.
		#[serde(with = "crate::num_serde")]
		max: i64,
	},
	/// A decimal number (a `Decimal` or `Int` value) from `min` to `max`.
	Decimal {
		/// The smallest value allowed.
		min: Decimal,
		/// The largest value allowed.
		max: Decimal,
	},
	/// UTF-8 text of at most `max_len` bytes.
	Text {
		/// The longest text allowed, in bytes.
		max_len: u32,
	},
	/// A point in time (ms since the Unix epoch) from `min` to `max`.
	Time {
		/// The earliest time allowed.
		#[serde(with = "crate::num_serde")]
		min: Millis,
		/// The latest time allowed.
		#[serde(with = "crate::num_serde")]
		max: Millis,
	},
	/// Text that equals one of the listed variants.
	Enum(Variants),
	/// A boolean flag.
	Bool,
	/// Opaque bytes, at most `max_len` of them.
	Bytes {
		/// The longest value allowed, in bytes.
		max_len: u32,
	},
}

/// One metadata field of a format.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct FieldSpec<Name, Variants> {
	/// The metadata key, for example `pm2_5`.
	pub name: Name,
	/// Its type and bounds.
	pub field_type: FieldType<Variants>,
	/// Whether every record must carry it.
	pub required: bool,
}

/// How a format's payloads are encoded (the payload stays off chain; readers use this to
/// decode it).
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Encoding {
	/// JSON text.
	Json,
	/// CBOR (RFC 8949).
	Cbor,
	/// Comma-separated values.
	Csv,
	/// Protocol Buffers.
	Protobuf,
	/// Any other binary layout.
	Binary,
}

/// A data format (ACQ-2): what a source's records carry and how its payloads are made.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct FormatSpec<Name, Fields> {
	/// The format's name, for example `air-quality` (UTF-8).
	pub name: Name,
	/// Its version: a name and version pair is registered once.
	pub version: u32,
	/// The algorithm every record's content hash must use.
	pub hash_algorithm: HashAlgorithm,
	/// The metadata fields, distinct names.
	pub fields: Fields,
	/// Whether records may carry fields the format does not list (they are then not checked).
	/// A strict format (`false`) refuses them with [`FormatViolation::UnknownField`].
	pub open: bool,
	/// The largest payload, in bytes.
	#[serde(with = "crate::num_serde")]
	pub max_payload_size: u64,
	/// How payloads are encoded.
	pub encoding: Encoding,
}

/// Why a record does not follow its source's format: each kind of violation its own reason.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormatViolation {
	/// A required field is missing.
	MissingField,
	/// A field's value has the wrong type.
	WrongFieldType,
	/// A field's value lies outside the field's bounds.
	FieldOutOfBounds,
	/// The record carries a field a strict format does not list.
	UnknownField,
	/// The content hash was made with another algorithm than the format's.
	WrongHashAlgorithm,
}

/// Why a format cannot be given to a new source.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormatUnusable {
	/// No format has this id.
	NotFound,
	/// The format is deprecated: existing sources keep it, new ones cannot take it.
	Deprecated,
}

impl<Variants> FieldType<Variants> {
	/// Checks one value against this type and its bounds.
	pub fn check<Name, B>(&self, value: &MetadataValue<B>) -> Result<(), FormatViolation>
	where
		Variants: AsRef<[Name]>,
		Name: AsRef<[u8]>,
		B: AsRef<[u8]>,
	{
		use FormatViolation::{FieldOutOfBounds, WrongFieldType};
		let within = |ok: bool| if ok { Ok(()) } else { Err(FieldOutOfBounds) };
		match (self, value) {
			(Self::Integer { min, max }, MetadataValue::Int(v)) => within(min <= v && v <= max),
			(Self::Integer { min, max }, MetadataValue::Uint(v)) => {
				let v = i128::from(*v);
				within(i128::from(*min) <= v && v <= i128::from(*max))
			},
			(Self::Decimal { min, max }, MetadataValue::Decimal { mantissa, scale }) => {
				let v = Decimal { mantissa: *mantissa, scale: *scale };
				within(v.cmp_exact(min).is_ge() && v.cmp_exact(max).is_le())
			},
			(Self::Decimal { min, max }, MetadataValue::Int(mantissa)) => {
				let v = Decimal { mantissa: *mantissa, scale: 0 };
				within(v.cmp_exact(min).is_ge() && v.cmp_exact(max).is_le())
			},
			(Self::Text { max_len }, MetadataValue::Text(text)) => {
				within(text.as_ref().len() as u64 <= u64::from(*max_len))
			},
			(Self::Time { min, max }, MetadataValue::Time(t)) => within(min <= t && t <= max),
			(Self::Enum(variants), MetadataValue::Text(text)) => {
				within(variants.as_ref().iter().any(|v| v.as_ref() == text.as_ref()))
			},
			(Self::Bool, MetadataValue::Bool(_)) => Ok(()),
			(Self::Bytes { max_len }, MetadataValue::Bytes(bytes)) => {
				within(bytes.as_ref().len() as u64 <= u64::from(*max_len))
			},
			_ => Err(WrongFieldType),
		}
	}
}

impl<Name: AsRef<[u8]>, Fields> FormatSpec<Name, Fields> {
	/// Checks a record's content hash and metadata against the format: the hash algorithm
	/// first, then each entry in order (unknown field, wrong type, out of bounds), then the
	/// required fields. The first violation found is returned.
	pub fn check_record<Variants, VariantName, K, B>(
		&self,
		content: &ContentHash,
		metadata: &[MetadataEntry<K, B>],
	) -> Result<(), FormatViolation>
	where
		Fields: AsRef<[FieldSpec<Name, Variants>]>,
		Variants: AsRef<[VariantName]>,
		VariantName: AsRef<[u8]>,
		K: AsRef<[u8]>,
		B: AsRef<[u8]>,
	{
		if content.algorithm != self.hash_algorithm {
			return Err(FormatViolation::WrongHashAlgorithm);
		}
		let fields = self.fields.as_ref();
		for entry in metadata {
			match fields.iter().find(|f| f.name.as_ref() == entry.key.as_ref()) {
				Some(field) => field.field_type.check(&entry.value)?,
				None if self.open => {},
				None => return Err(FormatViolation::UnknownField),
			}
		}
		for field in fields.iter().filter(|f| f.required) {
			if !metadata.iter().any(|e| e.key.as_ref() == field.name.as_ref()) {
				return Err(FormatViolation::MissingField);
			}
		}
		Ok(())
	}
}

/// What a source keeps of its format when it binds to it. A format never changes, so these
/// stay true for the source's whole life: the registry checks a record's hash algorithm
/// against them and refuses a record without metadata under a format that requires fields,
/// without loading the format (issue 12: the format's field list is read only when a record
/// carries metadata).
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
pub struct FormatTerms {
	/// The algorithm every record's content hash must use: records store only the digest.
	pub hash_algorithm: HashAlgorithm,
	/// Whether the format requires at least one field.
	pub requires_fields: bool,
}

impl<Name, Fields> FormatSpec<Name, Fields> {
	/// The terms a source bound to this format keeps.
	pub fn terms<Variants>(&self) -> FormatTerms
	where
		Fields: AsRef<[FieldSpec<Name, Variants>]>,
	{
		FormatTerms {
			hash_algorithm: self.hash_algorithm,
			requires_fields: self.fields.as_ref().iter().any(|field| field.required),
		}
	}
}

/// The registry's view of the data formats (implemented by the operator pallet, wired by the
/// runtime).
pub trait DataFormats {
	/// A format as loaded once per submission and then checked against each of its records.
	type Format;

	/// Binds a new source to `format` if a new source may take it (it exists and is not
	/// deprecated): the format counts its sources and is not removed while any is left.
	/// Returns the terms the source keeps.
	fn bind_source(format: FormatId) -> Result<FormatTerms, FormatUnusable>;

	/// A source that never anchored a record (withdrawn or rejected) let go of `format`.
	fn unbind_source(format: FormatId);

	/// The format `id`, for checking records (deprecated formats included: their existing
	/// sources keep submitting).
	fn load(id: FormatId) -> Option<Self::Format>;

	/// Whether format `id` is registered (deprecated formats included), without loading it.
	fn is_registered(id: FormatId) -> bool;

	/// Checks one record against `format`.
	fn check<K: AsRef<[u8]>, B: AsRef<[u8]>>(
		format: &Self::Format,
		content: &ContentHash,
		metadata: &[MetadataEntry<K, B>],
	) -> Result<(), FormatViolation>;

	/// Registers the costliest format to check a record against, for the registry's
	/// benchmarks: strict, with hash algorithm `algorithm`, one required enum field per name of
	/// `fields`, each with as many variants as a field may have, as long as a variant may be
	/// and at most `value_len` bytes, all alike but for their last bytes. Returns the format and
	/// the value that matches each field's last variant (the slowest match).
	#[cfg(feature = "runtime-benchmarks")]
	fn format_for_benchmark(
		algorithm: HashAlgorithm,
		fields: alloc::vec::Vec<alloc::vec::Vec<u8>>,
		value_len: u32,
	) -> (FormatId, alloc::vec::Vec<u8>);
}

/// The variants of the costliest enum field ([`DataFormats::format_for_benchmark`]): `count`
/// variants of `len` bytes that differ only in their last (up to) four bytes; the last one is
/// the slowest to match.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_variants(count: u32, len: u32) -> alloc::vec::Vec<alloc::vec::Vec<u8>> {
	(0..count)
		.map(|i| {
			let mut variant = alloc::vec![b'v'; len as usize];
			let tail = i.to_be_bytes();
			let n = tail.len().min(variant.len());
			let at = variant.len() - n;
			variant[at..].copy_from_slice(&tail[tail.len() - n..]);
			variant
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::{vec, vec::Vec};
	use FormatViolation::*;

	type Spec = FormatSpec<Vec<u8>, Vec<FieldSpec<Vec<u8>, Vec<Vec<u8>>>>>;

	fn field(
		name: &str,
		field_type: FieldType<Vec<Vec<u8>>>,
		required: bool,
	) -> FieldSpec<Vec<u8>, Vec<Vec<u8>>> {
		FieldSpec { name: name.as_bytes().to_vec(), field_type, required }
	}

	fn air_quality(open: bool) -> Spec {
		FormatSpec {
			name: b"air-quality".to_vec(),
			version: 1,
			hash_algorithm: HashAlgorithm::Sha2_256,
			fields: vec![
				field("pm2_5", FieldType::Integer { min: 0, max: 1000 }, true),
				field(
					"temp",
					FieldType::Decimal {
						min: Decimal { mantissa: -400, scale: 1 },
						max: Decimal { mantissa: 60, scale: 0 },
					},
					false,
				),
				field("site", FieldType::Enum(vec![b"north".to_vec(), b"south".to_vec()]), false),
				field("note", FieldType::Text { max_len: 4 }, false),
				field("at", FieldType::Time { min: 10, max: 20 }, false),
				field("ok", FieldType::Bool, false),
				field("raw", FieldType::Bytes { max_len: 2 }, false),
			],
			open,
			max_payload_size: 1024,
			encoding: Encoding::Json,
		}
	}

	fn entry(key: &str, value: MetadataValue<Vec<u8>>) -> MetadataEntry<Vec<u8>, Vec<u8>> {
		MetadataEntry { key: key.as_bytes().to_vec(), value }
	}

	fn check(
		spec: &Spec,
		algorithm: HashAlgorithm,
		entries: &[MetadataEntry<Vec<u8>, Vec<u8>>],
	) -> Result<(), FormatViolation> {
		spec.check_record(&ContentHash { algorithm, digest: [0; 32] }, entries)
	}

	fn sha(entries: &[MetadataEntry<Vec<u8>, Vec<u8>>]) -> Result<(), FormatViolation> {
		check(&air_quality(false), HashAlgorithm::Sha2_256, entries)
	}

	#[test]
	fn a_record_that_follows_the_format_passes() {
		assert_eq!(
			sha(&[
				entry("pm2_5", MetadataValue::Uint(12)),
				entry("temp", MetadataValue::Decimal { mantissa: 2153, scale: 2 }),
				entry("site", MetadataValue::Text(b"north".to_vec())),
				entry("note", MetadataValue::Text(b"calm".to_vec())),
				entry("at", MetadataValue::Time(20)),
				entry("ok", MetadataValue::Bool(true)),
				entry("raw", MetadataValue::Bytes(vec![1, 2])),
			]),
			Ok(())
		);
		assert_eq!(sha(&[entry("pm2_5", MetadataValue::Int(0))]), Ok(()));
	}

	#[test]
	fn each_violation_has_its_own_reason() {
		let pm = || entry("pm2_5", MetadataValue::Int(5));
		assert_eq!(
			check(&air_quality(false), HashAlgorithm::Blake2b256, &[pm()]),
			Err(WrongHashAlgorithm)
		);
		assert_eq!(sha(&[]), Err(MissingField));
		assert_eq!(sha(&[pm(), entry("humidity", MetadataValue::Int(1))]), Err(UnknownField));
		assert_eq!(sha(&[entry("pm2_5", MetadataValue::Text(b"5".to_vec()))]), Err(WrongFieldType));
		assert_eq!(sha(&[entry("pm2_5", MetadataValue::Int(1001))]), Err(FieldOutOfBounds));
		assert_eq!(sha(&[entry("pm2_5", MetadataValue::Int(-1))]), Err(FieldOutOfBounds));
		assert_eq!(sha(&[entry("pm2_5", MetadataValue::Uint(u64::MAX))]), Err(FieldOutOfBounds));
		assert_eq!(
			sha(&[pm(), entry("site", MetadataValue::Text(b"east".to_vec()))]),
			Err(FieldOutOfBounds)
		);
		assert_eq!(sha(&[pm(), entry("site", MetadataValue::Int(1))]), Err(WrongFieldType));
		assert_eq!(
			sha(&[pm(), entry("note", MetadataValue::Text(b"windy".to_vec()))]),
			Err(FieldOutOfBounds)
		);
		assert_eq!(sha(&[pm(), entry("at", MetadataValue::Time(21))]), Err(FieldOutOfBounds));
		assert_eq!(sha(&[pm(), entry("ok", MetadataValue::Int(1))]), Err(WrongFieldType));
		assert_eq!(
			sha(&[pm(), entry("raw", MetadataValue::Bytes(vec![0; 3]))]),
			Err(FieldOutOfBounds)
		);
	}

	#[test]
	fn an_open_format_lets_unknown_fields_through_but_still_checks_known_ones() {
		let open = air_quality(true);
		let pm = entry("pm2_5", MetadataValue::Int(5));
		assert_eq!(
			check(
				&open,
				HashAlgorithm::Sha2_256,
				&[pm.clone(), entry("x", MetadataValue::Bool(true))]
			),
			Ok(())
		);
		assert_eq!(
			check(&open, HashAlgorithm::Sha2_256, &[entry("x", MetadataValue::Bool(true))]),
			Err(MissingField)
		);
		assert_eq!(
			check(&open, HashAlgorithm::Sha2_256, &[entry("pm2_5", MetadataValue::Int(-5))]),
			Err(FieldOutOfBounds)
		);
	}

	#[test]
	fn decimal_bounds_compare_exactly_across_scales() {
		let temp = |mantissa, scale| {
			sha(&[
				entry("pm2_5", MetadataValue::Int(1)),
				entry("temp", MetadataValue::Decimal { mantissa, scale }),
			])
		};
		assert_eq!(temp(-400, 1), Ok(()));
		assert_eq!(temp(-4000001, 5), Err(FieldOutOfBounds));
		assert_eq!(temp(6000, 2), Ok(()));
		assert_eq!(temp(60001, 3), Err(FieldOutOfBounds));
		assert_eq!(temp(1, 255), Ok(()));
		assert_eq!(temp(i64::MAX, 0), Err(FieldOutOfBounds));
		assert_eq!(temp(i64::MIN, 200), Ok(()));
		assert_eq!(
			sha(&[entry("pm2_5", MetadataValue::Int(1)), entry("temp", MetadataValue::Int(61))]),
			Err(FieldOutOfBounds)
		);
	}
}
