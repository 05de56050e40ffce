//! `dmchain bench load`: the load benchmark (issue 12), its table and its targets;
//! `dmchain bench queries`: the registry's query latency against the state as it is.

use super::Context;
use crate::{cli::BenchCommand, exit, output};
use dmchain_client::{
	load::{self, LoadReport, Workload},
	query_latency::{self, QueryLatencyReport},
	Error, Result,
};
use std::path::Path;

/// The product's targets (docs/benchmarks.md): single-record submissions finalized per second,
/// and as a multiple of the transfer rate of the same run.
const SINGLE_RECORDS_PER_SECOND: f64 = 1_500.0;
const SINGLE_OVER_TRANSFERS: f64 = 1.5;
/// Records per second through multi-record calls.
const BATCHED_RECORDS_PER_SECOND: f64 = 10_000.0;
/// Submit-to-finalized p95 at half load, in block times.
const HALF_LOAD_P95_BLOCKS: f64 = 3.0;
/// `registry_record` and `registry_recordsByHash` p99, ms, with a million records in state.
const QUERY_P99_MS: f64 = 2.0;
/// Records in state the query target is stated for.
const QUERY_TARGET_RECORDS: u64 = 1_000_000;

pub async fn run(context: &Context, command: BenchCommand) -> Result<u8> {
	let json = context.json();
	let note = |line: &str| {
		if !json {
			eprintln!("{line}");
		}
	};
	match command {
		BenchCommand::Load { accounts, workloads, transactions, out } => {
			let workloads = workloads
				.iter()
				.map(|text| Workload::parse(text, transactions))
				.collect::<Result<Vec<_>>>()?;
			let (chain, signer) = context.signed().await?;
			let report = load::run(&chain, &signer, accounts, &workloads, note).await?;
			report_out(json, out.as_deref(), &report, table, targets)
		},
		BenchCommand::Queries { samples, seed, out } => {
			let chain = context.connect().await?;
			let report = query_latency::run(&chain, samples, seed, note).await?;
			report_out(json, out.as_deref(), &report, query_table, query_targets)
		},
	}
}

/// Writes `report` to `out` (if given) as JSON, prints it (JSON or the table) and, for a person
/// reading, the targets.
fn report_out<R: serde::Serialize>(
	json: bool,
	out: Option<&Path>,
	report: &R,
	to_table: impl FnOnce(&R) -> comfy_table::Table,
	to_targets: impl FnOnce(&R) -> Vec<String>,
) -> Result<u8> {
	if let Some(path) = out {
		write_json(path, report)?;
	}
	output::emit(json, report, to_table);
	if !json {
		for line in to_targets(report) {
			println!("{line}");
		}
	}
	Ok(exit::OK)
}

/// Writes `report` as pretty JSON to `path`.
fn write_json(path: &Path, report: &impl serde::Serialize) -> Result<()> {
	let text = serde_json::to_string_pretty(report)
		.map_err(|e| Error::Input(format!("the report as JSON: {e}")))?;
	std::fs::write(path, text + "\n")
		.map_err(|e| Error::Input(format!("writing the report to {}: {e}", path.display())))
}

/// One row per method.
fn query_table(report: &QueryLatencyReport) -> comfy_table::Table {
	let mut table = output::table(&[
		"method",
		"records in state",
		"requests",
		"p50 ms",
		"p95 ms",
		"p99 ms",
		"max ms",
	]);
	for (method, figures) in [
		("registry_record", &report.record_ms),
		("registry_recordsByHash", &report.records_by_hash_ms),
	] {
		table.add_row(vec![
			method.to_string(),
			report.records.to_string(),
			report.samples.to_string(),
			format!("{:.3}", figures.p50),
			format!("{:.3}", figures.p95),
			format!("{:.3}", figures.p99),
			format!("{:.3}", figures.max),
		]);
	}
	table
}

/// The query target per method; said to be out of scope when the state holds fewer records
/// than the target is stated for.
fn query_targets(report: &QueryLatencyReport) -> Vec<String> {
	let verdict = |p99: f64| {
		if report.records < QUERY_TARGET_RECORDS {
			format!(
				"(not judged: {} records in state, the target is for {QUERY_TARGET_RECORDS})",
				report.records
			)
		} else if p99 <= QUERY_P99_MS {
			"met".to_string()
		} else {
			"MISSED".to_string()
		}
	};
	[
		("registry_record", report.record_ms.p99),
		("registry_recordsByHash", report.records_by_hash_ms.p99),
	]
	.into_iter()
	.map(|(method, p99)| {
		format!("target {method} p99 <= {QUERY_P99_MS} ms: {p99:.3} ms {}", verdict(p99))
	})
	.collect()
}

/// One row per workload.
fn table(report: &LoadReport) -> comfy_table::Table {
	let mut table = output::table(&[
		"workload",
		"tx",
		"rec/tx",
		"chain tx/s",
		"chain records/s",
		"end-to-end tx/s",
		"in block p50/p95/p99 ms",
		"final p50/p95/p99 ms",
		"refused/failed",
		"blocks",
		"weight mean/max",
		"length mean/max",
		"tx/block max",
	]);
	for w in &report.workloads {
		table.add_row(vec![
			w.workload.clone(),
			format!("{}/{}", w.finalized, w.transactions),
			w.records_per_transaction.to_string(),
			format!("{:.0}", w.chain_transactions_per_second),
			format!("{:.0}", w.chain_records_per_second),
			format!("{:.0}", w.transactions_per_second),
			format!("{:.0}/{:.0}/{:.0}", w.in_block_ms.p50, w.in_block_ms.p95, w.in_block_ms.p99),
			format!(
				"{:.0}/{:.0}/{:.0}",
				w.finalized_ms.p50, w.finalized_ms.p95, w.finalized_ms.p99
			),
			format!("{}/{}", w.rejected, w.failed),
			w.blocks.to_string(),
			format!("{:.0}%/{:.0}%", w.mean_weight_share * 100.0, w.max_weight_share * 100.0),
			format!("{:.0}%/{:.0}%", w.mean_length_share * 100.0, w.max_length_share * 100.0),
			w.max_transactions_per_block.to_string(),
		]);
	}
	table
}

/// Each target the run can speak to, with the figure measured and whether it is met. Rates are
/// read as the chain took them (per second of the chain time the workload's blocks span);
/// latency at half load end to end.
fn targets(report: &LoadReport) -> Vec<String> {
	let find = |name: &str| report.workloads.iter().find(|w| w.workload == name);
	let verdict = |met: bool| if met { "met" } else { "MISSED" };
	let mut lines = Vec::new();
	if let Some(records) = find("records") {
		let rate = records.chain_records_per_second;
		lines.push(format!(
			"target single records finalized >= {SINGLE_RECORDS_PER_SECOND:.0}/s: {rate:.0}/s \
			 ({:.2} of target) {}",
			rate / SINGLE_RECORDS_PER_SECOND,
			verdict(rate >= SINGLE_RECORDS_PER_SECOND)
		));
		if let Some(transfers) = find("transfers").filter(|t| t.chain_transactions_per_second > 0.0)
		{
			let ratio =
				records.chain_transactions_per_second / transfers.chain_transactions_per_second;
			lines.push(format!(
				"target single records >= {SINGLE_OVER_TRANSFERS} x transfers: {ratio:.3} x \
				 ({:.0}/s against {:.0}/s) {}",
				records.chain_transactions_per_second,
				transfers.chain_transactions_per_second,
				verdict(ratio >= SINGLE_OVER_TRANSFERS)
			));
		}
	}
	if let Some(best) = report
		.workloads
		.iter()
		.filter(|w| w.records_per_transaction > 1)
		.max_by(|a, b| a.chain_records_per_second.total_cmp(&b.chain_records_per_second))
	{
		let rate = best.chain_records_per_second;
		lines.push(format!(
			"target batched records >= {BATCHED_RECORDS_PER_SECOND:.0}/s: {rate:.0}/s ({}, {:.2} \
			 of target) {}",
			best.workload,
			rate / BATCHED_RECORDS_PER_SECOND,
			verdict(rate >= BATCHED_RECORDS_PER_SECOND)
		));
	}
	for half in report.workloads.iter().filter(|w| w.workload.ends_with("@50%")) {
		let blocks = half.finalized_ms.p95 / report.block_time_ms.max(1) as f64;
		lines.push(format!(
			"target {} finalized p95 <= {HALF_LOAD_P95_BLOCKS} block times: {:.0} ms = {blocks:.2} \
			 block times {}",
			half.workload,
			half.finalized_ms.p95,
			verdict(blocks <= HALF_LOAD_P95_BLOCKS)
		));
	}
	lines
}
