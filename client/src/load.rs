//! Load generation and measurement against a node (issue 12): how many transactions and records
//! a node takes and finalizes per second, and how long each takes to be in a block and final.
//!
//! A run prepares its accounts first (funded by the funder; for record workloads each account
//! is the device of its own source, registered by the funder and approved by it as operator),
//! then, for each workload in turn, signs every transaction before it starts the clock, hands
//! them to the node at the chosen rate (or as fast as it takes them) and follows the best and
//! the finalized blocks, matching each block's extrinsics to what it submitted. Every workload
//! runs against the same node in the same run, so ratios between them hold on a noisy machine.
//!
//! Workloads: balance transfers (the baseline), single `submit_record` calls, `submit_records`
//! of a chosen size. Each may run at a fixed rate or at a fraction of the rate an earlier
//! workload of the run reached (`records@half`: latency at half load).

use crate::{
	connection::{Chain, DmchainConfig},
	content::{ContentHash, HashAlgorithm},
	error::{Error, Result},
	keys::{self, account_of, AccountId, Keypair},
	records::RecordDraft,
	runtime::api::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
	sources::SourceId,
};
use futures::{stream::FuturesUnordered, StreamExt};
use serde::Serialize;
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};
use subxt::{config::PolkadotExtrinsicParamsBuilder, ext::codec::Encode, utils::H256};

/// What each transaction of a workload does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// A balance transfer of one unit to the next load account: the baseline.
	Transfers,
	/// One `submit_record` call: one record without metadata.
	Records,
	/// One `submit_records` call of this many records without metadata.
	Batches(u32),
}

impl Kind {
	/// How many records one transaction anchors.
	pub fn records_per_transaction(&self) -> u32 {
		match self {
			Self::Transfers => 0,
			Self::Records => 1,
			Self::Batches(n) => *n,
		}
	}

	/// The workload's name: `transfers`, `records`, `batch:N`.
	pub fn name(&self) -> String {
		match self {
			Self::Transfers => "transfers".into(),
			Self::Records => "records".into(),
			Self::Batches(n) => format!("batch:{n}"),
		}
	}
}

/// How fast a workload's transactions are handed to the node.
#[derive(Clone, Debug, PartialEq)]
pub enum Rate {
	/// As fast as the node takes them.
	Max,
	/// This many transactions per second.
	PerSecond(f64),
	/// This fraction of the rate the chain took in an earlier workload of the run.
	FractionOf(String, f64),
}

/// One workload of a run: what, how many transactions and how fast.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
	/// What each transaction does.
	pub kind: Kind,
	/// How many transactions.
	pub transactions: u32,
	/// How fast.
	pub rate: Rate,
}

impl Workload {
	/// Reads a workload as the command line writes it: `KIND[@RATE][xCOUNT]`, where KIND is
	/// `transfers`, `records` or `batch:N`, RATE is transactions per second, `max` or `half`
	/// (half the finalized rate the same kind reached earlier in the run), and COUNT the number
	/// of transactions (`default_count` when absent). Examples: `transfers`, `batch:1000x40`,
	/// `records@halfx3000`, `records@500`.
	pub fn parse(text: &str, default_count: u32) -> Result<Self> {
		let bad = |why: &str| Error::Input(format!("workload `{text}`: {why}"));
		let (head, count) = match text.rsplit_once('x') {
			Some((head, count))
				if count.chars().all(|c| c.is_ascii_digit()) && !count.is_empty() =>
			{
				(head, count.parse::<u32>().map_err(|_| bad("the count is too large"))?)
			},
			_ => (text, default_count),
		};
		let (kind, rate) = head.split_once('@').unwrap_or((head, "max"));
		let kind = match kind {
			"transfers" => Kind::Transfers,
			"records" => Kind::Records,
			other => match other.strip_prefix("batch:") {
				Some(n) => Kind::Batches(
					n.parse().ok().filter(|n| *n > 0).ok_or_else(|| bad("batch:N needs N > 0"))?,
				),
				None => return Err(bad("the kind is transfers, records or batch:N")),
			},
		};
		let rate = match rate {
			"max" => Rate::Max,
			"half" => Rate::FractionOf(kind.name(), 0.5),
			number => Rate::PerSecond(
				number
					.parse::<f64>()
					.ok()
					.filter(|r| r.is_finite() && *r > 0.0)
					.ok_or_else(|| bad("the rate is max, half or transactions per second"))?,
			),
		};
		if count == 0 {
			return Err(bad("the count must be above 0"));
		}
		Ok(Self { kind, transactions: count, rate })
	}

	/// The workload's label in reports: its kind and, when not at full speed, its rate.
	pub fn label(&self) -> String {
		match &self.rate {
			Rate::Max => self.kind.name(),
			Rate::PerSecond(rate) => format!("{}@{rate}/s", self.kind.name()),
			Rate::FractionOf(_, fraction) => format!("{}@{}%", self.kind.name(), fraction * 100.0),
		}
	}
}

/// Milliseconds at the 50th, 95th and 99th percentile and the largest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Percentiles {
	/// Half the values are at most this.
	pub p50: f64,
	/// 95 % of the values are at most this.
	pub p95: f64,
	/// 99 % of the values are at most this.
	pub p99: f64,
	/// The largest value.
	pub max: f64,
}

impl Percentiles {
	/// The percentiles of `values` (nearest rank); all zero for none.
	pub fn of(mut values: Vec<f64>) -> Self {
		if values.is_empty() {
			return Self::default();
		}
		values.sort_by(f64::total_cmp);
		let rank = |p: f64| {
			let index = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1;
			values[index]
		};
		Self { p50: rank(0.50), p95: rank(0.95), p99: rank(0.99), max: values[values.len() - 1] }
	}
}

/// What one workload did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadReport {
	/// The workload's label.
	pub workload: String,
	/// The transactions signed.
	pub transactions: u32,
	/// Records per transaction.
	pub records_per_transaction: u32,
	/// The rate asked for, transactions per second (`None`: as fast as the node takes them).
	pub target_rate: Option<f64>,
	/// Transactions the pool refused.
	pub rejected: u32,
	/// Transactions found in finalized blocks that did what they were sent for.
	pub finalized: u32,
	/// Transactions found in finalized blocks whose call failed (`System.ExtrinsicFailed`):
	/// counted in no rate.
	pub failed: u32,
	/// Seconds from the first submission to the last finalization.
	pub seconds: f64,
	/// Finalized transactions per second, end to end: from the first submission to the last
	/// finalization (one finality delay included, so a short run understates the rate).
	pub transactions_per_second: f64,
	/// Finalized records per second, end to end.
	pub records_per_second: f64,
	/// The first and the last block that held the workload's transactions.
	pub first_block: u64,
	/// See `first_block`.
	pub last_block: u64,
	/// What the chain took: the workload's transactions per second of the chain time its
	/// blocks span (`last_block - first_block + 1` block times). The targets are read on this.
	pub chain_transactions_per_second: f64,
	/// The same in records.
	pub chain_records_per_second: f64,
	/// Submission to the first best block that held it, ms.
	pub in_block_ms: Percentiles,
	/// Submission to the finalized block that holds it, ms.
	pub finalized_ms: Percentiles,
	/// Blocks that held the workload's transactions.
	pub blocks: u32,
	/// Of those blocks, the mean and the highest share of the normal weight limit used.
	pub mean_weight_share: f64,
	/// The highest share of the normal weight limit a block used.
	pub max_weight_share: f64,
	/// The mean and the highest share of the normal length limit used.
	pub mean_length_share: f64,
	/// The highest share of the normal length limit a block used.
	pub max_length_share: f64,
	/// The most of the workload's transactions one block held.
	pub max_transactions_per_block: u32,
	/// Why the pool refused transactions, with how many each (the first few kinds).
	pub rejections: Vec<(String, u32)>,
}

/// What a run did: one report per workload, and the chain's limits the shares refer to.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
	/// The node's address.
	pub url: String,
	/// Load accounts (each with its own source for record workloads).
	pub accounts: u32,
	/// The chain's block time, ms (Aura's slot duration).
	pub block_time_ms: u64,
	/// The normal dispatch class's weight limit per block (ref time, ps).
	pub normal_weight_limit: u64,
	/// The normal dispatch class's length limit per block, bytes.
	pub normal_length_limit: u32,
	/// Per workload, in the order run.
	pub workloads: Vec<WorkloadReport>,
}

/// A load account: its key, next nonce, and for record workloads its source and next sequence.
struct LoadAccount {
	pair: Keypair,
	account: AccountId,
	nonce: u64,
	source: Option<SourceId>,
	sequence: u64,
}

/// A transaction signed before the clock starts.
struct Signed {
	hash: H256,
	bytes: Vec<u8>,
}

/// When a submitted transaction was handed over, put in a best block and finalized.
#[derive(Default)]
struct Track {
	submitted: Option<Instant>,
	in_block: Option<Instant>,
	finalized: Option<Instant>,
	failed: bool,
}

/// Runs the load: prepares `accounts` load accounts funded (and, for record workloads,
/// given a source each) by `funder`, who must be an operator of the chain to approve the
/// sources, then runs each workload in turn. `note` hears a line of progress now and then.
pub async fn run(
	chain: &Chain,
	funder: &Keypair,
	accounts: u32,
	workloads: &[Workload],
	mut note: impl FnMut(&str),
) -> Result<LoadReport> {
	if accounts == 0 {
		return Err(Error::Input("the load needs at least one account".into()));
	}
	let at = chain.at_finalized().await?;
	let weights = at.constants().entry(api::constants().system().block_weights())?;
	let length = at.constants().entry(api::constants().system().block_length())?;
	let block_time_ms = at.constants().entry(api::constants().aura().slot_duration())?;
	let normal_weight_limit = weights
		.per_class
		.normal
		.max_total
		.map_or(weights.max_block.ref_time, |weight| weight.ref_time);
	let normal_length_limit = length.max.normal;
	let needs_sources = workloads.iter().any(|w| w.kind != Kind::Transfers);
	note(&format!(
		"load: preparing {accounts} accounts{}",
		if needs_sources { " and sources" } else { "" }
	));
	let mut load_accounts = prepare(chain, funder, accounts, needs_sources).await?;
	let mut reports: Vec<WorkloadReport> = Vec::new();
	for workload in workloads {
		let rate = match &workload.rate {
			Rate::Max => None,
			Rate::PerSecond(rate) => Some(*rate),
			Rate::FractionOf(kind, fraction) => {
				let earlier =
					reports.iter().rev().find(|r| r.workload == *kind).ok_or_else(|| {
						Error::Input(format!(
							"workload {}: no earlier full-speed `{kind}` run to take a fraction of",
							workload.label()
						))
					})?;
				Some((earlier.chain_transactions_per_second * fraction).max(1.0))
			},
		};
		note(&format!(
			"load: {} — signing {} transactions",
			workload.label(),
			workload.transactions
		));
		let signed = sign(chain, &mut load_accounts, workload).await?;
		note(&format!("load: {} — submitting", workload.label()));
		let mut report =
			measure(chain, signed, rate, normal_weight_limit, normal_length_limit).await?;
		report.workload = workload.label();
		report.transactions = workload.transactions;
		report.records_per_transaction = workload.kind.records_per_transaction();
		report.records_per_second =
			report.transactions_per_second * f64::from(report.records_per_transaction);
		let span = report.last_block.saturating_sub(report.first_block) + 1;
		report.chain_transactions_per_second = if report.finalized > 0 {
			f64::from(report.finalized) * 1000.0 / (span * block_time_ms.max(1)) as f64
		} else {
			0.0
		};
		report.chain_records_per_second =
			report.chain_transactions_per_second * f64::from(report.records_per_transaction);
		note(&format!(
			"load: {} — {} of {} finalized in blocks {}..={}: {:.0} tx/s of chain time ({:.0} \
			 end to end), {:.0} records/s",
			report.workload,
			report.finalized,
			report.transactions,
			report.first_block,
			report.last_block,
			report.chain_transactions_per_second,
			report.transactions_per_second,
			report.chain_records_per_second
		));
		reports.push(report);
	}
	Ok(LoadReport {
		url: chain.url().to_string(),
		accounts,
		block_time_ms,
		normal_weight_limit,
		normal_length_limit,
		workloads: reports,
	})
}

/// The load accounts: derived from a fixed phrase path (`//dmchain-load//N`), each funded by
/// `funder` with 1,000 DMC; with `sources`, each the device of a source of the open format 0
/// that `funder` registers and approves. The set-up transactions are signed ahead and followed
/// like a workload's; everything is finalized, and each source checked, before this returns.
async fn prepare(
	chain: &Chain,
	funder: &Keypair,
	count: u32,
	sources: bool,
) -> Result<Vec<LoadAccount>> {
	let mut accounts = Vec::with_capacity(count as usize);
	for i in 0..count {
		let pair = keys::from_suri(&format!("//dmchain-load//{i}"))?;
		let account = account_of(&pair);
		accounts.push(LoadAccount { pair, account, nonce: 0, source: None, sequence: 1 });
	}
	let amount: u128 = 1_000 * 10u128.pow(crate::wallet::DECIMALS);
	let mut nonce = chain.next_nonce(&account_of(funder)).await?;
	let at = at_finalized(chain).await?;
	let first_source: SourceId =
		at.storage().fetch(api::storage().data_registry().next_source_id(), ()).await?.decode()?;
	let mut setup = Vec::new();
	for account in &accounts {
		let call = api::tx().balances().transfer_keep_alive(account.account.clone().into(), amount);
		setup.push(sign_offline(&at, &call, funder, nonce)?);
		nonce += 1;
	}
	if sources {
		for account in &accounts {
			let call = api::tx().data_registry().register_source(
				account.account.clone(),
				0,
				BoundedVec(b"dmchain-load".to_vec()),
				None,
			);
			setup.push(sign_offline(&at, &call, funder, nonce)?);
			nonce += 1;
		}
	}
	settle(chain, setup, "funding and registering the load accounts").await?;
	if sources {
		let at = at_finalized(chain).await?;
		let mut approvals = Vec::new();
		for (i, account) in accounts.iter_mut().enumerate() {
			// The funder's registrations were included in nonce order: consecutive ids.
			let source = first_source + i as SourceId;
			let registered = crate::DataUser::new(chain.clone()).source(source).await?;
			if registered.is_none_or(|found| found.device != account.account) {
				return Err(Error::NotFound(format!(
					"load source {source} for {} (another registration came in between?)",
					account.account
				)));
			}
			account.source = Some(source);
			let call = api::tx().operator_config().approve_source(source);
			approvals.push(sign_offline(&at, &call, funder, nonce)?);
			nonce += 1;
		}
		settle(chain, approvals, "approving the load sources").await?;
	}
	for account in &mut accounts {
		account.nonce = chain.next_nonce(&account.account).await?;
	}
	Ok(accounts)
}

/// Hands `signed` to the node and waits until every one is finalized.
async fn settle(chain: &Chain, signed: Vec<Signed>, what: &str) -> Result<()> {
	let count = signed.len() as u32;
	let report = measure(chain, signed, None, 1, 1).await?;
	if report.finalized != count {
		return Err(Error::Rejected(format!(
			"{what}: {} of {count} transactions finalized and done ({} failed, {} refused: {:?})",
			report.finalized, report.failed, report.rejected, report.rejections
		)));
	}
	Ok(())
}

/// The client at the latest finalized block, asked again once if the node has not got the
/// block's header to hand yet (seen right after a node starts).
async fn at_finalized(chain: &Chain) -> Result<subxt::client::OnlineClientAtBlock<DmchainConfig>> {
	match chain.at_finalized().await {
		Ok(at) => Ok(at),
		Err(_) => chain.at_finalized().await,
	}
}

/// `call` signed by `signer` with `nonce`, immortal, for submission later.
fn sign_offline<Call: subxt::transactions::Payload>(
	at: &subxt::client::OnlineClientAtBlock<DmchainConfig>,
	call: &Call,
	signer: &Keypair,
	nonce: u64,
) -> Result<Signed> {
	let params = PolkadotExtrinsicParamsBuilder::<DmchainConfig>::new().nonce(nonce).build();
	let transaction = at.tx().create_signable_offline(call, params)?.sign(signer)?;
	Ok(Signed { hash: transaction.hash(), bytes: transaction.into_encoded() })
}

/// Signs every transaction of `workload`, the accounts taking turns, each with its next nonce
/// and (for records) its next sequence numbers. Immortal, so that signing ahead costs nothing.
async fn sign(
	chain: &Chain,
	accounts: &mut [LoadAccount],
	workload: &Workload,
) -> Result<Vec<Signed>> {
	let at = at_finalized(chain).await?;
	let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
	let count = accounts.len();
	let mut signed = Vec::with_capacity(workload.transactions as usize);
	for t in 0..workload.transactions as usize {
		let receiver = accounts[(t + 1) % count].account.clone();
		let account = &mut accounts[t % count];
		let drafts = |n: u32, account: &mut LoadAccount| -> Vec<_> {
			(0..n)
				.map(|_| {
					let sequence = account.sequence;
					account.sequence += 1;
					let payload = (account.account.0, sequence).encode();
					let content = ContentHash::of_bytes(HashAlgorithm::Blake2b256, &payload);
					RecordDraft::new(content, sequence, now).into_input()
				})
				.collect()
		};
		let source = || account.source.ok_or_else(|| Error::Input("no load source".into()));
		let transaction = match workload.kind {
			Kind::Transfers => {
				let call = api::tx().balances().transfer_keep_alive(receiver.into(), 1);
				sign_offline(&at, &call, &account.pair, account.nonce)?
			},
			Kind::Records => {
				let source = source()?;
				let input = drafts(1, account).remove(0);
				let call = api::tx().data_registry().submit_record(source, input);
				sign_offline(&at, &call, &account.pair, account.nonce)?
			},
			Kind::Batches(n) => {
				let source = source()?;
				let inputs = drafts(n, account);
				let call = api::tx().data_registry().submit_records(source, BoundedVec(inputs));
				sign_offline(&at, &call, &account.pair, account.nonce)?
			},
		};
		account.nonce += 1;
		signed.push(transaction);
	}
	Ok(signed)
}

/// How many submissions may wait for the node's answer at once.
const IN_FLIGHT: usize = 64;

/// How long to wait, once everything is submitted, for another of the workload's transactions
/// to be finalized before giving up on the rest.
const DRAIN: Duration = Duration::from_secs(60);

/// Hands `signed` to the node at `rate` (or as fast as it answers) while following the best and
/// finalized blocks; reports when every accepted transaction is finalized, or when [`DRAIN`]
/// passed after the last submission without another one finalized.
async fn measure(
	chain: &Chain,
	signed: Vec<Signed>,
	rate: Option<f64>,
	normal_weight_limit: u64,
	normal_length_limit: u32,
) -> Result<WorkloadReport> {
	let rpc = chain.legacy_rpc().clone();
	let mut best = rpc.chain_subscribe_new_heads().await.map_err(subxt::Error::from)?;
	let mut finalized = rpc.chain_subscribe_finalized_heads().await.map_err(subxt::Error::from)?;
	let mut last_finalized = {
		let head = rpc.chain_get_finalized_head().await.map_err(subxt::Error::from)?;
		rpc.chain_get_header(Some(head))
			.await
			.map_err(subxt::Error::from)?
			.map_or(0, |header| header.number)
	};
	let tracks: Arc<Mutex<HashMap<H256, Track>>> =
		Arc::new(Mutex::new(signed.iter().map(|s| (s.hash, Track::default())).collect()));
	let rejections: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
	let total = signed.len();
	let started = Instant::now();
	let submitter = {
		let rpc = rpc.clone();
		let tracks = tracks.clone();
		let rejections = rejections.clone();
		tokio::spawn(async move {
			let mut in_flight = FuturesUnordered::new();
			for (position, tx) in signed.into_iter().enumerate() {
				if let Some(rate) = rate {
					let due = started + Duration::from_secs_f64(position as f64 / rate);
					tokio::time::sleep_until(due.into()).await;
				}
				while in_flight.len() >= IN_FLIGHT {
					in_flight.next().await;
				}
				let rpc = rpc.clone();
				let tracks = tracks.clone();
				let rejections = rejections.clone();
				in_flight.push(async move {
					if let Some(track) = tracks.lock().expect("tracks").get_mut(&tx.hash) {
						track.submitted = Some(Instant::now());
					}
					if let Err(error) = rpc.author_submit_extrinsic(&tx.bytes).await {
						tracks.lock().expect("tracks").remove(&tx.hash);
						let mut reasons = rejections.lock().expect("rejections");
						let reason = error.to_string();
						let reason: String = reason.chars().take(80).collect();
						*reasons.entry(reason).or_default() += 1;
					}
				});
			}
			while in_flight.next().await.is_some() {}
		})
	};
	let mut submitted_all: Option<Instant> = None;
	// The last time one of the workload's transactions was finalized (or all were submitted).
	let mut progress = Instant::now();
	// Per finalized block holding the workload's transactions: number, how many, weight and
	// length shares.
	let mut block_stats: Vec<(u64, u32, f64, f64)> = Vec::new();
	let mut submitter = Some(submitter);
	loop {
		let done = {
			let tracks = tracks.lock().expect("tracks");
			submitted_all.is_some() && tracks.values().all(|t| t.finalized.is_some())
		};
		if done {
			break;
		}
		if submitted_all.is_some() && progress.elapsed() > DRAIN {
			break;
		}
		tokio::select! {
			finished = async { submitter.as_mut().expect("running").await }, if submitter.is_some() => {
				submitter = None;
				finished.map_err(|e| Error::Input(format!("the submitter failed: {e}")))?;
				submitted_all = Some(Instant::now());
				progress = Instant::now();
			},
			head = best.next() => {
				let Some(head) = head else { break };
				let header = head.map_err(subxt::Error::from)?;
				let hash = header_hash(&header);
				mark(chain, hash, &tracks, |t, now| {
					t.in_block.get_or_insert(now);
				})
				.await?;
			},
			head = finalized.next() => {
				let Some(head) = head else { break };
				let header = head.map_err(subxt::Error::from)?;
				// GRANDPA may finalize several blocks at once: walk every one.
				let mut hashes = vec![(header_hash(&header), header.number)];
				let mut parent = header.parent_hash;
				let mut number = header.number;
				while number > last_finalized + 1 {
					let Some(previous) =
						rpc.chain_get_header(Some(parent)).await.map_err(subxt::Error::from)?
					else {
						break;
					};
					hashes.push((parent, previous.number));
					parent = previous.parent_hash;
					number = previous.number;
				}
				last_finalized = last_finalized.max(header.number);
				for (hash, number) in hashes.into_iter().rev() {
					let (ours, length, hashes) = mark(chain, hash, &tracks, |t, now| {
						t.in_block.get_or_insert(now);
						t.finalized.get_or_insert(now);
					}).await?;
					if ours > 0 {
						progress = Instant::now();
						mark_failures(chain, hash, &hashes, &tracks).await?;
						let weight = block_weight(chain, hash).await?;
						block_stats.push((
							number,
							ours,
							weight as f64 / normal_weight_limit.max(1) as f64,
							length as f64 / f64::from(normal_length_limit.max(1)),
						));
					}
				}
			},
		}
	}
	if let Some(submitter) = submitter {
		submitter.abort();
	}
	let tracks = tracks.lock().expect("tracks");
	let mut in_block = Vec::new();
	let mut final_latency = Vec::new();
	let mut last_final: Option<Instant> = None;
	let mut first_submit: Option<Instant> = None;
	let mut failed = 0u32;
	for track in tracks.values() {
		let Some(submitted) = track.submitted else { continue };
		first_submit = Some(first_submit.map_or(submitted, |f| f.min(submitted)));
		if let Some(at) = track.in_block {
			in_block.push(at.saturating_duration_since(submitted).as_secs_f64() * 1000.0);
		}
		if track.failed {
			failed += 1;
			continue;
		}
		if let Some(at) = track.finalized {
			final_latency.push(at.saturating_duration_since(submitted).as_secs_f64() * 1000.0);
			last_final = Some(last_final.map_or(at, |l| l.max(at)));
		}
	}
	let finalized_count = final_latency.len() as u32;
	let seconds = match (first_submit, last_final) {
		(Some(first), Some(last)) => last.saturating_duration_since(first).as_secs_f64(),
		_ => 0.0,
	};
	let rejections = rejections.lock().expect("rejections");
	let rejected: u32 = rejections.values().sum();
	let mut reasons: Vec<(String, u32)> =
		rejections.iter().map(|(reason, n)| (reason.clone(), *n)).collect();
	reasons.sort_by(|a, b| b.1.cmp(&a.1));
	reasons.truncate(5);
	let blocks = block_stats.len() as u32;
	let mean = |values: &mut dyn Iterator<Item = f64>| {
		let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
		if n == 0 {
			0.0
		} else {
			sum / f64::from(n)
		}
	};
	let max = |values: &mut dyn Iterator<Item = f64>| values.fold(0.0f64, f64::max);
	Ok(WorkloadReport {
		workload: String::new(),
		transactions: total as u32,
		records_per_transaction: 0,
		target_rate: rate,
		rejected,
		finalized: finalized_count,
		failed,
		seconds,
		transactions_per_second: if seconds > 0.0 {
			f64::from(finalized_count) / seconds
		} else {
			0.0
		},
		records_per_second: 0.0,
		in_block_ms: Percentiles::of(in_block),
		finalized_ms: Percentiles::of(final_latency),
		first_block: block_stats.iter().map(|s| s.0).min().unwrap_or(0),
		last_block: block_stats.iter().map(|s| s.0).max().unwrap_or(0),
		chain_transactions_per_second: 0.0,
		chain_records_per_second: 0.0,
		blocks,
		mean_weight_share: mean(&mut block_stats.iter().map(|s| s.2)),
		max_weight_share: max(&mut block_stats.iter().map(|s| s.2)),
		mean_length_share: mean(&mut block_stats.iter().map(|s| s.3)),
		max_length_share: max(&mut block_stats.iter().map(|s| s.3)),
		max_transactions_per_block: block_stats.iter().map(|s| s.1).max().unwrap_or(0),
		rejections: reasons,
	})
}

/// The hash of a block header (BLAKE2b-256 of its encoding).
fn header_hash(header: &<DmchainConfig as subxt::Config>::Header) -> H256 {
	H256(ContentHash::of_bytes(HashAlgorithm::Blake2b256, &header.encode()).digest)
}

/// Stamps `update` on the tracks of the workload's transactions in block `hash`; how many of
/// them it holds and the block's extrinsics' total length.
async fn mark(
	chain: &Chain,
	hash: H256,
	tracks: &Mutex<HashMap<H256, Track>>,
	update: impl Fn(&mut Track, Instant),
) -> Result<(u32, u64, Vec<H256>)> {
	let Some(block) =
		chain.legacy_rpc().chain_get_block(Some(hash)).await.map_err(subxt::Error::from)?
	else {
		return Ok((0, 0, Vec::new()));
	};
	let now = Instant::now();
	let mut ours = 0;
	let mut length = 0u64;
	let mut hashes = Vec::with_capacity(block.block.extrinsics.len());
	let mut tracks = tracks.lock().expect("tracks");
	for extrinsic in &block.block.extrinsics {
		length += extrinsic.0.len() as u64;
		let id = H256(ContentHash::of_bytes(HashAlgorithm::Blake2b256, &extrinsic.0).digest);
		if let Some(track) = tracks.get_mut(&id) {
			update(track, now);
			ours += 1;
		}
		hashes.push(id);
	}
	Ok((ours, length, hashes))
}

/// Marks as failed the workload's transactions in block `hash` (whose extrinsics are
/// `hashes`, in order) that emitted `System.ExtrinsicFailed`.
async fn mark_failures(
	chain: &Chain,
	hash: H256,
	hashes: &[H256],
	tracks: &Mutex<HashMap<H256, Track>>,
) -> Result<()> {
	let at = chain.api().at_block(hash).await?;
	let events = at.events().fetch().await?;
	let mut failed = Vec::new();
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() == "System" && event.event_name() == "ExtrinsicFailed" {
			if let subxt::events::Phase::ApplyExtrinsic(index) = event.phase() {
				failed.extend(hashes.get(index as usize).copied());
			}
		}
	}
	let mut tracks = tracks.lock().expect("tracks");
	for id in failed {
		if let Some(track) = tracks.get_mut(&id) {
			track.failed = true;
		}
	}
	Ok(())
}

/// The normal-class weight (ref time) block `hash` used.
async fn block_weight(chain: &Chain, hash: H256) -> Result<u64> {
	let at = chain.api().at_block(hash).await?;
	let used = at.storage().fetch(api::storage().system().block_weight(), ()).await?.decode()?;
	Ok(used.normal.ref_time)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn workloads_read_as_written() {
		let w = Workload::parse("transfers", 100).unwrap();
		assert_eq!(w, Workload { kind: Kind::Transfers, transactions: 100, rate: Rate::Max });
		let w = Workload::parse("batch:1000x40", 100).unwrap();
		assert_eq!(w, Workload { kind: Kind::Batches(1000), transactions: 40, rate: Rate::Max });
		let w = Workload::parse("records@halfx3000", 100).unwrap();
		assert_eq!(w.rate, Rate::FractionOf("records".into(), 0.5));
		assert_eq!(w.transactions, 3000);
		let w = Workload::parse("records@500", 100).unwrap();
		assert_eq!(w.rate, Rate::PerSecond(500.0));
		assert_eq!(w.label(), "records@500/s");
		for bad in ["", "blocks", "batch:0", "batch:x", "records@-1", "records@fast", "recordsx0"] {
			assert!(Workload::parse(bad, 10).is_err(), "{bad}");
		}
	}

	#[test]
	fn percentiles_by_nearest_rank() {
		let p = Percentiles::of((1..=100).map(f64::from).collect());
		assert_eq!((p.p50, p.p95, p.p99, p.max), (50.0, 95.0, 99.0, 100.0));
		let p = Percentiles::of(vec![7.0]);
		assert_eq!((p.p50, p.p99), (7.0, 7.0));
		assert_eq!(Percentiles::of(Vec::new()), Percentiles::default());
	}
}
