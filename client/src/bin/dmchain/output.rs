//! What the tool prints: JSON on stdout for `--json`, tables for people otherwise.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use dmchain_client::{Record, Source};
use serde::Serialize;

/// Prints `value` as one line of JSON.
pub fn print_json(value: &impl Serialize) {
	match serde_json::to_string(value) {
		Ok(text) => println!("{text}"),
		Err(e) => eprintln!("error: cannot encode the output as JSON: {e}"),
	}
}

/// A table with the tool's style.
pub fn table(header: &[&str]) -> Table {
	let mut table = Table::new();
	table.load_preset(UTF8_FULL_CONDENSED).set_header(header.to_vec());
	table
}

/// Prints `value` as JSON, or the table `to_table` makes of it.
pub fn emit<T: Serialize>(json: bool, value: &T, to_table: impl FnOnce(&T) -> Table) {
	if json {
		print_json(value);
	} else {
		println!("{}", to_table(value));
	}
}

/// Two-column table of named fields.
pub fn fields(rows: &[(&str, String)]) -> Table {
	let mut table = table(&["field", "value"]);
	for (name, value) in rows {
		table.add_row(vec![name.to_string(), value.clone()]);
	}
	table
}

/// The table of a list of records.
pub fn records(records: &[Record]) -> Table {
	let mut table =
		table(&["id", "sequence", "content", "device time", "chain time", "block", "metadata"]);
	for record in records {
		let metadata: Vec<String> =
			record.metadata.iter().map(|field| format!("{}={}", field.key, field.value)).collect();
		let mut id = record.id.to_string();
		if let Some(by) = record.superseded_by {
			id.push_str(&format!(" (replaced by {by})"));
		}
		table.add_row(vec![
			id,
			record.sequence.to_string(),
			record.content.to_string(),
			record.device_time.to_string(),
			record.chain_time.to_string(),
			record.block.to_string(),
			metadata.join(", "),
		]);
	}
	table
}

/// The table of one source.
pub fn source(source: &Source) -> Table {
	fields(&[
		("id", source.id.to_string()),
		("owner", source.owner.clone()),
		("device", source.device.clone()),
		("format", source.format.clone()),
		("description", source.description.clone()),
		("status", source.status.to_string()),
		("deposit", source.deposit.to_string()),
		("registered at block", source.registered_at.to_string()),
		("records", source.record_count.to_string()),
		("last sequence", source.last_sequence.map_or("-".into(), |s| s.to_string())),
	])
}
