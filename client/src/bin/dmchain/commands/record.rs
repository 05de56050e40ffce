//! `dmchain record …`: anchoring records (as a source's device) and finding, verifying and
//! following them (as a data user).

use super::Context;
use crate::{
	bulk_input,
	cli::{AlgorithmArg, ContentArg, RecordArgs, RecordCommand},
	exit, output,
};
use dmchain_client::{
	data_user::hash_file, records::MetadataField, BulkProgress, Chain, ContentHash, DataSource,
	DataUser, Error, MetadataValue, RecordCursor, RecordDraft, Result,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

/// Runs one `record` subcommand.
pub async fn run(context: &Context, command: RecordCommand) -> Result<u8> {
	match command {
		RecordCommand::Submit(record) => submit(context, record, None).await,
		RecordCommand::Update { replaces, record } => submit(context, record, Some(replaces)).await,
		RecordCommand::Bulk { source, csv, dir, per_call, algorithm } => {
			bulk(context, source, csv, dir, per_call, algorithm).await
		},
		RecordCommand::Verify { content, algorithm } => verify(context, content, algorithm).await,
		RecordCommand::Get { id } => {
			let user = DataUser::new(context.connect().await?);
			let record = user.record(id).await?.ok_or(Error::NotFound(format!("record {id}")))?;
			output::emit(context.json(), &record, |r| output::records(std::slice::from_ref(r)));
			Ok(exit::OK)
		},
		RecordCommand::List { source, from_index, from_sequence, from_time, limit, all } => {
			let cursor = match (from_index, from_sequence, from_time) {
				(_, Some(sequence), _) => RecordCursor::Sequence(sequence),
				(_, _, Some(time)) => RecordCursor::ChainTime(time),
				(index, _, _) => RecordCursor::Index(index.unwrap_or(0)),
			};
			list(context, source, cursor, limit, all).await
		},
		RecordCommand::Watch { source, count } => watch(context, source, count).await,
	}
}

fn now_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |elapsed| elapsed.as_millis() as u64)
}

async fn content_hash(content: &ContentArg, algorithm: &AlgorithmArg) -> Result<ContentHash> {
	match (&content.file, &content.hash) {
		(Some(path), _) => hash_file(path, algorithm.algorithm).await,
		(None, Some(digest)) => Ok(ContentHash {
			algorithm: algorithm.algorithm,
			digest: ContentHash::parse_digest(digest).map_err(Error::Input)?,
		}),
		(None, None) => Err(Error::Input("give --file or --hash".into())),
	}
}

fn metadata(entries: &[String]) -> Result<Vec<MetadataField>> {
	entries
		.iter()
		.map(|entry| {
			let (key, value) = entry
				.split_once('=')
				.ok_or_else(|| Error::Input(format!("--meta `{entry}` is not KEY=VALUE")))?;
			Ok(MetadataField { key: key.to_string(), value: MetadataValue::parse_tagged(value)? })
		})
		.collect()
}

/// The sequence number after the source's last one, read at the best block: a record just
/// submitted with `--wait in-block` is counted before it is final (issue 11: reading at the
/// finalized block reused its number).
async fn next_sequence(chain: &Chain, source: u32) -> Result<u64> {
	let found = DataUser::new(chain.clone()).source_at_best(source).await?;
	match found.last_sequence {
		None => Ok(0),
		Some(last) => last
			.checked_add(1)
			.ok_or_else(|| Error::Input("the source's sequence numbers are used up".into())),
	}
}

async fn submit(context: &Context, record: RecordArgs, replaces: Option<u64>) -> Result<u8> {
	let RecordArgs { content, algorithm, fields } = record;
	let hash = content_hash(&content, &algorithm).await?;
	let signer = context.signer()?;
	let chain = context.connect().await?;
	let sequence = match fields.sequence {
		Some(sequence) => sequence,
		None => next_sequence(&chain, fields.source).await?,
	};
	let draft = RecordDraft {
		content: hash,
		sequence,
		device_time: fields.device_time.unwrap_or_else(now_ms),
		replaces,
		metadata: metadata(&fields.metadata)?,
	};
	let device = DataSource::new(chain, signer).waiting_for(context.wait());
	let anchored = device.submit_record(fields.source, draft).await?;
	output::emit(context.json(), &anchored, |a| {
		output::fields(&[
			("record", a.id.to_string()),
			("content", hash.to_string()),
			("sequence", sequence.to_string()),
			("block", output::block(&a.receipt)),
			("finalized", a.receipt.finalized.to_string()),
		])
	});
	Ok(exit::OK)
}

async fn verify(context: &Context, content: ContentArg, algorithm: AlgorithmArg) -> Result<u8> {
	let hash = content_hash(&content, &algorithm).await?;
	let user = DataUser::new(context.connect().await?);
	let verification = user.verify_hash(hash).await?;
	if context.json() {
		#[derive(Serialize)]
		struct Answer<'a> {
			anchored: bool,
			#[serde(flatten)]
			verification: &'a dmchain_client::Verification,
		}
		output::print_json(&Answer {
			anchored: verification.is_anchored(),
			verification: &verification,
		});
	} else if verification.is_anchored() {
		println!("anchored: {hash}");
		println!("{}", output::records(&verification.records));
	} else {
		println!("NOT anchored: {hash}");
	}
	Ok(if verification.is_anchored() { exit::OK } else { exit::NOT_FOUND })
}

async fn list(
	context: &Context,
	source: u32,
	mut cursor: RecordCursor,
	limit: u32,
	all: bool,
) -> Result<u8> {
	let user = DataUser::new(context.connect().await?);
	let mut records = Vec::new();
	let mut next;
	loop {
		let page = user.list_records(source, cursor, limit).await?;
		records.extend(page.records);
		next = page.next;
		match next {
			Some(index) if all => cursor = RecordCursor::Index(index),
			_ => break,
		}
	}
	let page = dmchain_client::RecordPage { records, next };
	output::emit(context.json(), &page, |p| {
		let mut table = output::records(&p.records);
		if let Some(next) = p.next {
			table.add_row(vec![format!("… more from index {next} (--from-index {next})")]);
		}
		table
	});
	Ok(exit::OK)
}

async fn watch(context: &Context, source: Option<u32>, count: Option<u64>) -> Result<u8> {
	let user = DataUser::new(context.connect().await?);
	let mut follower = user.follow(source).await?;
	let mut seen = 0u64;
	// On standard error, also with --json: the subscription is live once this line appears.
	eprintln!(
		"watching finalized records{} (Ctrl-C to stop)",
		source.map_or(String::new(), |s| format!(" of source {s}"))
	);
	while count.is_none_or(|count| seen < count) {
		let next = tokio::select! {
			next = follower.next() => next,
			_ = tokio::signal::ctrl_c() => break,
		};
		let Some(record) = next else {
			return Err(Error::ConnectionLost("the finalized-block subscription ended".into()));
		};
		let record = record?;
		if context.json() {
			output::print_json(&record);
		} else {
			println!(
				"{}  seq {}  {}  block #{}",
				record.id, record.sequence, record.content, record.block
			);
		}
		seen += 1;
	}
	Ok(exit::OK)
}

/// The outcome of `record bulk`, as `--json` prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BulkSummary {
	source: u32,
	read: usize,
	skipped_already_anchored: usize,
	anchored: u64,
	failed: usize,
	first_index: Option<u64>,
	last_index: Option<u64>,
	transactions: usize,
	errors: Vec<String>,
}

async fn bulk(
	context: &Context,
	source: u32,
	csv: Option<std::path::PathBuf>,
	dir: Option<std::path::PathBuf>,
	per_call: usize,
	algorithm: AlgorithmArg,
) -> Result<u8> {
	let now = now_ms();
	let rows = match (csv, dir) {
		(Some(csv), _) => bulk_input::from_csv(&csv, algorithm.algorithm, now)?,
		(None, Some(dir)) => bulk_input::from_directory(&dir, algorithm.algorithm, now)?,
		(None, None) => return Err(Error::Input("give --csv or --dir".into())),
	};
	let read = rows.len();
	let (chain, signer) = context.signed().await?;
	let user = DataUser::new(chain.clone());
	// Read at the best block, so that records of a run still being finalized count.
	let found = user.source_at_best(source).await?;
	// Rows without sequence numbers: skip every digest this source has anchored already, so
	// that a re-run (after a lost connection, or of the same file) anchors nothing twice. Rows
	// with sequence numbers are skipped by number below.
	let (rows, already) = if rows.iter().all(|row| row.sequence.is_none()) {
		let contents: Vec<_> = rows.iter().map(|row| row.draft.content).collect();
		let anchored = user.anchored_by_source(source, &contents).await?;
		let fresh: Vec<_> =
			rows.into_iter().filter(|row| !anchored.contains(&row.draft.content)).collect();
		let already = read - fresh.len();
		(fresh, already)
	} else {
		(rows, 0)
	};
	let (drafts, skipped) = bulk_input::assign_sequences(rows, found.last_sequence)?;
	let mut summary = BulkSummary {
		source,
		read,
		skipped_already_anchored: skipped + already,
		anchored: 0,
		failed: 0,
		first_index: None,
		last_index: None,
		transactions: 0,
		errors: Vec::new(),
	};
	if !drafts.is_empty() {
		let bar = ProgressBar::new(drafts.len() as u64);
		if context.json() {
			bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
		}
		bar.set_style(
			ProgressStyle::with_template("{bar:40} {pos}/{len} records {msg} [{elapsed}]")
				.unwrap_or_else(|_| ProgressStyle::default_bar()),
		);
		let device = DataSource::new(chain, signer).waiting_for(context.wait());
		let report = device
			.submit_records(source, drafts, per_call, |step: BulkProgress| {
				bar.set_position(step.done);
				bar.set_message(format!(
					"({} in the pool, {} failed)",
					step.submitted - step.done.min(step.submitted),
					step.failed
				));
			})
			.await?;
		bar.finish();
		summary.anchored = report.anchored_count();
		summary.transactions = report.anchored.len();
		summary.first_index = report.anchored.first().map(|(first, _, _)| *first);
		summary.last_index =
			report.anchored.last().map(|(first, count, _)| first + u64::from(*count) - 1);
		summary.failed =
			report.failures.iter().map(|f| f.count).sum::<usize>() + report.not_submitted;
		summary.errors = report
			.failures
			.iter()
			.map(|f| format!("records {}..{}: {}", f.first, f.first + f.count, f.error))
			.collect();
		let first_error = report.failures.into_iter().next().map(|f| f.error);
		print_bulk(context, &summary);
		if let Some(error) = first_error {
			eprintln!("error: {error}");
			return Ok(exit::code_of(&error));
		}
		return Ok(exit::OK);
	}
	print_bulk(context, &summary);
	Ok(exit::OK)
}

fn print_bulk(context: &Context, summary: &BulkSummary) {
	output::emit(context.json(), summary, |s| {
		let range = match (s.first_index, s.last_index) {
			(Some(first), Some(last)) => format!("{}/{first} .. {}/{last}", s.source, s.source),
			_ => "-".into(),
		};
		let mut rows = vec![
			("source", s.source.to_string()),
			("rows read", s.read.to_string()),
			("already anchored (skipped)", s.skipped_already_anchored.to_string()),
			("anchored", s.anchored.to_string()),
			("records", range),
			("transactions", s.transactions.to_string()),
			("failed", s.failed.to_string()),
		];
		rows.extend(s.errors.iter().map(|e| ("error", e.clone())));
		output::fields(&rows)
	});
}
