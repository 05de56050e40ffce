//! The data-source actor: an organisation or device that registers sources and anchors their
//! records (REP-1, REP-2, PRC-1, PRC-3; D3.7 8.1 for many records per submission).

use crate::{
	connection::Chain,
	error::{Error, Result},
	formats::FormatId,
	keys::{account_of, AccountId, Keypair},
	records::{RecordDraft, RecordId, RecordIndex},
	runtime::api::{
		self, data_registry::events, runtime_types::bounded_collections::bounded_vec::BoundedVec,
	},
	sources::{SourceId, SourceStatus},
	transaction::{self, Receipt, SignedActor, WaitFor},
};
use futures::{stream::FuturesUnordered, StreamExt};
use serde::Serialize;

/// A registered source.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
	/// The new source's id.
	pub source: SourceId,
	/// The status it starts in (pending approval where operators approve sources).
	pub status: SourceStatus,
	/// The deposit held from the owner.
	pub deposit: u128,
	/// The transaction.
	pub receipt: Receipt,
}

/// A retired (or withdrawn) source.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Retirement {
	/// Whether the source was still waiting for approval and so was withdrawn (its entry is
	/// gone) rather than retired (its entry and records stay).
	pub withdrawn: bool,
	/// The deposit released to the owner by a withdrawal.
	pub released: Option<u128>,
	/// The transaction.
	pub receipt: Receipt,
}

/// An anchored record.
#[derive(Clone, Debug, Serialize)]
pub struct Anchored {
	/// The record's id.
	pub id: RecordId,
	/// The transaction.
	pub receipt: Receipt,
}

/// How far a multi-record submission has come, reported after every step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkProgress {
	/// Records handed to the node's pool.
	pub submitted: u64,
	/// Records included at the awaited stage.
	pub done: u64,
	/// Records refused or lost.
	pub failed: u64,
	/// Records in all.
	pub total: u64,
}

/// One call of a multi-record submission that did not anchor its records.
#[derive(Debug)]
pub struct BulkFailure {
	/// The position (in the submitted list) of the call's first record.
	pub first: usize,
	/// How many records the call carried.
	pub count: usize,
	/// Why it failed.
	pub error: Error,
}

/// The outcome of [`DataSource::submit_records`]: which records were anchored, which not.
#[derive(Debug, Default)]
pub struct BulkReport {
	/// The anchored runs: the source's record index of each call's first record, how many, and
	/// the call's transaction; in submission order.
	pub anchored: Vec<(RecordIndex, u32, Receipt)>,
	/// The calls that failed, in submission order. Their records, and every record after the
	/// first failure that was never submitted, are not on chain.
	pub failures: Vec<BulkFailure>,
	/// Records never submitted because an earlier call was refused by the pool.
	pub not_submitted: usize,
}

impl BulkReport {
	/// How many records were anchored.
	pub fn anchored_count(&self) -> u64 {
		self.anchored.iter().map(|(_, count, _)| u64::from(*count)).sum()
	}
}

/// An account acting as a data source's owner or device.
#[derive(Clone)]
pub struct DataSource {
	actor: SignedActor,
}

impl DataSource {
	/// Acts as `signer` on `chain`, waiting for finality by default.
	pub fn new(chain: Chain, signer: Keypair) -> Self {
		Self { actor: SignedActor::new(chain, signer) }
	}

	/// Sets which stage transactions are followed to.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.waiting_for(wait) }
	}

	/// The signing account.
	pub fn account(&self) -> AccountId {
		account_of(&self.actor.signer)
	}

	/// Registers a source owned by the signer, whose records `device` signs; `format` is its
	/// data-format tag, `description` free bytes. Holds the source deposit (REP-1). The source
	/// has no expected reporting interval: see [`Self::register_source_expecting`].
	pub async fn register_source(
		&self,
		device: &AccountId,
		format: FormatId,
		description: &[u8],
	) -> Result<Registration> {
		self.register_source_expecting(device, format, description, None).await
	}

	/// [`Self::register_source`] for a source expected to report every `interval` ms: the
	/// liveness check lists it as silent once nothing came for longer (MON-3).
	pub async fn register_source_expecting(
		&self,
		device: &AccountId,
		format: FormatId,
		description: &[u8],
		interval: Option<u64>,
	) -> Result<Registration> {
		let call = api::tx().data_registry().register_source(
			device.clone(),
			format,
			BoundedVec(description.to_vec()),
			interval,
		);
		let included = self.actor.submit(&call).await?;
		let event = included.event::<events::SourceRegistered>()?;
		Ok(Registration {
			source: event.source,
			status: event.status.into(),
			deposit: event.deposit,
			receipt: included.receipt(),
		})
	}

	/// Sets how often one of the signer's sources is expected to report, in ms (`None`: no
	/// expectation), for the liveness check (MON-3).
	pub async fn set_expected_interval(
		&self,
		source: SourceId,
		interval: Option<u64>,
	) -> Result<Receipt> {
		let call = api::tx().data_registry().set_expected_interval(source, interval);
		self.actor.submit_expecting::<events::ExpectedIntervalSet, _>(&call).await
	}

	/// Pauses one of the signer's sources (the owner's hold; an operator's suspension or a
	/// supervisor's freeze is separate).
	pub async fn suspend_source(&self, source: SourceId) -> Result<Receipt> {
		let call = api::tx().data_registry().suspend_source(source);
		self.actor.submit_expecting::<events::SourceHeld, _>(&call).await
	}

	/// Lifts the signer's pause of one of its sources; other holds stay.
	pub async fn resume_source(&self, source: SourceId) -> Result<Receipt> {
		let call = api::tx().data_registry().resume_source(source);
		self.actor.submit_expecting::<events::SourceHoldLifted, _>(&call).await
	}

	/// Retires one of the signer's sources for good; one still waiting for approval is
	/// withdrawn instead (its entry goes and the deposit comes back).
	pub async fn retire_source(&self, source: SourceId) -> Result<Retirement> {
		let call = api::tx().data_registry().retire_source(source);
		let included = self.actor.submit(&call).await?;
		let released = match included.event::<events::SourceWithdrawn>() {
			Ok(withdrawn) => Some(withdrawn.deposit),
			Err(_) => {
				included.event::<events::SourceStatusChanged>()?;
				None
			},
		};
		Ok(Retirement { withdrawn: released.is_some(), released, receipt: included.receipt() })
	}

	/// Anchors one record of `source`, signed as its device (REP-2, PRC-1).
	pub async fn submit_record(&self, source: SourceId, draft: RecordDraft) -> Result<Anchored> {
		let call = api::tx().data_registry().submit_record(source, draft.into_input());
		let included = self.actor.submit(&call).await?;
		let event = included.event::<events::RecordAnchored>()?;
		Ok(Anchored { id: event.id.into(), receipt: included.receipt() })
	}

	/// Anchors a new version of the source's record `replaces` (PRC-3); the old one stays.
	pub async fn submit_update(
		&self,
		source: SourceId,
		replaces: RecordIndex,
		draft: RecordDraft,
	) -> Result<Anchored> {
		self.submit_record(source, draft.replacing(replaces)).await
	}

	/// The most records one call may carry on this chain (`MaxRecordsPerCall`).
	pub async fn max_records_per_call(&self) -> Result<u32> {
		let at = self.actor.chain.at_finalized().await?;
		Ok(at.constants().entry(api::constants().data_registry().max_records_per_call())?)
	}

	/// Anchors many records of `source`: `per_call` records a call (at most the chain's limit),
	/// the calls signed with consecutive nonces and in the pool together, then followed until
	/// each reaches the awaited stage. `progress` hears of every step.
	///
	/// Nothing is lost or duplicated: each call carries its own records once; each call is all
	/// or nothing on chain; when the pool refuses a call, no later call is submitted (its nonce
	/// would never become valid), and the report says exactly which records are on chain. The
	/// records' strictly increasing sequence numbers make a re-submission of the same records
	/// fail with `SequenceReplayed` instead of anchoring them twice.
	pub async fn submit_records(
		&self,
		source: SourceId,
		drafts: Vec<RecordDraft>,
		per_call: usize,
		mut progress: impl FnMut(BulkProgress),
	) -> Result<BulkReport> {
		if drafts.is_empty() {
			return Err(Error::Input("no records to submit".into()));
		}
		let limit = self.max_records_per_call().await? as usize;
		let per_call = per_call.clamp(1, limit.max(1));
		let total = drafts.len() as u64;
		let mut state = BulkProgress { submitted: 0, done: 0, failed: 0, total };
		let mut report = BulkReport::default();
		let mut nonce = self.actor.chain.next_nonce(&self.account()).await?;
		let mut pending = Vec::new();
		let mut rest = drafts.into_iter().enumerate().peekable();
		while rest.peek().is_some() {
			let chunk: Vec<(usize, RecordDraft)> = rest.by_ref().take(per_call).collect();
			let first = chunk[0].0;
			let count = chunk.len();
			let inputs = chunk.into_iter().map(|(_, draft)| draft.into_input()).collect();
			let call = api::tx().data_registry().submit_records(source, BoundedVec(inputs));
			match transaction::submit(&self.actor.chain, &call, &self.actor.signer, Some(nonce))
				.await
			{
				Ok(submitted) => {
					nonce += 1;
					state.submitted += count as u64;
					progress(state);
					pending.push((first, count, submitted));
				},
				Err(error) => {
					report.failures.push(BulkFailure { first, count, error });
					report.not_submitted = rest.count();
					state.failed = total - state.submitted;
					progress(state);
					break;
				},
			}
		}
		let mut waiting: FuturesUnordered<_> = pending
			.into_iter()
			.map(|(first, count, submitted)| async move {
				(first, count, submitted.wait(&self.actor.chain, self.actor.wait).await)
			})
			.collect();
		let mut anchored = Vec::new();
		while let Some((first, count, outcome)) = waiting.next().await {
			match outcome.and_then(|included| {
				let event = included.event::<events::RecordsAnchored>()?;
				Ok((event.first, event.count, included.receipt()))
			}) {
				Ok((index, anchored_count, receipt)) => {
					state.done += count as u64;
					anchored.push((first, (index, anchored_count, receipt)));
				},
				Err(error) => {
					state.failed += count as u64;
					report.failures.push(BulkFailure { first, count, error });
				},
			}
			progress(state);
		}
		anchored.sort_by_key(|(first, _)| *first);
		report.anchored = anchored.into_iter().map(|(_, run)| run).collect();
		report.failures.sort_by_key(|failure| failure.first);
		Ok(report)
	}
}
