//! `dmchain validator …`: the owner of a node offers it as a validator (CTL-5). Connect to your
//! own node (`--url`): it generates the session keys and keeps them in its keystore.

use super::Context;
use crate::{cli::ValidatorCommand, exit, output};
use dmchain_client::{keys, GeneratedKeys, NodeOwner, Result};

fn key_fields(account: String, keys: &GeneratedKeys) -> Vec<(&'static str, String)> {
	vec![
		("account", account),
		("aura key", format!("0x{}", hex::encode(keys.aura()))),
		("grandpa key", format!("0x{}", hex::encode(keys.grandpa()))),
	]
}

/// Runs one `validator` subcommand.
pub async fn run(context: &Context, command: ValidatorCommand) -> Result<u8> {
	let (chain, signer) = context.signed().await?;
	let account = keys::account_of(&signer).to_string();
	let owner = NodeOwner::new(chain, signer).waiting_for(context.wait());
	match command {
		ValidatorCommand::SetKeys => {
			let dmchain_client::NewSessionKeys { keys: generated, receipt } =
				owner.set_new_session_keys().await?;
			let json = serde_json::json!({
				"account": account, "sessionKeys": generated, "receipt": receipt,
			});
			output::emit(context.json(), &json, |_| {
				let mut rows = key_fields(account.clone(), &generated);
				rows.push((
					"done",
					"session keys registered; an operator adds the validator next".into(),
				));
				rows.push(("block", output::block(&receipt)));
				output::fields(&rows)
			});
		},
		ValidatorCommand::GenerateKeys => {
			let generated = owner.generate_session_keys().await?;
			output::emit(context.json(), &generated, |g| {
				let mut rows = key_fields(account.clone(), g);
				rows.push(("keys", format!("0x{}", hex::encode(g.keys()))));
				rows.push(("proof", format!("0x{}", hex::encode(g.proof()))));
				output::fields(&rows)
			});
		},
		ValidatorCommand::PurgeKeys => {
			let receipt = owner.purge_session_keys().await?;
			output::receipt(context.json(), "session keys purged", &receipt);
		},
	}
	Ok(exit::OK)
}
