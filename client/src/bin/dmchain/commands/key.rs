//! `dmchain key …`: the signer's X25519 encryption key (D3.7 MGMT-2).

use super::Context;
use crate::{
	cli::{EncryptionKeyArg, KeyCommand},
	exit, output,
};
use dmchain_client::{encryption::EncryptionKeypair, keys, DataUser, Error, Result};
use serde::Serialize;

/// An account's encryption key as `key show` prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeyView {
	/// The account.
	account: keys::AccountId,
	/// The key this client holds for it (hex), when it is the signer's.
	local: Option<String>,
	/// The key the chain holds for it (hex), if any.
	registered: Option<String>,
}

/// A key file written by `key generate`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GeneratedKey {
	/// The file.
	file: std::path::PathBuf,
	/// Its public key (hex).
	public_key: String,
}

/// The signer's encryption key pair: from the key file if given, else derived from the
/// signer's secret `secret`.
pub(super) fn encryption_key(arg: &EncryptionKeyArg, secret: &str) -> Result<EncryptionKeypair> {
	match &arg.encryption_key_file {
		Some(path) => EncryptionKeypair::from_key_file(path),
		None => EncryptionKeypair::from_suri(secret),
	}
}

/// Runs `dmchain key …`.
pub async fn run(context: &Context, command: KeyCommand) -> Result<u8> {
	match command {
		KeyCommand::Show { account: Some(account), .. } => {
			let account = keys::parse_account(&account)?;
			let registered =
				DataUser::new(context.connect().await?).encryption_key(&account).await?;
			show(
				context,
				KeyView { account, local: None, registered: registered.map(hex::encode) },
			);
		},
		KeyCommand::Show { account: None, key } => {
			let secret = context.secret()?;
			let account = keys::account_of(&keys::from_suri(&secret)?);
			let local = encryption_key(&key, &secret)?;
			let registered =
				DataUser::new(context.connect().await?).encryption_key(&account).await?;
			let view = KeyView {
				account,
				local: Some(hex::encode(local.public_key())),
				registered: registered.map(hex::encode),
			};
			show(context, view);
		},
		KeyCommand::Register { key } => {
			let secret = context.secret()?;
			let encryption = encryption_key(&key, &secret)?;
			let signer = keys::from_suri(&secret)?;
			let chain = context.connect().await?;
			let receipt = DataUser::new(chain)
				.waiting_for(context.wait())
				.register_encryption_key(&signer, &encryption)
				.await?;
			output::receipt(
				context.json(),
				&format!("encryption key {} registered", hex::encode(encryption.public_key())),
				&receipt,
			);
		},
		KeyCommand::Remove => {
			let (chain, signer) = context.signed().await?;
			let receipt = DataUser::new(chain)
				.waiting_for(context.wait())
				.remove_encryption_key(&signer)
				.await?;
			output::receipt(context.json(), "encryption key removed", &receipt);
		},
		KeyCommand::Generate { out } => {
			let pair = EncryptionKeypair::generate();
			write_new_secret_file(&out, &pair.secret_hex())?;
			let generated = GeneratedKey { file: out, public_key: hex::encode(pair.public_key()) };
			output::emit(context.json(), &generated, |g| {
				output::fields(&[
					("file", g.file.display().to_string()),
					("public key", g.public_key.clone()),
				])
			});
		},
	}
	Ok(exit::OK)
}

fn show(context: &Context, view: KeyView) {
	output::emit(context.json(), &view, |v| {
		let none = || "none".to_string();
		let mut rows = vec![("account", v.account.to_string())];
		if let Some(local) = &v.local {
			rows.push(("your key", local.clone()));
		}
		rows.push(("on chain", v.registered.clone().unwrap_or_else(none)));
		if v.local.is_some() {
			let state = match (&v.local, &v.registered) {
				(Some(a), Some(b)) if a == b => "registered",
				(_, Some(_)) => "a different key is registered: run `dmchain key register`",
				_ => "not registered: run `dmchain key register`",
			};
			rows.push(("state", state.to_string()));
		}
		output::fields(&rows)
	});
}

/// Creates `path` (never overwriting) readable by its owner only, holding `secret`.
fn write_new_secret_file(path: &std::path::Path, secret: &str) -> Result<()> {
	use std::io::Write;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	{
		use std::os::unix::fs::OpenOptionsExt;
		options.mode(0o600);
	}
	let mut file =
		options.open(path).map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
	writeln!(file, "{secret}").map_err(|e| Error::Input(format!("{}: {e}", path.display())))
}
