//! Runs a parsed command line: connects, loads the key if the command signs, and hands over to
//! the actor's commands.

mod access;
mod audit;
mod bench;
mod config;
mod key;
mod record;
mod roles;
mod source;
mod validator;

use crate::{
	cli::{Cli, Command, Global, WaitArg},
	exit, output,
};
use dmchain_client::{keys, keys::Keypair, Chain, Error, Result, WaitFor};
use std::time::Duration;
use zeroize::Zeroizing;

/// What every command has to work with.
pub struct Context {
	global: Global,
}

impl Context {
	/// Whether to print JSON.
	pub fn json(&self) -> bool {
		self.global.json
	}

	/// Connects to the node.
	pub async fn connect(&self) -> Result<Chain> {
		Chain::connect(&self.global.url, Duration::from_secs(self.global.timeout.max(1))).await
	}

	/// The signing key, then a connection: a missing or bad key is reported (exit 5) before
	/// anything is asked of the node, so it is never mistaken for an unreachable node (exit 4).
	pub async fn signed(&self) -> Result<(Chain, Keypair)> {
		let signer = self.signer()?;
		Ok((self.connect().await?, signer))
	}

	/// The signing key; an error naming the options when none is given.
	pub fn signer(&self) -> Result<Keypair> {
		keys::from_suri(&self.secret()?)
	}

	/// The signer's secret as given: the secret URI or mnemonic of `--suri` (read from
	/// standard input for `-`) or of the key file; an error naming the options when none is
	/// given.
	pub fn secret(&self) -> Result<Zeroizing<String>> {
		match (&self.global.suri, &self.global.key_file) {
			(Some(dash), _) if dash == "-" => {
				let mut line = Zeroizing::new(String::new());
				std::io::stdin().read_line(&mut line).map_err(|e| {
					Error::Key(format!("reading the secret from standard input: {e}"))
				})?;
				Ok(Zeroizing::new(line.trim().to_string()))
			},
			(Some(suri), _) => Ok(Zeroizing::new(suri.clone())),
			(None, Some(path)) => Ok(Zeroizing::new(keys::read_secret_file(path)?)),
			(None, None) => Err(Error::Key(
				"this command signs a transaction: give --suri, --key-file, DMCHAIN_SURI or \
				 DMCHAIN_KEY_FILE"
					.into(),
			)),
		}
	}

	/// Whether a signing key was given (the reads that default to the signer's view use it).
	pub fn has_key(&self) -> bool {
		self.global.suri.is_some() || self.global.key_file.is_some()
	}

	/// The stage transactions are followed to.
	pub fn wait(&self) -> WaitFor {
		match self.global.wait {
			WaitArg::InBlock => WaitFor::InBlock,
			WaitArg::Finalized => WaitFor::Finalized,
		}
	}
}

/// Runs `cli`; the exit code on success.
pub async fn run(cli: Cli) -> Result<u8> {
	let context = Context { global: cli.global };
	match cli.command {
		Command::Source(command) => source::run(&context, command).await,
		Command::Record(command) => record::run(&context, command).await,
		Command::User(command) => roles::user(&context, command).await,
		Command::Operator(command) => roles::operator(&context, command).await,
		Command::Governance(command) => roles::governance(&context, command).await,
		Command::Config(command) => config::run(&context, command).await,
		Command::Dataset(command) => access::dataset(&context, command).await,
		Command::Access(command) => access::access(&context, command).await,
		Command::Key(command) => key::run(&context, command).await,
		Command::Audit(command) => audit::run(&context, command).await,
		Command::Validator(command) => validator::run(&context, command).await,
		Command::Bench(command) => bench::run(&context, command).await,
		Command::Transfer { to, amount } => {
			let to = keys::parse_account(&to)?;
			let amount = dmchain_client::wallet::parse_dmc(&amount)?;
			let (chain, signer) = context.signed().await?;
			let receipt = dmchain_client::Wallet::new(chain, signer)
				.waiting_for(context.wait())
				.transfer(&to, amount)
				.await?;
			output::receipt(
				context.json(),
				&format!("sent {} to {to}", output::dmc(amount)),
				&receipt,
			);
			Ok(exit::OK)
		},
		Command::Completions { shell } => {
			let mut command = <Cli as clap::CommandFactory>::command();
			clap_complete::generate(shell, &mut command, "dmchain", &mut std::io::stdout());
			Ok(exit::OK)
		},
		Command::Status { watch } => {
			let chain = context.connect().await?;
			loop {
				let status = chain.status().await?;
				output::emit(context.json(), &status, |s| {
					output::fields(&[
						("health", s.health.clone()),
						("node", format!("{} {}", s.node, s.version)),
						("chain", format!("{} (runtime spec {})", s.chain, s.spec_version)),
						("best block", s.best.to_string()),
						("finalized block", format!("{} ({} behind)", s.finalized, s.finality_lag)),
						("peers", s.peers.to_string()),
						("syncing", s.syncing.to_string()),
						("validators", s.validators.len().to_string()),
						("transaction pool", s.pool.to_string()),
					])
				});
				let Some(seconds) = watch else {
					return Ok(exit::OK);
				};
				tokio::time::sleep(std::time::Duration::from_secs(seconds.max(1))).await;
			}
		},
		Command::Account => {
			let account = keys::account_of(&context.signer()?).to_string();
			output::emit(context.json(), &serde_json::json!({ "account": account }), |_| {
				output::fields(&[("account", account.clone())])
			});
			Ok(exit::OK)
		},
	}
}
