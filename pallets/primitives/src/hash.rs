//! Content hashes: what the chain anchors in place of a payload (D3.7 AUTH-1, SVC-4).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The algorithm a content hash was computed with. Every supported algorithm yields 32 bytes.
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
#[serde(rename_all = "kebab-case")]
pub enum HashAlgorithm {
	/// BLAKE2b with a 256-bit output (Substrate's own hash).
	Blake2b256,
	/// SHA-256 (FIPS 180-4).
	Sha2_256,
	/// SHA3-256 (FIPS 202).
	Sha3_256,
	/// Keccak-256 (the pre-standard SHA-3, as used by Ethereum).
	Keccak256,
}

/// A 32-byte digest of a payload together with the algorithm that produced it.
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
#[cfg_attr(feature = "std", derive(serde::Serialize))]
pub struct ContentHash {
	/// The algorithm the digest was computed with.
	pub algorithm: HashAlgorithm,
	/// The digest itself.
	#[cfg_attr(feature = "std", serde(serialize_with = "crate::hex_serde::bytes"))]
	pub digest: [u8; 32],
}
