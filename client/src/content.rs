//! Content hashes: what a record anchors instead of the data itself (REP-2, AUTH-1). A file is
//! hashed as a stream, so its size does not matter.

use crate::runtime::api::runtime_types::dmchain_primitives::hash as chain;
use blake2::{digest::consts::U32, Blake2b, Digest};
use serde::Serialize;
use std::{fmt, fs::File, io::Read, path::Path, str::FromStr};

/// The hash algorithms the registry knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum HashAlgorithm {
	/// BLAKE2b with a 256-bit output, Substrate's own hash (`blake2b-256`). The default.
	#[default]
	Blake2b256,
	/// SHA-256 (`sha2-256`).
	Sha2_256,
	/// SHA3-256 (`sha3-256`).
	Sha3_256,
	/// Keccak-256, as Ethereum uses it (`keccak-256`).
	Keccak256,
}

impl HashAlgorithm {
	/// Every algorithm, in the order the chain numbers them.
	pub const ALL: [HashAlgorithm; 4] =
		[Self::Blake2b256, Self::Sha2_256, Self::Sha3_256, Self::Keccak256];

	/// The algorithm's name as the CLI and JSON output spell it.
	pub fn name(self) -> &'static str {
		match self {
			Self::Blake2b256 => "blake2b-256",
			Self::Sha2_256 => "sha2-256",
			Self::Sha3_256 => "sha3-256",
			Self::Keccak256 => "keccak-256",
		}
	}
}

impl fmt::Display for HashAlgorithm {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.name())
	}
}

impl Serialize for HashAlgorithm {
	/// Writes [`HashAlgorithm::name`].
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(self.name())
	}
}

impl<'de> serde::Deserialize<'de> for HashAlgorithm {
	/// Reads the names [`HashAlgorithm::name`] gives (`blake2b-256`, `sha2-256`, …).
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let name = String::deserialize(deserializer)?;
		name.parse().map_err(serde::de::Error::custom)
	}
}

impl FromStr for HashAlgorithm {
	type Err = String;

	fn from_str(text: &str) -> Result<Self, Self::Err> {
		Self::ALL.into_iter().find(|a| a.name().eq_ignore_ascii_case(text)).ok_or_else(|| {
			let names: Vec<&str> = Self::ALL.iter().map(|a| a.name()).collect();
			format!("unknown hash algorithm `{text}`; expected one of {}", names.join(", "))
		})
	}
}

/// A 32-byte digest and the algorithm that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ContentHash {
	/// The algorithm.
	pub algorithm: HashAlgorithm,
	/// The digest.
	#[serde(serialize_with = "serialize_digest")]
	pub digest: [u8; 32],
}

pub(crate) fn serialize_digest<S: serde::Serializer>(
	digest: &[u8; 32],
	s: S,
) -> Result<S::Ok, S::Error> {
	s.serialize_str(&format!("0x{}", hex::encode(digest)))
}

impl fmt::Display for ContentHash {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}:0x{}", self.algorithm, hex::encode(self.digest))
	}
}

/// A running hash of one algorithm.
enum Hasher {
	Blake2b256(Blake2b<U32>),
	Sha2_256(sha2::Sha256),
	Sha3_256(sha3::Sha3_256),
	Keccak256(sha3::Keccak256),
}

impl Hasher {
	fn new(algorithm: HashAlgorithm) -> Self {
		match algorithm {
			HashAlgorithm::Blake2b256 => Self::Blake2b256(Blake2b::new()),
			HashAlgorithm::Sha2_256 => Self::Sha2_256(sha2::Sha256::new()),
			HashAlgorithm::Sha3_256 => Self::Sha3_256(sha3::Sha3_256::new()),
			HashAlgorithm::Keccak256 => Self::Keccak256(sha3::Keccak256::new()),
		}
	}

	fn update(&mut self, bytes: &[u8]) {
		match self {
			Self::Blake2b256(h) => h.update(bytes),
			Self::Sha2_256(h) => h.update(bytes),
			Self::Sha3_256(h) => h.update(bytes),
			Self::Keccak256(h) => h.update(bytes),
		}
	}

	fn finish(self) -> [u8; 32] {
		match self {
			Self::Blake2b256(h) => h.finalize().into(),
			Self::Sha2_256(h) => h.finalize().into(),
			Self::Sha3_256(h) => h.finalize().into(),
			Self::Keccak256(h) => h.finalize().into(),
		}
	}
}

impl ContentHash {
	/// The hash of `bytes`.
	pub fn of_bytes(algorithm: HashAlgorithm, bytes: &[u8]) -> Self {
		let mut hasher = Hasher::new(algorithm);
		hasher.update(bytes);
		Self { algorithm, digest: hasher.finish() }
	}

	/// The hash of everything `reader` yields, read in 64 KiB pieces.
	pub fn of_reader(algorithm: HashAlgorithm, mut reader: impl Read) -> std::io::Result<Self> {
		let mut hasher = Hasher::new(algorithm);
		let mut buffer = vec![0u8; 64 * 1024];
		loop {
			let read = reader.read(&mut buffer)?;
			if read == 0 {
				return Ok(Self { algorithm, digest: hasher.finish() });
			}
			hasher.update(&buffer[..read]);
		}
	}

	/// The hash of the file at `path`.
	pub fn of_file(algorithm: HashAlgorithm, path: &Path) -> std::io::Result<Self> {
		Self::of_reader(algorithm, File::open(path)?)
	}

	/// A digest given as 64 hex digits, with or without `0x`.
	pub fn parse_digest(text: &str) -> Result<[u8; 32], String> {
		let digits = text.trim().trim_start_matches("0x");
		let bytes = hex::decode(digits).map_err(|e| format!("digest `{text}`: {e}"))?;
		bytes
			.try_into()
			.map_err(|b: Vec<u8>| format!("digest `{text}`: {} bytes, expected 32", b.len()))
	}
}

impl From<HashAlgorithm> for chain::HashAlgorithm {
	fn from(algorithm: HashAlgorithm) -> Self {
		match algorithm {
			HashAlgorithm::Blake2b256 => Self::Blake2b256,
			HashAlgorithm::Sha2_256 => Self::Sha2_256,
			HashAlgorithm::Sha3_256 => Self::Sha3_256,
			HashAlgorithm::Keccak256 => Self::Keccak256,
		}
	}
}

impl From<chain::HashAlgorithm> for HashAlgorithm {
	fn from(algorithm: chain::HashAlgorithm) -> Self {
		match algorithm {
			chain::HashAlgorithm::Blake2b256 => Self::Blake2b256,
			chain::HashAlgorithm::Sha2_256 => Self::Sha2_256,
			chain::HashAlgorithm::Sha3_256 => Self::Sha3_256,
			chain::HashAlgorithm::Keccak256 => Self::Keccak256,
		}
	}
}

impl From<ContentHash> for chain::ContentHash {
	fn from(hash: ContentHash) -> Self {
		Self { algorithm: hash.algorithm.into(), digest: hash.digest }
	}
}

impl From<chain::ContentHash> for ContentHash {
	fn from(hash: chain::ContentHash) -> Self {
		Self { algorithm: hash.algorithm.into(), digest: hash.digest }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	// Published test vectors for the empty input and "abc".
	#[test]
	fn digests_match_published_vectors() {
		let abc = |a| hex::encode(ContentHash::of_bytes(a, b"abc").digest);
		assert_eq!(
			abc(HashAlgorithm::Sha2_256),
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
		assert_eq!(
			abc(HashAlgorithm::Sha3_256),
			"3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
		);
		assert_eq!(
			abc(HashAlgorithm::Keccak256),
			"4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
		);
		assert_eq!(
			abc(HashAlgorithm::Blake2b256),
			"bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
		);
	}

	#[test]
	fn streamed_and_whole_hashes_agree() {
		let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
		for algorithm in HashAlgorithm::ALL {
			let streamed = ContentHash::of_reader(algorithm, &data[..]).unwrap();
			assert_eq!(streamed, ContentHash::of_bytes(algorithm, &data), "{algorithm}");
		}
	}

	#[test]
	fn names_round_trip_and_unknown_names_are_refused() {
		for algorithm in HashAlgorithm::ALL {
			assert_eq!(algorithm.name().parse::<HashAlgorithm>(), Ok(algorithm));
		}
		assert!("md5".parse::<HashAlgorithm>().unwrap_err().contains("blake2b-256"));
	}

	#[test]
	fn digests_parse_only_with_32_bytes() {
		let text = format!("0x{}", "ab".repeat(32));
		assert_eq!(ContentHash::parse_digest(&text), Ok([0xab; 32]));
		assert!(ContentHash::parse_digest("0xabcd").unwrap_err().contains("2 bytes"));
		assert!(ContentHash::parse_digest("zz").is_err());
	}
}
