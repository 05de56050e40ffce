//! `dmchain source …`: the data-source owner's commands (REP-1).

use super::Context;
use crate::{cli::SourceCommand, exit, output};
use dmchain_client::{keys, DataSource, DataUser, Result};

/// Runs one `source` subcommand.
pub async fn run(context: &Context, command: SourceCommand) -> Result<u8> {
	match command {
		SourceCommand::Register { device, format, description, expect_every } => {
			let device = keys::parse_account(&device)?;
			let signer = context.signer()?;
			let owner =
				DataSource::new(context.connect().await?, signer).waiting_for(context.wait());
			let interval = expect_every.map(|seconds| seconds.saturating_mul(1000));
			let registration = owner
				.register_source_expecting(&device, format, description.as_bytes(), interval)
				.await?;
			output::emit(context.json(), &registration, |r| {
				output::fields(&[
					("source", r.source.to_string()),
					("status", r.status.to_string()),
					("deposit", output::dmc(r.deposit)),
					("block", output::block(&r.receipt)),
				])
			});
		},
		SourceCommand::Expect { source, every } => {
			let (chain, signer) = context.signed().await?;
			let owner = DataSource::new(chain, signer).waiting_for(context.wait());
			let interval = every.map(|seconds| seconds.saturating_mul(1000));
			let receipt = owner.set_expected_interval(source, interval).await?;
			output::emit(context.json(), &receipt, |r| {
				output::fields(&[
					("source", source.to_string()),
					("expected every", every.map_or("-".into(), |s| format!("{s} s"))),
					("block", output::block(r)),
				])
			});
		},
		SourceCommand::Show { source } => {
			let user = DataUser::new(context.connect().await?);
			let found = user.existing_source(source).await?;
			output::emit(context.json(), &found, output::source);
		},
		SourceCommand::Suspend { source } | SourceCommand::Resume { source } => {
			let (chain, signer) = context.signed().await?;
			let owner = DataSource::new(chain, signer).waiting_for(context.wait());
			let receipt = match command {
				SourceCommand::Suspend { .. } => owner.suspend_source(source).await?,
				_ => owner.resume_source(source).await?,
			};
			output::emit(context.json(), &receipt, |r| {
				output::fields(&[("source", source.to_string()), ("block", output::block(r))])
			});
		},
		SourceCommand::Retire { source } => {
			let (chain, signer) = context.signed().await?;
			let owner = DataSource::new(chain, signer).waiting_for(context.wait());
			let retirement = owner.retire_source(source).await?;
			output::emit(context.json(), &retirement, |r| {
				output::fields(&[
					("source", source.to_string()),
					("outcome", if r.withdrawn { "withdrawn" } else { "retired" }.to_string()),
					("deposit released", r.released.map_or("-".into(), output::dmc)),
					("block", output::block(&r.receipt)),
				])
			});
		},
	}
	Ok(exit::OK)
}
