//! `dmchain config …`: the configuration as a supervisor audits it (CTL-2, CTL-4, MON-1):
//! parameters in force, their history, the data formats, the validator set and the node
//! authorization list (CTL-5). Tables for people, JSON with `--json`.

use super::Context;
use crate::{cli::ConfigCommand, exit, output};
use dmchain_client::{Error, Result, Supervisor};

/// Runs one `config` subcommand.
pub async fn run(context: &Context, command: ConfigCommand) -> Result<u8> {
	let supervisor = Supervisor::new(context.connect().await?);
	match command {
		ConfigCommand::Parameters => {
			let parameters = supervisor.parameters().await?;
			output::emit(context.json(), &parameters, |p| {
				output::fields(&[
					("max-clock-skew", format!("{} ms", p.max_clock_skew)),
					(
						"rate-limit",
						format!(
							"{} records per {} blocks",
							p.rate_limit.records, p.rate_limit.window
						),
					),
					("max-metadata-bytes", p.max_metadata_bytes.to_string()),
					("default-retention", p.default_retention.to_string()),
				])
			});
		},
		ConfigCommand::History { from, limit } => {
			let entries = supervisor.history(from, limit).await?;
			output::emit(context.json(), &entries, |entries| {
				let mut table =
					output::table(&["#", "block", "time (UTC)", "operator", "old", "new"]);
				for e in entries {
					table.add_row(vec![
						e.index.to_string(),
						e.block.to_string(),
						output::utc_time(e.time),
						e.who.to_string(),
						e.old.to_string(),
						e.new.to_string(),
					]);
				}
				table
			});
		},
		ConfigCommand::Formats => {
			let formats = supervisor.formats().await?;
			output::emit(context.json(), &formats, |formats| {
				let mut table =
					output::table(&["id", "name", "version", "hash", "fields", "open", "status"]);
				for f in formats {
					table.add_row(vec![
						f.id.to_string(),
						f.spec.name.clone(),
						f.spec.version.to_string(),
						f.spec.hash_algorithm.to_string(),
						f.spec.fields.len().to_string(),
						f.spec.open.to_string(),
						f.status.to_string(),
					]);
				}
				table
			});
		},
		ConfigCommand::Format { format } => {
			let found = supervisor
				.format(format)
				.await?
				.ok_or_else(|| Error::NotFound(format!("data format {format}")))?;
			output::emit(context.json(), &found, |f| {
				let mut table = output::table(&["field", "type", "required"]);
				table.add_row(vec![
					format!("{} v{} (#{}, {})", f.spec.name, f.spec.version, f.id, f.status),
					format!(
						"{}, {:?}, ≤ {} bytes{}",
						f.spec.hash_algorithm,
						f.spec.encoding,
						f.spec.max_payload_size,
						if f.spec.open { ", open" } else { "" }
					),
					String::new(),
				]);
				for field in &f.spec.fields {
					table.add_row(vec![
						field.name.clone(),
						field.field_type.to_string(),
						field.required.to_string(),
					]);
				}
				table
			});
		},
		ConfigCommand::Validators => {
			let set = supervisor.validators().await?;
			output::emit(context.json(), &set, |set| {
				let mut table = output::table(&["validator", "this session", "planned"]);
				let mut everyone: Vec<_> = set.active.iter().chain(&set.planned).collect();
				everyone.sort_by_key(|who| who.to_string());
				everyone.dedup();
				for who in everyone {
					table.add_row(vec![
						who.to_string(),
						set.active.contains(who).to_string(),
						set.planned.contains(who).to_string(),
					]);
				}
				table.add_row(vec![
					format!("session {}", set.session),
					String::new(),
					if set.change_pending { "change pending" } else { "" }.to_string(),
				]);
				table
			});
		},
		ConfigCommand::Nodes => {
			let list = supervisor.authorized_nodes().await?;
			output::emit(context.json(), &list, |list| {
				let mut table = output::table(&["peer id", "owner", "authorized by", "block"]);
				for node in &list.nodes {
					table.add_row(vec![
						node.peer_id.to_string(),
						node.owner.to_string(),
						node.authorized_by.as_ref().map_or("genesis".into(), |who| who.to_string()),
						node.authorized_at.to_string(),
					]);
				}
				let state = if list.enforced { "enforced" } else { "not enforced" };
				table.add_row(vec![
					format!("({state})"),
					String::new(),
					String::new(),
					String::new(),
				]);
				table
			});
		},
	}
	Ok(exit::OK)
}
