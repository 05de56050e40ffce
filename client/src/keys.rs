//! Signing keys: sr25519 key pairs from a secret URI, a mnemonic, a key file, or the well-known
//! development accounts of local chains.

use crate::error::{Error, Result};
use std::{path::Path, str::FromStr};
pub use subxt::utils::AccountId32 as AccountId;
pub use subxt_signer::sr25519::Keypair;
use subxt_signer::SecretUri;

/// The key pair of a secret URI: `//Alice` (a derivation of the development phrase), a BIP-39
/// mnemonic with optional `//hard/soft` derivations and `///password`, or a `0x`-prefixed
/// 32-byte seed.
pub fn from_suri(suri: &str) -> Result<Keypair> {
	let uri = SecretUri::from_str(suri.trim())
		.map_err(|e| Error::Key(format!("not a valid secret URI: {e}")))?;
	Keypair::from_uri(&uri).map_err(|e| Error::Key(format!("cannot derive the key: {e}")))
}

/// The key pair of a BIP-39 mnemonic (12 to 24 words) and an optional password.
pub fn from_mnemonic(phrase: &str, password: Option<&str>) -> Result<Keypair> {
	let mnemonic = subxt_signer::bip39::Mnemonic::parse(phrase.trim())
		.map_err(|e| Error::Key(format!("not a valid mnemonic: {e}")))?;
	Keypair::from_phrase(&mnemonic, password)
		.map_err(|e| Error::Key(format!("cannot derive the key: {e}")))
}

/// The key pair of a key file: a text file whose content is a secret URI or mnemonic (as
/// `dmchain-node key generate` prints it). On Unix the file must not be readable by others.
pub fn from_key_file(path: &Path) -> Result<Keypair> {
	let text = read_secret_file(path)?;
	from_suri(&text).map_err(|e| Error::Key(format!("{}: {e}", path.display())))
}

/// The text of a file holding a secret; refused on Unix when others may read it.
pub fn read_secret_file(path: &Path) -> Result<String> {
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(path)
			.map_err(|e| Error::Key(format!("{}: {e}", path.display())))?
			.permissions()
			.mode();
		if mode & 0o077 != 0 {
			return Err(Error::Key(format!(
				"{} is readable by other users (mode {:o}); run `chmod 600` on it",
				path.display(),
				mode & 0o777
			)));
		}
	}
	std::fs::read_to_string(path).map_err(|e| Error::Key(format!("{}: {e}", path.display())))
}

/// A development account of local chains by name (`alice`, `bob`, `charlie`, `dave`, `eve`,
/// `ferdie`), the same as `//Alice` etc. Never holds anything of value.
pub fn dev(name: &str) -> Result<Keypair> {
	let known = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];
	let lower = name.to_ascii_lowercase();
	if !known.contains(&lower.as_str()) {
		return Err(Error::Key(format!(
			"unknown development account `{name}`; expected one of {}",
			known.join(", ")
		)));
	}
	let mut capitalised = lower;
	capitalised[..1].make_ascii_uppercase();
	from_suri(&format!("//{capitalised}"))
}

/// The account of a key pair.
pub fn account_of(pair: &Keypair) -> AccountId {
	pair.public_key().to_account_id()
}

/// An account given as an SS58 address, or as a secret URI whose public key is meant (handy
/// for dev accounts: `//Bob`).
pub fn parse_account(text: &str) -> Result<AccountId> {
	if text.starts_with("//") {
		return from_suri(text).map(|pair| account_of(&pair));
	}
	AccountId::from_str(text.trim())
		.map_err(|e| Error::Input(format!("`{text}` is not an SS58 address: {e}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	// The well-known public keys of the development accounts (sr25519, SS58 prefix 42).
	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

	#[test]
	fn dev_accounts_and_suris_give_the_known_keys() {
		assert_eq!(account_of(&dev("alice").unwrap()).to_string(), ALICE);
		assert_eq!(account_of(&from_suri("//Bob").unwrap()).to_string(), BOB);
		assert_eq!(parse_account("//Bob").unwrap().to_string(), BOB);
		assert_eq!(parse_account(ALICE).unwrap().to_string(), ALICE);
		assert!(matches!(dev("mallory"), Err(Error::Key(_))));
		assert!(matches!(parse_account("not-an-address"), Err(Error::Input(_))));
	}

	#[test]
	fn mnemonic_and_suri_of_the_same_phrase_agree() {
		let phrase = subxt_signer::DEV_PHRASE;
		let by_phrase = account_of(&from_mnemonic(phrase, None).unwrap());
		let by_suri = account_of(&from_suri(phrase).unwrap());
		assert_eq!(by_phrase, by_suri);
		assert!(matches!(from_mnemonic("not a mnemonic", None), Err(Error::Key(_))));
	}

	#[test]
	fn key_files_must_be_private() {
		use std::os::unix::fs::PermissionsExt;
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("device.key");
		std::fs::write(&path, "//Charlie\n").unwrap();
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
		assert!(matches!(from_key_file(&path), Err(Error::Key(m)) if m.contains("chmod 600")));
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
		let pair = from_key_file(&path).unwrap();
		assert_eq!(account_of(&pair), account_of(&dev("charlie").unwrap()));
		assert!(matches!(from_key_file(&dir.path().join("missing")), Err(Error::Key(_))));
	}
}
