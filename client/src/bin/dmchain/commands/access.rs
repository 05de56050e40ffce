//! `dmchain dataset …` and `dmchain access …`: the data directory, access requests, grants and
//! the access question (GOV-1, APP-2, MGMT-1, PRC-2, PRC-5). Tables for people, JSON with
//! `--json`.

use super::Context;
use crate::{
	cli::{AccessCommand, DatasetCommand, ExpiryArg},
	exit, output,
};
use comfy_table::Table;
use dmchain_client::{
	keys, AccessAnswer, Chain, DataUser, Dataset, DatasetDraft, DatasetOwner, Error, Grant,
	GrantIssued, ReceiptsOf, Result,
};

/// Runs one `dataset` subcommand.
pub async fn dataset(context: &Context, command: DatasetCommand) -> Result<u8> {
	match command {
		DatasetCommand::Create {
			title,
			description,
			format,
			visibility,
			sources,
			derived_from,
		} => {
			let draft =
				DatasetDraft { title, description, format, visibility, sources, derived_from };
			let created = owner(context).await?.create_dataset(&draft).await?;
			output::emit(context.json(), &created, |c| {
				output::fields(&[
					("dataset", c.dataset.to_string()),
					("deposit", output::dmc(c.deposit)),
					("block", output::block(&c.receipt)),
				])
			});
		},
		DatasetCommand::Show { dataset } => {
			let found = DataUser::new(context.connect().await?).dataset(dataset).await?;
			output::emit(context.json(), &found, show);
		},
		DatasetCommand::List { viewer, after, limit } => {
			let viewer = match viewer {
				Some(text) => Some(keys::parse_account(&text)?),
				None if context.has_key() => Some(keys::account_of(&context.signer()?)),
				None => None,
			};
			let page = DataUser::new(context.connect().await?)
				.datasets(viewer.as_ref(), after, limit)
				.await?;
			output::emit(context.json(), &page, |p| list(&p.datasets));
		},
		DatasetCommand::Provenance { dataset } => {
			let found = DataUser::new(context.connect().await?).provenance(dataset).await?;
			output::emit(context.json(), &found, |p| {
				output::fields(&[
					("dataset", dataset.to_string()),
					("ancestors", joined(&p.ancestors)),
					("complete", p.complete.to_string()),
				])
			});
		},
		DatasetCommand::Visibility { dataset, visibility } => {
			let receipt = owner(context).await?.set_visibility(dataset, visibility).await?;
			output::receipt(
				context.json(),
				&format!("dataset {dataset} is now {visibility}"),
				&receipt,
			);
		},
		DatasetCommand::Transfer { dataset, to } => {
			let to = keys::parse_account(&to)?;
			let receipt = owner(context).await?.transfer_dataset(dataset, &to).await?;
			output::receipt(context.json(), &format!("dataset {dataset} handed to {to}"), &receipt);
		},
		DatasetCommand::Remove { dataset } => {
			let receipt = owner(context).await?.remove_dataset(dataset).await?;
			output::receipt(
				context.json(),
				&format!("dataset {dataset} removed; its deposit is released"),
				&receipt,
			);
		},
		DatasetCommand::Grants { dataset } => {
			let grants = DataUser::new(context.connect().await?).grants(dataset).await?;
			output::emit(context.json(), &grants, |g| grants_table(g));
		},
		DatasetCommand::Epochs { dataset } => {
			let epochs = DataUser::new(context.connect().await?).key_epochs(dataset).await?;
			output::emit(context.json(), &epochs, |e| {
				output::fields(&[
					("dataset", dataset.to_string()),
					("epoch", e.epoch.to_string()),
					("wrapped keys", e.wrapped.to_string()),
				])
			});
		},
		DatasetCommand::ShareKey { dataset, to, key } => {
			let recipients =
				to.iter().map(|t| keys::parse_account(t)).collect::<Result<Vec<_>>>()?;
			let secret = context.secret()?;
			let own = super::key::encryption_key(&key, &secret)?;
			let shared =
				owner(context).await?.share_current_key(dataset, &own, &recipients).await?;
			output::emit(context.json(), &shared, |s| {
				let names: Vec<_> = s.recipients.iter().map(ToString::to_string).collect();
				output::fields(&[
					("dataset", s.dataset.to_string()),
					("epoch", s.epoch.to_string()),
					("wrapped for", names.join(", ")),
					("transactions", s.receipts.len().to_string()),
				])
			});
		},
		DatasetCommand::RotateKey { dataset } => {
			let rotated = owner(context).await?.rotate_key_epoch(dataset).await?;
			output::emit(context.json(), &rotated, |r| {
				output::fields(&[
					("dataset", r.dataset.to_string()),
					("epoch", r.epoch.to_string()),
					("block", output::block(&r.receipt)),
				])
			});
		},
		DatasetCommand::Requests { dataset } => {
			let requests = DataUser::new(context.connect().await?).requests(dataset).await?;
			output::emit(context.json(), &requests, |requests| {
				let mut table =
					output::table(&["user", "scope", "purpose", "expires at", "requested at"]);
				for r in requests {
					table.add_row(vec![
						r.user.to_string(),
						r.scope.to_string(),
						r.purpose.clone(),
						r.expires_at.to_string(),
						r.requested_at.to_string(),
					]);
				}
				table
			});
		},
	}
	Ok(exit::OK)
}

/// Runs one `access` subcommand.
pub async fn access(context: &Context, command: AccessCommand) -> Result<u8> {
	match command {
		AccessCommand::Request { dataset, scope, purpose, expiry } => {
			let (chain, signer) = context.signed().await?;
			let expires_at = expiry_block(&chain, expiry).await?;
			let receipt = DataUser::new(chain)
				.waiting_for(context.wait())
				.request_access(&signer, dataset, scope, &purpose, expires_at)
				.await?;
			output::receipt(
				context.json(),
				&format!("asked for {scope} on dataset {dataset} until block {expires_at}"),
				&receipt,
			);
		},
		AccessCommand::Cancel { dataset } => {
			let (chain, signer) = context.signed().await?;
			let receipt = DataUser::new(chain)
				.waiting_for(context.wait())
				.cancel_request(&signer, dataset)
				.await?;
			output::receipt(
				context.json(),
				&format!("request on dataset {dataset} withdrawn"),
				&receipt,
			);
		},
		AccessCommand::Approve { dataset, user, scope, expiry } => {
			let user = keys::parse_account(&user)?;
			let (chain, signer) = context.signed().await?;
			let expires_at = expiry_block(&chain, expiry).await?;
			let owner = DatasetOwner::new(chain, signer).waiting_for(context.wait());
			let issued = owner.approve_request(dataset, &user, scope, expires_at).await?;
			granted(context, &issued);
		},
		AccessCommand::Reject { dataset, user, reason } => {
			let user = keys::parse_account(&user)?;
			let receipt = owner(context).await?.reject_request(dataset, &user, &reason).await?;
			output::receipt(
				context.json(),
				&format!("request of {user} on dataset {dataset} rejected"),
				&receipt,
			);
		},
		AccessCommand::Grant { dataset, user, scope, purpose, expiry } => {
			let user = keys::parse_account(&user)?;
			let (chain, signer) = context.signed().await?;
			let expires_at = expiry_block(&chain, expiry).await?;
			let owner = DatasetOwner::new(chain, signer).waiting_for(context.wait());
			let issued = owner.grant_access(dataset, &user, scope, &purpose, expires_at).await?;
			granted(context, &issued);
		},
		AccessCommand::Revoke { dataset, user } => {
			let user = keys::parse_account(&user)?;
			let receipt = owner(context).await?.revoke_access(dataset, &user).await?;
			output::receipt(
				context.json(),
				&format!("grant of {user} on dataset {dataset} revoked"),
				&receipt,
			);
		},
		AccessCommand::Check { on } => {
			let user = on.user_or(|| context.signer())?;
			let (scope, target) = (on.scope, on.target());
			let decision =
				DataUser::new(context.connect().await?).may_access(&user, scope, target).await?;
			output::emit(context.json(), &decision, |d| {
				let answer = match &d.answer {
					AccessAnswer::Allowed(basis) => format!("allowed: {basis:?}"),
					AccessAnswer::Denied(denial) => format!("refused: {denial}"),
				};
				output::fields(&[
					("user", d.user.to_string()),
					("scope", d.scope.to_string()),
					("target", format!("{:?}", d.target)),
					("at block", d.block.to_string()),
					("answer", answer),
				])
			});
			return Ok(if decision.is_allowed() { exit::OK } else { exit::REFUSED });
		},
		AccessCommand::Receipt { on, delivered } => {
			let delivered = parse_digest(&delivered)?;
			let (chain, signer) = context.signed().await?;
			let user = on.user_or(|| Ok(signer.clone()))?;
			let recorded = DataUser::new(chain)
				.waiting_for(context.wait())
				.record_receipt(&signer, on.target(), &user, on.scope, delivered)
				.await?;
			output::emit(context.json(), &recorded, |r| {
				output::fields(&[
					("receipt", r.id.to_string()),
					("grantee", user.to_string()),
					("block", output::block(&r.receipt)),
				])
			});
		},
		AccessCommand::Receipts { dataset, user, from, to } => {
			let of = match (dataset, user) {
				(Some(dataset), _) => ReceiptsOf::Dataset(dataset),
				(None, Some(user)) => ReceiptsOf::User(keys::parse_account(&user)?),
				(None, None) => unreachable!("clap requires --dataset or --user"),
			};
			let receipts = DataUser::new(context.connect().await?).receipts(of, from, to).await?;
			output::emit(context.json(), &receipts, |receipts| {
				let mut table = output::table(&[
					"id",
					"target",
					"grantee",
					"scope",
					"delivered",
					"served by",
					"block",
				]);
				for r in receipts {
					table.add_row(vec![
						r.id.to_string(),
						format!("{:?}", r.target),
						r.grantee.to_string(),
						r.scope.to_string(),
						r.delivered.clone(),
						r.served_by.to_string(),
						r.at.to_string(),
					]);
				}
				table
			});
		},
	}
	Ok(exit::OK)
}

/// A 32-byte digest written in hex, with or without `0x`.
fn parse_digest(text: &str) -> Result<[u8; 32]> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| Error::Input(format!("--delivered is not hex: {e}")))?;
	bytes.try_into().map_err(|_| Error::Input("--delivered must be 32 bytes".into()))
}

/// The signer as a dataset owner.
async fn owner(context: &Context) -> Result<DatasetOwner> {
	let (chain, signer) = context.signed().await?;
	Ok(DatasetOwner::new(chain, signer).waiting_for(context.wait()))
}

/// The block an `--expires-at` / `--blocks` pair names.
async fn expiry_block(chain: &Chain, expiry: ExpiryArg) -> Result<u32> {
	match (expiry.expires_at, expiry.blocks) {
		(Some(block), _) => Ok(block),
		(None, Some(blocks)) => {
			let now = chain.at_finalized().await?.block_number();
			let now = u32::try_from(now).unwrap_or(u32::MAX);
			Ok(now.saturating_add(blocks))
		},
		(None, None) => unreachable!("clap requires one of --expires-at and --blocks"),
	}
}

fn granted(context: &Context, issued: &GrantIssued) {
	output::emit(context.json(), issued, |g| {
		output::fields(&[
			("dataset", g.dataset.to_string()),
			("user", g.user.to_string()),
			("scope", g.scope.to_string()),
			("expires at", format!("block {}", g.expires_at)),
			("block", output::block(&g.receipt)),
		])
	});
}

fn joined(ids: &[u32]) -> String {
	if ids.is_empty() {
		return "-".into();
	}
	ids.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

fn show(d: &Dataset) -> Table {
	let owners = d
		.owners
		.iter()
		.map(|o| format!("{} (block {})", o.owner, o.since))
		.collect::<Vec<_>>()
		.join("\n");
	output::fields(&[
		("dataset", d.id.to_string()),
		("title", d.title.clone()),
		("description", d.description.clone()),
		("owner", d.owner.to_string()),
		("owners so far", owners),
		("format", d.format.to_string()),
		("visibility", d.visibility.to_string()),
		("sources", joined(&d.sources)),
		("derived from", joined(&d.derived_from)),
		("created at", format!("block {}", d.created_at)),
		("derived datasets", d.derivatives.to_string()),
		("grants", d.grants.to_string()),
		("requests", d.requests.to_string()),
		("deposit", output::dmc(d.deposit)),
	])
}

fn list(datasets: &[Dataset]) -> Table {
	let mut table =
		output::table(&["dataset", "title", "owner", "visibility", "format", "sources"]);
	for d in datasets {
		table.add_row(vec![
			d.id.to_string(),
			d.title.clone(),
			d.owner.to_string(),
			d.visibility.to_string(),
			d.format.to_string(),
			joined(&d.sources),
		]);
	}
	table
}

fn grants_table(grants: &[Grant]) -> Table {
	let mut table =
		output::table(&["user", "scope", "purpose", "granted at", "expires at", "expired"]);
	for g in grants {
		table.add_row(vec![
			g.user.to_string(),
			g.scope.to_string(),
			g.purpose.clone(),
			g.granted_at.to_string(),
			g.expires_at.to_string(),
			g.expired.to_string(),
		]);
	}
	table
}
