//! Nodes and consensus as the client reads them (CTL-5): who validates in the current session,
//! what operators planned for the coming ones, session keys a node generated for its owner, and
//! the node authorization list.

use crate::{
	error::{Error, Result},
	keys::AccountId,
};
use serde::Serialize;

/// The validator set at one block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidatorSet {
	/// The current session's index.
	pub session: u32,
	/// The accounts validating in the current session (shown in SS58).
	pub active: Vec<AccountId>,
	/// The set operators planned (shown in SS58): it becomes active within two sessions of a change.
	pub planned: Vec<AccountId>,
	/// Whether operators changed the planned set since the sessions last took it over.
	pub change_pending: bool,
}

impl ValidatorSet {
	/// Whether `who` validates in the current session.
	pub fn is_active(&self, who: &AccountId) -> bool {
		self.active.contains(who)
	}
}

/// Session keys a node generated and keeps in its keystore, with the proof that they belong to
/// the owner's account (each key signs `"POP_"` followed by the account's 32 bytes): what
/// `Session::set_keys` takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedKeys {
	keys: [u8; Self::KEYS_LEN],
	proof: Vec<u8>,
}

impl GeneratedKeys {
	/// Length of the encoded keys: two 32-byte public keys.
	pub const KEYS_LEN: usize = 64;

	/// The SCALE-encoded public keys (the Aura sr25519 key, then the GRANDPA ed25519 key) and
	/// the SCALE-encoded signatures in the same order, as `author_rotateKeysWithOwner` returns
	/// them; refused unless the keys are [`Self::KEYS_LEN`] bytes.
	pub fn new(keys: &[u8], proof: Vec<u8>) -> Result<Self> {
		let keys = keys.try_into().map_err(|_| {
			Error::Input(format!(
				"session keys are {} bytes, not the {} of an Aura and a GRANDPA key",
				keys.len(),
				Self::KEYS_LEN
			))
		})?;
		Ok(Self { keys, proof })
	}

	/// The encoded public keys.
	pub fn keys(&self) -> &[u8] {
		&self.keys
	}

	/// The encoded proof of possession.
	pub fn proof(&self) -> &[u8] {
		&self.proof
	}

	/// The Aura (block-authoring) public key.
	pub fn aura(&self) -> [u8; 32] {
		let mut key = [0; 32];
		key.copy_from_slice(&self.keys[..32]);
		key
	}

	/// The GRANDPA (finality) public key.
	pub fn grandpa(&self) -> [u8; 32] {
		let mut key = [0; 32];
		key.copy_from_slice(&self.keys[32..]);
		key
	}
}

impl Serialize for GeneratedKeys {
	fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		use serde::ser::SerializeStruct;
		let mut out = s.serialize_struct("GeneratedKeys", 4)?;
		out.serialize_field("aura", &format!("0x{}", hex::encode(self.aura())))?;
		out.serialize_field("grandpa", &format!("0x{}", hex::encode(self.grandpa())))?;
		out.serialize_field("keys", &format!("0x{}", hex::encode(&self.keys)))?;
		out.serialize_field("proof", &format!("0x{}", hex::encode(&self.proof)))?;
		out.end()
	}
}

/// A libp2p peer id, as nodes print it (base58, `12D3KooW…`) and as the chain stores it
/// (binary multihash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerId(Vec<u8>);

impl PeerId {
	/// Parses the base58 text form (what `dmchain-node` logs as "Local node identity is …" and
	/// what `system_localPeerId` answers).
	pub fn parse(text: &str) -> Result<Self> {
		bs58::decode(text.trim())
			.into_vec()
			.map(Self)
			.map_err(|e| Error::Input(format!("`{text}` is not a base58 peer id: {e}")))
	}

	/// The binary form the chain stores.
	pub fn as_bytes(&self) -> &[u8] {
		&self.0
	}

	/// From the chain's binary form.
	pub fn from_bytes(bytes: Vec<u8>) -> Self {
		Self(bytes)
	}
}

impl std::fmt::Display for PeerId {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&bs58::encode(&self.0).into_string())
	}
}

impl Serialize for PeerId {
	fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
		s.serialize_str(&self.to_string())
	}
}

/// A node on the authorization list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizedNode {
	/// Its peer id.
	pub peer_id: PeerId,
	/// The organisation's account that runs it (shown in SS58).
	pub owner: AccountId,
	/// The operator who authorized it (shown in SS58); `None` for a node of the genesis.
	pub authorized_by: Option<AccountId>,
	/// The block it was authorized in.
	pub authorized_at: u32,
}

/// The node authorization list and whether nodes enforce it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAuthorization {
	/// Whether nodes keep peers only among the listed ones.
	pub enforced: bool,
	/// The listed nodes.
	pub nodes: Vec<AuthorizedNode>,
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn generated_keys_split_into_aura_and_grandpa_and_refuse_other_lengths() {
		let mut bytes = [1u8; 64];
		bytes[32..].fill(2);
		let keys = GeneratedKeys::new(&bytes, vec![9; 128]).unwrap();
		assert_eq!(keys.aura(), [1; 32]);
		assert_eq!(keys.grandpa(), [2; 32]);
		let json = serde_json::to_value(&keys).unwrap();
		assert_eq!(json["aura"], format!("0x{}", "01".repeat(32)));
		assert!(matches!(GeneratedKeys::new(&bytes[..63], vec![]), Err(Error::Input(_))));
	}

	#[test]
	fn peer_ids_round_trip_between_text_and_bytes() {
		// The ed25519 peer id of a well-known libp2p test key.
		let text = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
		let peer = PeerId::parse(text).unwrap();
		assert_eq!(&peer.as_bytes()[..6], &[0x00, 0x24, 0x08, 0x01, 0x12, 0x20]);
		assert_eq!(peer.as_bytes().len(), 38);
		assert_eq!(peer.to_string(), text);
		assert!(matches!(PeerId::parse("not base58: 0OIl"), Err(Error::Input(_))));
	}
}
