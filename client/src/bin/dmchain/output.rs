//! What the tool prints: JSON on stdout for `--json`, tables for people otherwise.

use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use dmchain_client::{Receipt, Record, Source};
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

/// Where a transaction landed, as the tables show it: `#number hash`.
pub fn block(receipt: &Receipt) -> String {
	format!("#{} {:?}", receipt.block_number, receipt.block_hash)
}

/// Prints a finished transaction: its receipt as JSON, or what was `done` and where.
pub fn receipt(json: bool, done: &str, receipt: &Receipt) {
	emit(json, receipt, |r| fields(&[("done", done.to_string()), ("block", block(r))]))
}

/// Prints `value` as JSON, or the table `to_table` makes of it.
pub fn emit<T: Serialize>(json: bool, value: &T, to_table: impl FnOnce(&T) -> Table) {
	if json {
		print_json(value);
	} else {
		println!("{}", to_table(value));
	}
}

/// A time in ms since the Unix epoch as `YYYY-MM-DD hh:mm:ss` UTC (the proleptic Gregorian
/// calendar, by Howard Hinnant's days-to-civil algorithm).
pub fn utc_time(ms: u64) -> String {
	let secs = ms / 1000;
	let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
	let z = days + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097);
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	format!(
		"{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
		rest / 3600,
		rest % 3600 / 60,
		rest % 60
	)
}

/// An amount in the chain's smallest unit (10^-12 DMC) as DMC with its decimals, without
/// trailing zeros: `100000000000` is `0.1 DMC`.
pub fn dmc(amount: u128) -> String {
	const DECIMALS: u32 = 12;
	let unit = 10u128.pow(DECIMALS);
	let (whole, fraction) = (amount / unit, amount % unit);
	if fraction == 0 {
		return format!("{whole} DMC");
	}
	let digits = format!("{fraction:0width$}", width = DECIMALS as usize);
	format!("{whole}.{} DMC", digits.trim_end_matches('0'))
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
		if let Some(case) = record.upheld_case {
			id.push_str(&format!(" INVALID (case {case} upheld)"));
		}
		table.add_row(vec![
			id,
			record.sequence.to_string(),
			record.content.to_string(),
			format!("{} UTC", utc_time(record.device_time)),
			format!("{} UTC", utc_time(record.chain_time)),
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
		("owner", source.owner.to_string()),
		("device", source.device.to_string()),
		("format", source.format.to_string()),
		("retention", source.retention.to_string()),
		("description", source.description.clone()),
		("status", source.status.to_string()),
		("holds", source.holds.to_string()),
		("deposit", dmc(source.deposit)),
		("registered at block", source.registered_at.to_string()),
		("records", source.record_count.to_string()),
		("last sequence", source.last_sequence.map_or("-".into(), |s| s.to_string())),
		(
			"expected every",
			source.expected_interval.map_or("-".into(), |ms| format!("{} s", ms / 1000)),
		),
	])
}

#[cfg(test)]
mod tests {
	#[test]
	fn utc_time_reads_the_calendar() {
		assert_eq!(super::utc_time(0), "1970-01-01 00:00:00");
		assert_eq!(super::utc_time(951_782_400_000), "2000-02-29 00:00:00");
		assert_eq!(super::utc_time(1_795_615_200_999), "2026-11-25 14:00:00");
	}

	#[test]
	fn dmc_shows_the_decimals_that_matter() {
		assert_eq!(super::dmc(0), "0 DMC");
		assert_eq!(super::dmc(1_000_000_000_000), "1 DMC");
		assert_eq!(super::dmc(100_000_000_000), "0.1 DMC");
		assert_eq!(super::dmc(1), "0.000000000001 DMC");
		assert_eq!(super::dmc(12_345_000_000_000), "12.345 DMC");
		assert_eq!(super::dmc(u128::MAX), "340282366920938463463374607.431768211455 DMC");
	}
}
