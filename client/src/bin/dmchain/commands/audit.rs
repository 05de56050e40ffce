//! `dmchain audit …`: the supervisor's commands (MON-1..4): anomalies and silences, flags,
//! cases, findings, freezes and record verdicts. Tables for people, JSON with `--json`.

use super::Context;
use crate::{
	cli::{AuditCommand, SubjectArg},
	exit, output,
};
use dmchain_client::{
	Anomaly, Case, CaseFilter, CaseStatus, Error, Flag, Result, Subject, Supervisor,
};

/// Runs one `audit` subcommand.
pub async fn run(context: &Context, command: AuditCommand) -> Result<u8> {
	match command {
		AuditCommand::Anomalies => {
			let found = Supervisor::new(context.connect().await?).anomalies().await?;
			output::emit(context.json(), &found, |found| anomalies(found));
		},
		AuditCommand::Flag { subject, reason, text, evidence } => {
			let supervisor = signing(context).await?;
			let flagged = supervisor.flag(subject.subject(), reason, &text, evidence).await?;
			output::emit(context.json(), &flagged, |f| {
				output::fields(&[
					("flag", f.flag.to_string()),
					("subject", subject.subject().to_string()),
					("block", output::block(&f.receipt)),
				])
			});
		},
		AuditCommand::OpenCase { subject, flags, summary } => {
			let supervisor = signing(context).await?;
			let opened = supervisor.open_case(subject.subject(), &flags, &summary).await?;
			output::emit(context.json(), &opened, |o| {
				output::fields(&[
					("case", o.case.to_string()),
					("block", output::block(&o.receipt)),
				])
			});
		},
		AuditCommand::AddFinding { case, text, evidence } => {
			let receipt = signing(context).await?.add_finding(case, &text, evidence).await?;
			output::receipt(context.json(), &format!("finding added to case {case}"), &receipt);
		},
		AuditCommand::Resolve { case, outcome, reason } => {
			let receipt = signing(context).await?.resolve_case(case, outcome, &reason).await?;
			output::receipt(
				context.json(),
				&format!("case {case} resolved: {outcome:?}"),
				&receipt,
			);
		},
		AuditCommand::Freeze { source, case } => {
			let receipt = signing(context).await?.freeze_source(source, case).await?;
			output::receipt(context.json(), &format!("source {source} frozen"), &receipt);
		},
		AuditCommand::Unfreeze { source } => {
			let receipt = signing(context).await?.unfreeze_source(source).await?;
			output::receipt(context.json(), &format!("source {source} unfrozen"), &receipt);
		},
		AuditCommand::Case { case } => {
			let supervisor = Supervisor::new(context.connect().await?);
			let found = supervisor
				.case(case)
				.await?
				.ok_or_else(|| Error::NotFound(format!("case {case}")))?;
			output::emit(context.json(), &found, case_table);
		},
		AuditCommand::Cases { status, source, record } => {
			let supervisor = Supervisor::new(context.connect().await?);
			let filter = match (source, record) {
				(_, Some(record)) => CaseFilter::Subject(Subject::Record(record)),
				(Some(source), None) => CaseFilter::Subject(Subject::Source(source)),
				(None, None) => CaseFilter::Status(status.unwrap_or(CaseStatus::Open)),
			};
			let mut cases = Vec::new();
			let mut after = None;
			loop {
				let page = supervisor.cases(filter, after, 50).await?;
				cases.extend(page.items);
				match page.next {
					Some(next) => after = Some(next),
					None => break,
				}
			}
			output::emit(context.json(), &cases, |cases| cases_table(cases));
		},
		AuditCommand::Flags { source, record } => {
			let supervisor = Supervisor::new(context.connect().await?);
			let subject = if source.is_none() && record.is_none() {
				None
			} else {
				Some(SubjectArg { source, record }.subject())
			};
			let mut flags = Vec::new();
			let mut after = None;
			loop {
				let page = supervisor.flags(subject, after, 50).await?;
				flags.extend(page.items);
				match page.next {
					Some(next) => after = Some(next),
					None => break,
				}
			}
			output::emit(context.json(), &flags, |flags| flags_table(flags));
		},
		AuditCommand::Report { from, to } => {
			let supervisor = Supervisor::new(context.connect().await?);
			let json = context.json();
			let total = u64::from(to.saturating_sub(from)) + 1;
			let report = supervisor
				.report(
					from,
					to,
					|event| {
						if json {
							output::print_json(event);
						} else {
							println!(
								"block {} #{} {}.{} by {} {}",
								event.block,
								event.index,
								event.pallet,
								event.event,
								event.actor.as_ref().map_or("-".into(), |a| a.to_string()),
								event.fields
							);
						}
					},
					|block| {
						let done = u64::from(block - from) + 1;
						if done % 500 == 0 || done == total {
							eprintln!("read {done} of {total} blocks");
						}
					},
				)
				.await?;
			output::emit(json, &report, |r| {
				let mut table = output::table(&["counted", "what", "events"]);
				for (name, count) in &r.by_event {
					table.add_row(vec!["event".into(), name.clone(), count.to_string()]);
				}
				for (source, count) in &r.by_source {
					table.add_row(vec!["source".into(), source.to_string(), count.to_string()]);
				}
				for (actor, count) in &r.by_actor {
					table.add_row(vec!["actor".into(), actor.clone(), count.to_string()]);
				}
				table.add_row(vec![
					"all".into(),
					format!("blocks {}..={}", r.from, r.to),
					r.events.to_string(),
				]);
				table
			});
		},
		AuditCommand::Verdict { id, hash } => {
			let supervisor = Supervisor::new(context.connect().await?);
			let content = hash.map(|digest| dmchain_client::ContentHash {
				algorithm: dmchain_client::HashAlgorithm::Blake2b256,
				digest,
			});
			let verdict = supervisor.verdict(id, content).await?;
			let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
			output::emit(context.json(), &verdict, |v| {
				let reasons = v.reasons();
				output::fields(&[
					("record", v.record.to_string()),
					("valid", yes_no(v.valid)),
					("why not", if reasons.is_empty() { "-".into() } else { reasons.join("; ") }),
					("anchored", yes_no(v.anchored)),
					("hash matches", v.hash_matches.map_or("-".into(), yes_no)),
					("admitted when anchored", yes_no(v.admitted)),
					("source status", v.source_status.map_or("-".into(), |s| s.to_string())),
					("source frozen", yes_no(v.source_frozen)),
					("superseded by", v.superseded_by.map_or("-".into(), |r| r.to_string())),
				])
			});
			return Ok(if verdict.valid { exit::OK } else { exit::NOT_FOUND });
		},
	}
	Ok(exit::OK)
}

/// A supervisor that signs with the command's key, following its `--wait`.
async fn signing(context: &Context) -> Result<Supervisor> {
	let (chain, signer) = context.signed().await?;
	Ok(Supervisor::signing(chain, signer).waiting_for(context.wait()))
}

fn anomalies(found: &[Anomaly]) -> comfy_table::Table {
	let mut table = output::table(&[
		"source",
		"status",
		"records",
		"sequence gaps (missing)",
		"clock back",
		"clock drift",
		"silent for",
	]);
	for a in found {
		table.add_row(vec![
			a.source.to_string(),
			a.status.to_string(),
			a.record_count.to_string(),
			format!("{} ({})", a.anomalies.sequence_gaps, a.anomalies.missing_sequences),
			a.anomalies.clock_regressions.to_string(),
			a.anomalies.clock_drifts.to_string(),
			a.silent_for.map_or("-".into(), |ms| format!("{} s", ms / 1000)),
		]);
	}
	table
}

fn case_table(case: &Case) -> comfy_table::Table {
	let mut rows = vec![
		("case", case.id.to_string()),
		("subject", case.subject.to_string()),
		("status", format!("{:?}", case.status).to_lowercase()),
		("flags", case.flags.iter().map(u32::to_string).collect::<Vec<_>>().join(",")),
		("summary", case.summary.clone()),
		("opened", format!("block {} by {}", case.opened_at, case.opened_by)),
	];
	for (n, finding) in case.findings.iter().enumerate() {
		rows.push(("finding", format!("{n}: {} (block {})", finding.text, finding.at)));
	}
	if let Some(resolution) = &case.resolution {
		rows.push((
			"resolution",
			format!(
				"{:?} at block {} by {}: {}",
				resolution.outcome, resolution.at, resolution.by, resolution.reason
			),
		));
	}
	output::fields(&rows)
}

fn cases_table(cases: &[Case]) -> comfy_table::Table {
	let mut table = output::table(&["case", "subject", "status", "flags", "findings", "summary"]);
	for case in cases {
		table.add_row(vec![
			case.id.to_string(),
			case.subject.to_string(),
			format!("{:?}", case.status).to_lowercase(),
			case.flags.len().to_string(),
			case.findings.len().to_string(),
			case.summary.clone(),
		]);
	}
	table
}

fn flags_table(flags: &[Flag]) -> comfy_table::Table {
	let mut table = output::table(&["flag", "subject", "reason", "text", "block", "case"]);
	for flag in flags {
		table.add_row(vec![
			flag.id.to_string(),
			flag.subject.to_string(),
			format!("{:?}", flag.reason),
			flag.text.clone(),
			flag.at.to_string(),
			flag.case.map_or("-".into(), |case| case.to_string()),
		]);
	}
	table
}
