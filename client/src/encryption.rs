//! Encryption keys and payload encryption (D3.7 MGMT-2, GOV-2, SEC-1): every node can read the
//! chain's state, so what keeps a payload private is encryption, and what decides who can
//! decrypt it is who holds its dataset's key.
//!
//! Three layers, each from a well-kept crate, none hand-rolled:
//! - **An account's encryption key** ([`EncryptionKeypair`]): an X25519 key pair, derived from
//!   the account's own secret so that nothing new has to be kept, or read from a key file.
//!   The derivation is fixed so that any client reproduces it: the account's secret URI is
//!   turned into its sr25519 secret key exactly as Substrate does (a BIP-39 phrase through
//!   PBKDF2-HMAC-SHA512 with 2,048 rounds and the salt `"mnemonic" ++ password`, first 32
//!   bytes; or a `0x` seed; then every `//hard` and `/soft` junction), and the 64 bytes of
//!   that key (scalar ‖ nonce, as schnorrkel encodes them) prefixed with
//!   [`ENCRYPTION_KEY_TAG`] are the input keying material of RFC 9180 `DeriveKeyPair` for
//!   DHKEM(X25519, HKDF-SHA256). The public key is registered on chain with the account's
//!   signature over [`key_proof_message`].
//! - **A dataset key per epoch** ([`DatasetKey`]): 32 random bytes the dataset's owner makes.
//!   Each record's payload is sealed with XChaCha20-Poly1305 under a key derived from it by
//!   HKDF-SHA256, with the chain, dataset, epoch, source and sequence number both in the key
//!   derivation and in the associated data ([`RecordBinding`]): a ciphertext moved to another
//!   record, dataset, epoch or chain does not open.
//! - **Wrapped dataset keys** ([`wrap_dataset_key`]): the dataset key sealed to one grantee's
//!   public key with HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
//!   ChaCha20-Poly1305), bound to the chain, dataset, epoch and grantee ([`KeyBinding`]).
//!
//! Revocation rotates the epoch: the owner makes a new dataset key and wraps it for the
//! grantees that remain. A revoked grantee cannot open records sealed under later epochs; what
//! it decrypted before, or the keys of earlier epochs it already holds, cannot be taken back.

use crate::{
	access::DatasetId,
	error::{Error, Result},
	keys::{self, AccountId},
	sources::SourceId,
};
use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	XChaCha20Poly1305, XNonce,
};
use hkdf::Hkdf;
use hpke::{
	aead::ChaCha20Poly1305, kdf::HkdfSha256, kem::X25519HkdfSha256, Deserializable, Kem, OpModeR,
	OpModeS, Serializable,
};
use rand_core::{RngCore, TryRngCore};
use sha2::Sha256;
use std::str::FromStr;
use subxt_signer::{DeriveJunction, ExposeSecret, SecretUri};
use zeroize::{Zeroize, Zeroizing};

/// The domain tag of the encryption-key derivation from an account's sr25519 secret.
pub const ENCRYPTION_KEY_TAG: &[u8] = b"dmchain/x25519-from-sr25519/v1";
/// The domain tag of an encryption-key proof; the pallet's `KEY_PROOF_TAG`.
pub const KEY_PROOF_TAG: &[u8] = b"dmchain/encryption-key/v1";
/// The domain tag of a record key's HKDF info.
const RECORD_KEY_TAG: &[u8] = b"dmchain/record-key/v1";
/// The domain tag of a payload's associated data.
const PAYLOAD_TAG: &[u8] = b"dmchain/payload/v1";
/// The domain tag of a wrapped dataset key's HPKE info.
const WRAP_TAG: &[u8] = b"dmchain/dataset-key/v1";
/// The first byte of a sealed payload: the layout version.
const ENVELOPE_V1: u8 = 1;
/// A sealed payload's nonce length (XChaCha20).
const NONCE_LEN: usize = 24;
/// A wrapped dataset key's length: the HPKE encapsulated key, the key, the tag.
pub const WRAPPED_KEY_LEN: usize = 32 + 32 + 16;

/// The operating system's random numbers, for keys, nonces and HPKE's ephemeral keys.
fn rng() -> rand_core::UnwrapErr<rand_core::OsRng> {
	rand_core::OsRng.unwrap_err()
}

/// An account's X25519 encryption key pair: others wrap dataset keys to its public key.
pub struct EncryptionKeypair {
	secret: <X25519HkdfSha256 as Kem>::PrivateKey,
	public: [u8; 32],
}

impl EncryptionKeypair {
	/// The key pair derived from the account secret `suri` (a secret URI, a mnemonic, or a `0x`
	/// seed, with junctions), as the module documentation says. Fails if the sr25519 key it
	/// reconstructs is not the one `suri` signs with.
	pub fn from_suri(suri: &str) -> Result<Self> {
		let secret = sr25519_secret(suri)?;
		let signing = keys::from_suri(suri)?;
		if secret.to_public().to_bytes() != signing.public_key().0 {
			return Err(Error::Key(
				"the encryption key derivation does not reproduce the account".into(),
			));
		}
		let mut ikm = Zeroizing::new(ENCRYPTION_KEY_TAG.to_vec());
		ikm.extend_from_slice(&secret.to_bytes());
		Ok(Self::from_pair(X25519HkdfSha256::derive_keypair(&ikm)))
	}

	/// The key pair of a key file: the 32-byte X25519 secret in hex (64 digits, `0x` optional).
	/// On Unix the file must not be readable by others.
	pub fn from_key_file(path: &std::path::Path) -> Result<Self> {
		let text = Zeroizing::new(keys::read_secret_file(path)?);
		let digits = text.trim().trim_start_matches("0x");
		let bytes = Zeroizing::new(hex::decode(digits).map_err(|e| {
			Error::Key(format!("{}: not a hex X25519 secret: {e}", path.display()))
		})?);
		Self::from_secret_bytes(&bytes).map_err(|e| Error::Key(format!("{}: {e}", path.display())))
	}

	/// The key pair of a 32-byte X25519 secret.
	pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self> {
		let secret = <X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(bytes)
			.map_err(|e| Error::Key(format!("not a 32-byte X25519 secret: {e}")))?;
		let public = X25519HkdfSha256::sk_to_pk(&secret);
		Ok(Self::from_pair((secret, public)))
	}

	/// A fresh random key pair, for a key file.
	pub fn generate() -> Self {
		Self::from_pair(X25519HkdfSha256::gen_keypair(&mut rng()))
	}

	fn from_pair(
		(secret, public): (
			<X25519HkdfSha256 as Kem>::PrivateKey,
			<X25519HkdfSha256 as Kem>::PublicKey,
		),
	) -> Self {
		let mut bytes = [0u8; 32];
		bytes.copy_from_slice(&public.to_bytes());
		Self { secret, public: bytes }
	}

	/// The public key, as registered on chain.
	pub fn public_key(&self) -> [u8; 32] {
		self.public
	}

	/// The secret, in hex: what a key file holds.
	pub fn secret_hex(&self) -> Zeroizing<String> {
		Zeroizing::new(hex::encode(self.secret.to_bytes()))
	}
}

/// The sr25519 secret key of a secret URI, reconstructed as Substrate derives it.
fn sr25519_secret(suri: &str) -> Result<schnorrkel::SecretKey> {
	use schnorrkel::{
		derive::{ChainCode, Derivation},
		ExpansionMode, MiniSecretKey,
	};
	let uri = SecretUri::from_str(suri.trim())
		.map_err(|e| Error::Key(format!("not a valid secret URI: {e}")))?;
	let phrase = uri.phrase.expose_secret();
	let mut mini = Zeroizing::new([0u8; 32]);
	if let Some(digits) = phrase.strip_prefix("0x") {
		hex::decode_to_slice(digits, &mut mini[..])
			.map_err(|e| Error::Key(format!("not a 32-byte hex seed: {e}")))?;
	} else {
		let mnemonic = subxt_signer::bip39::Mnemonic::from_str(phrase)
			.map_err(|e| Error::Key(format!("not a valid mnemonic: {e}")))?;
		let (entropy, len) = mnemonic.to_entropy_array();
		let password = uri.password.as_ref().map(|p| p.expose_secret()).unwrap_or("");
		let salt = Zeroizing::new(format!("mnemonic{password}"));
		let mut seed = Zeroizing::new([0u8; 64]);
		pbkdf2::pbkdf2_hmac::<sha2::Sha512>(&entropy[..len], salt.as_bytes(), 2048, &mut seed[..]);
		mini.copy_from_slice(&seed[..32]);
	}
	let mut secret = MiniSecretKey::from_bytes(&mini[..])
		.map_err(|e| Error::Key(format!("not a valid seed: {e}")))?
		.expand(ExpansionMode::Ed25519);
	for junction in &uri.junctions {
		secret = match *junction {
			DeriveJunction::Soft(code) => secret.derived_key_simple(ChainCode(code), []).0,
			DeriveJunction::Hard(code) => secret
				.hard_derive_mini_secret_key(Some(ChainCode(code)), b"")
				.0
				.expand(ExpansionMode::Ed25519),
		};
	}
	Ok(secret)
}

/// What an account signs to prove its encryption key, byte for byte as the pallet builds it:
/// [`KEY_PROOF_TAG`], the chain's genesis hash, the account id and the key.
pub fn key_proof_message(genesis: &[u8; 32], account: &AccountId, key: &[u8; 32]) -> Vec<u8> {
	let mut message = KEY_PROOF_TAG.to_vec();
	message.extend_from_slice(genesis);
	message.extend_from_slice(&account.0);
	message.extend_from_slice(key);
	message
}

/// A dataset's key for one epoch: 32 secret bytes, wiped when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct DatasetKey([u8; 32]);

impl DatasetKey {
	/// A fresh random key, for a new dataset or a new epoch.
	pub fn generate() -> Self {
		let mut key = [0u8; 32];
		rng().fill_bytes(&mut key);
		Self(key)
	}

	/// The key of 32 bytes.
	pub fn from_bytes(bytes: [u8; 32]) -> Self {
		Self(bytes)
	}

	/// The key's bytes.
	pub fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}
}

impl Drop for DatasetKey {
	fn drop(&mut self) {
		self.0.zeroize();
	}
}

impl std::fmt::Debug for DatasetKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("DatasetKey(..)")
	}
}

/// Where a sealed payload belongs: it opens only there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordBinding {
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	/// The dataset whose key seals it.
	pub dataset: DatasetId,
	/// The dataset key's epoch.
	pub epoch: u32,
	/// The source that anchors the record.
	pub source: SourceId,
	/// The record's sequence number in its source.
	pub sequence: u64,
}

impl RecordBinding {
	/// `tag` ‖ genesis ‖ dataset, epoch, source (u32 little-endian) ‖ sequence (u64 LE).
	fn bytes(&self, tag: &[u8]) -> Vec<u8> {
		let mut out = tag.to_vec();
		out.extend_from_slice(&self.genesis);
		out.extend_from_slice(&self.dataset.to_le_bytes());
		out.extend_from_slice(&self.epoch.to_le_bytes());
		out.extend_from_slice(&self.source.to_le_bytes());
		out.extend_from_slice(&self.sequence.to_le_bytes());
		out
	}

	/// The record's own key: HKDF-SHA256 of the dataset key with this binding as info.
	fn cipher(&self, key: &DatasetKey) -> XChaCha20Poly1305 {
		let mut record_key = Zeroizing::new([0u8; 32]);
		Hkdf::<Sha256>::new(None, key.as_bytes())
			.expand(&self.bytes(RECORD_KEY_TAG), &mut record_key[..])
			.expect("32 bytes is a valid HKDF-SHA256 output length");
		XChaCha20Poly1305::new((&*record_key).into())
	}
}

/// Seals `plaintext` for the record `at` under `key`: version byte ‖ 24-byte random nonce ‖
/// XChaCha20-Poly1305 ciphertext and tag, with `at` as associated data.
pub fn seal_payload(key: &DatasetKey, at: &RecordBinding, plaintext: &[u8]) -> Result<Vec<u8>> {
	let mut nonce = [0u8; NONCE_LEN];
	rng().fill_bytes(&mut nonce);
	let aad = at.bytes(PAYLOAD_TAG);
	let sealed = at
		.cipher(key)
		.encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: &aad })
		.map_err(|_| Error::Input("the payload is too large to seal".into()))?;
	let mut envelope = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
	envelope.push(ENVELOPE_V1);
	envelope.extend_from_slice(&nonce);
	envelope.extend_from_slice(&sealed);
	Ok(envelope)
}

/// Opens a payload sealed by [`seal_payload`]; [`Error::Decryption`] if it was sealed under
/// another key, for another record, or changed.
pub fn open_payload(key: &DatasetKey, at: &RecordBinding, envelope: &[u8]) -> Result<Vec<u8>> {
	let (version, rest) = envelope
		.split_first()
		.ok_or_else(|| Error::Decryption("the sealed payload is empty".into()))?;
	if *version != ENVELOPE_V1 {
		return Err(Error::Decryption(format!("unknown sealed payload version {version}")));
	}
	if rest.len() < NONCE_LEN + 16 {
		return Err(Error::Decryption("the sealed payload is truncated".into()));
	}
	let (nonce, sealed) = rest.split_at(NONCE_LEN);
	let aad = at.bytes(PAYLOAD_TAG);
	at.cipher(key).decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: &aad }).map_err(
		|_| {
			Error::Decryption(
				"the payload does not open: another dataset key or epoch, another record, or \
				 changed"
					.into(),
			)
		},
	)
}

/// Whom a wrapped dataset key is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyBinding {
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	/// The dataset.
	pub dataset: DatasetId,
	/// The dataset key's epoch.
	pub epoch: u32,
	/// The grantee.
	pub grantee: AccountId,
}

impl KeyBinding {
	/// [`WRAP_TAG`] ‖ genesis ‖ dataset, epoch (u32 LE) ‖ grantee account (32 bytes).
	fn info(&self) -> Vec<u8> {
		let mut out = WRAP_TAG.to_vec();
		out.extend_from_slice(&self.genesis);
		out.extend_from_slice(&self.dataset.to_le_bytes());
		out.extend_from_slice(&self.epoch.to_le_bytes());
		out.extend_from_slice(&self.grantee.0);
		out
	}
}

/// `key` sealed to the grantee's registered encryption key `recipient` with HPKE:
/// encapsulated key (32 bytes) ‖ ciphertext and tag (48), [`WRAPPED_KEY_LEN`] in all.
pub fn wrap_dataset_key(
	key: &DatasetKey,
	recipient: &[u8; 32],
	to: &KeyBinding,
) -> Result<Vec<u8>> {
	let public = <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(recipient)
		.map_err(|e| Error::Input(format!("not an X25519 public key: {e}")))?;
	let (encapped, sealed) = hpke::single_shot_seal::<
		ChaCha20Poly1305,
		HkdfSha256,
		X25519HkdfSha256,
		_,
	>(
		&OpModeS::Base, &public, &to.info(), key.as_bytes(), &[], &mut rng()
	)
	.map_err(|e| Error::Input(format!("cannot wrap the dataset key: {e}")))?;
	let mut wrapped = encapped.to_bytes().to_vec();
	wrapped.extend_from_slice(&sealed);
	Ok(wrapped)
}

/// The dataset key in `wrapped`, opened with the grantee's key pair; [`Error::Decryption`] if
/// it was wrapped for another key, dataset, epoch or grantee, or changed.
pub fn unwrap_dataset_key(
	wrapped: &[u8],
	recipient: &EncryptionKeypair,
	to: &KeyBinding,
) -> Result<DatasetKey> {
	if wrapped.len() != WRAPPED_KEY_LEN {
		return Err(Error::Decryption(format!(
			"a wrapped dataset key is {WRAPPED_KEY_LEN} bytes, not {}",
			wrapped.len()
		)));
	}
	let (encapped, sealed) = wrapped.split_at(32);
	let encapped = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(encapped)
		.map_err(|e| Error::Decryption(format!("not an HPKE encapsulated key: {e}")))?;
	let opened = Zeroizing::new(
		hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, X25519HkdfSha256>(
			&OpModeR::Base,
			&recipient.secret,
			&encapped,
			&to.info(),
			sealed,
			&[],
		)
		.map_err(|_| {
			Error::Decryption(
				"the wrapped key does not open: it is for another key, dataset, epoch or \
				 grantee, or changed"
					.into(),
			)
		})?,
	);
	let bytes: [u8; 32] = opened[..]
		.try_into()
		.map_err(|_| Error::Decryption("the wrapped key is not 32 bytes".into()))?;
	Ok(DatasetKey::from_bytes(bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn binding() -> RecordBinding {
		RecordBinding { genesis: [7; 32], dataset: 3, epoch: 1, source: 4, sequence: 9 }
	}

	fn grantee(suri: &str) -> KeyBinding {
		let account = keys::account_of(&keys::from_suri(suri).unwrap());
		KeyBinding { genesis: [7; 32], dataset: 3, epoch: 1, grantee: account }
	}

	#[test]
	fn the_derivation_reconstructs_the_signing_key_of_every_kind_of_secret_uri() {
		// Dev junctions, a mnemonic with a password and mixed junctions, a hex seed: each
		// reconstructs the sr25519 key subxt-signer signs with (checked inside `from_suri`).
		let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
		for suri in [
			"//Alice".to_string(),
			format!("{phrase}//hard/soft//0///secret"),
			format!("0x{}", "ab".repeat(32)),
		] {
			EncryptionKeypair::from_suri(&suri).unwrap_or_else(|e| panic!("{suri}: {e}"));
		}
	}

	#[test]
	fn the_encryption_key_is_deterministic_and_differs_per_account() {
		let alice = EncryptionKeypair::from_suri("//Alice").unwrap().public_key();
		assert_eq!(alice, EncryptionKeypair::from_suri("  //Alice ").unwrap().public_key());
		assert_ne!(alice, EncryptionKeypair::from_suri("//Bob").unwrap().public_key());
		// Not the account key itself: an X25519 key of its own.
		let account = keys::from_suri("//Alice").unwrap().public_key().0;
		assert_ne!(alice, account);
	}

	#[test]
	fn a_key_file_secret_round_trips() {
		let pair = EncryptionKeypair::generate();
		let back = EncryptionKeypair::from_secret_bytes(&hex::decode(&*pair.secret_hex()).unwrap())
			.unwrap();
		assert_eq!(back.public_key(), pair.public_key());
		assert!(matches!(EncryptionKeypair::from_secret_bytes(&[1; 31]), Err(Error::Key(_))));
	}

	#[test]
	fn a_bad_secret_uri_is_a_key_error() {
		assert!(matches!(EncryptionKeypair::from_suri("not a phrase"), Err(Error::Key(_))));
		assert!(matches!(EncryptionKeypair::from_suri("0x1234"), Err(Error::Key(_))));
	}

	#[test]
	fn a_payload_opens_only_under_its_key_and_record() {
		let key = DatasetKey::generate();
		let at = binding();
		let sealed = seal_payload(&key, &at, b"PM10 41").unwrap();
		assert_eq!(sealed.len(), 1 + NONCE_LEN + 7 + 16);
		assert_eq!(open_payload(&key, &at, &sealed).unwrap(), b"PM10 41");
		// Two seals of the same payload differ (random nonce).
		assert_ne!(seal_payload(&key, &at, b"PM10 41").unwrap(), sealed);

		let elsewhere = [
			RecordBinding { sequence: 10, ..at },
			RecordBinding { source: 5, ..at },
			RecordBinding { epoch: 2, ..at },
			RecordBinding { dataset: 4, ..at },
			RecordBinding { genesis: [8; 32], ..at },
		];
		for other in elsewhere {
			assert!(matches!(open_payload(&key, &other, &sealed), Err(Error::Decryption(_))));
		}
		assert!(matches!(
			open_payload(&DatasetKey::generate(), &at, &sealed),
			Err(Error::Decryption(_))
		));
		let mut changed = sealed.clone();
		*changed.last_mut().unwrap() ^= 1;
		assert!(matches!(open_payload(&key, &at, &changed), Err(Error::Decryption(_))));
		assert!(matches!(open_payload(&key, &at, &sealed[..20]), Err(Error::Decryption(_))));
		assert!(matches!(open_payload(&key, &at, &[2]), Err(Error::Decryption(_))));
	}

	#[test]
	fn a_wrapped_key_opens_only_for_its_grantee_and_binding() {
		let key = DatasetKey::generate();
		let charlie = EncryptionKeypair::from_suri("//Charlie").unwrap();
		let to = grantee("//Charlie");
		let wrapped = wrap_dataset_key(&key, &charlie.public_key(), &to).unwrap();
		assert_eq!(wrapped.len(), WRAPPED_KEY_LEN);
		assert_eq!(unwrap_dataset_key(&wrapped, &charlie, &to).unwrap(), key);

		let dave = EncryptionKeypair::from_suri("//Dave").unwrap();
		assert!(matches!(unwrap_dataset_key(&wrapped, &dave, &to), Err(Error::Decryption(_))));
		for other in [
			KeyBinding { epoch: 2, ..to.clone() },
			KeyBinding { dataset: 4, ..to.clone() },
			KeyBinding { genesis: [8; 32], ..to.clone() },
			grantee("//Dave"),
		] {
			assert!(matches!(
				unwrap_dataset_key(&wrapped, &charlie, &other),
				Err(Error::Decryption(_))
			));
		}
		let mut changed = wrapped.clone();
		changed[40] ^= 1;
		assert!(matches!(unwrap_dataset_key(&changed, &charlie, &to), Err(Error::Decryption(_))));
		assert!(matches!(
			unwrap_dataset_key(&wrapped[..79], &charlie, &to),
			Err(Error::Decryption(_))
		));
	}

	#[test]
	fn the_key_proof_message_is_tag_genesis_account_key() {
		let account = keys::account_of(&keys::from_suri("//Bob").unwrap());
		let message = key_proof_message(&[7; 32], &account, &[9; 32]);
		assert_eq!(&message[..KEY_PROOF_TAG.len()], KEY_PROOF_TAG);
		assert_eq!(message.len(), KEY_PROOF_TAG.len() + 96);
		assert_eq!(&message[KEY_PROOF_TAG.len() + 32..KEY_PROOF_TAG.len() + 64], &account.0);
	}
}
