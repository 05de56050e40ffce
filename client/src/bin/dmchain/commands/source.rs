//! `dmchain source …`: the data-source owner's commands (REP-1).

use super::Context;
use crate::{cli::SourceCommand, exit, output};
use dmchain_client::{keys, DataSource, DataUser, Result};

/// Runs one `source` subcommand.
pub async fn run(context: &Context, command: SourceCommand) -> Result<u8> {
	match command {
		SourceCommand::Register { device, format, description } => {
			let device = keys::parse_account(&device)?;
			let signer = context.signer()?;
			let owner =
				DataSource::new(context.connect().await?, signer).waiting_for(context.wait());
			let registration =
				owner.register_source(&device, format, description.as_bytes()).await?;
			output::emit(context.json(), &registration, |r| {
				output::fields(&[
					("source", r.source.to_string()),
					("status", r.status.to_string()),
					("deposit", r.deposit.to_string()),
					("block", output::block(&r.receipt)),
				])
			});
		},
		SourceCommand::Show { source } => {
			let user = DataUser::new(context.connect().await?);
			let found = user.existing_source(source).await?;
			output::emit(context.json(), &found, output::source);
		},
		SourceCommand::Suspend { source }
		| SourceCommand::Resume { source }
		| SourceCommand::Retire { source } => {
			let owner = DataSource::new(context.connect().await?, context.signer()?)
				.waiting_for(context.wait());
			let receipt = match command {
				SourceCommand::Suspend { .. } => owner.suspend_source(source).await?,
				SourceCommand::Resume { .. } => owner.resume_source(source).await?,
				_ => owner.retire_source(source).await?,
			};
			output::emit(context.json(), &receipt, |r| {
				output::fields(&[("source", source.to_string()), ("block", output::block(r))])
			});
		},
	}
	Ok(exit::OK)
}
