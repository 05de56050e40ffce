//! The supervisor actor (MON-1..4, CTL-4, CTL-5): audits the chain's configuration — the
//! parameters in force, every change made to them (who, when, old, new), the registered data
//! formats, the validator set and the node authorization list — and the data: sources with
//! time-sequence anomalies or silences, flags, cases and record verdicts. Reads come from the
//! latest finalized block. With a signing key ([`Supervisor::signing`]) a supervisor also
//! flags, opens, investigates and resolves cases and freezes sources.

use crate::{
	audit::{
		Anomaly, AuditEvent, AuditPage, AuditReport, Case, CaseFilter, CaseId, CaseOutcome, Flag,
		FlagId, ReasonCode, Subject, Verdict, DATA_MANAGEMENT_PALLETS,
	},
	connection::{Chain, DmchainConfig},
	content::ContentHash,
	error::{Error, Result},
	formats::{Format, FormatId},
	parameters::{HistoryEntry, Parameters},
	records::RecordId,
	runtime::api,
	runtime::api::{
		runtime_types::bounded_collections::bounded_vec::BoundedVec,
		supervisor_audit::events as audit_events,
	},
	sources::SourceId,
	transaction::{Receipt, SignedActor, WaitFor},
	validators::{AuthorizedNode, NodeAuthorization, PeerId, ValidatorSet},
};
use subxt::{
	client::OnlineClientAtBlock,
	ext::scale_value::{Composite, Value, ValueDef},
};

/// The chain at one block: every read of one answer comes from the same block.
type AtBlock = OnlineClientAtBlock<DmchainConfig>;

/// A flag raised.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Flagged {
	/// The new flag's id.
	pub flag: FlagId,
	/// The transaction.
	pub receipt: Receipt,
}

/// A case opened.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CaseOpened {
	/// The new case's id.
	pub case: CaseId,
	/// The transaction.
	pub receipt: Receipt,
}

/// Reads for an audit, and with a key acts as a supervisor. Any account may read; the
/// supervisor pallet's calls need the supervisor role.
#[derive(Clone)]
pub struct Supervisor {
	chain: Chain,
	actor: Option<SignedActor>,
}

impl Supervisor {
	/// Reads from `chain`; signs nothing.
	pub fn new(chain: Chain) -> Self {
		Self { chain, actor: None }
	}

	/// Reads from `chain` and signs the supervisor's calls with `signer`, following them to
	/// finality.
	pub fn signing(chain: Chain, signer: crate::keys::Keypair) -> Self {
		Self { actor: Some(SignedActor::new(chain.clone(), signer)), chain }
	}

	/// Sets which stage the supervisor's transactions are followed to.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.map(|actor| actor.waiting_for(wait)), ..self }
	}

	fn actor(&self) -> Result<&SignedActor> {
		self.actor.as_ref().ok_or_else(|| {
			Error::Key("a supervisor's call needs a signing key (Supervisor::signing)".into())
		})
	}

	/// Flags `subject` with a reason code, a text and the digest of off-chain evidence (MON-1,
	/// MON-4).
	pub async fn flag(
		&self,
		subject: Subject,
		reason: ReasonCode,
		text: &str,
		evidence: Option<[u8; 32]>,
	) -> Result<Flagged> {
		let call = api::tx().supervisor_audit().flag(
			subject.into(),
			reason.into(),
			BoundedVec(text.as_bytes().to_vec()),
			evidence,
		);
		let included = self.actor()?.submit(&call).await?;
		let event = included.event::<audit_events::Flagged>()?;
		Ok(Flagged { flag: event.flag, receipt: included.receipt() })
	}

	/// Opens a case about `subject` on `flags` (raised about it, none in a case yet).
	pub async fn open_case(
		&self,
		subject: Subject,
		flags: &[FlagId],
		summary: &str,
	) -> Result<CaseOpened> {
		let call = api::tx().supervisor_audit().open_case(
			subject.into(),
			BoundedVec(flags.to_vec()),
			BoundedVec(summary.as_bytes().to_vec()),
		);
		let included = self.actor()?.submit(&call).await?;
		let event = included.event::<audit_events::CaseOpened>()?;
		Ok(CaseOpened { case: event.case, receipt: included.receipt() })
	}

	/// Adds a finding to an open case.
	pub async fn add_finding(
		&self,
		case: CaseId,
		text: &str,
		evidence: Option<[u8; 32]>,
	) -> Result<Receipt> {
		let call = api::tx().supervisor_audit().add_finding(
			case,
			BoundedVec(text.as_bytes().to_vec()),
			evidence,
		);
		self.actor()?.submit_expecting::<audit_events::FindingAdded, _>(&call).await
	}

	/// Resolves an open case; upheld, its subject's records read as invalid everywhere.
	pub async fn resolve_case(
		&self,
		case: CaseId,
		outcome: CaseOutcome,
		reason: &str,
	) -> Result<Receipt> {
		let call = api::tx().supervisor_audit().resolve_case(
			case,
			outcome.into(),
			BoundedVec(reason.as_bytes().to_vec()),
		);
		self.actor()?.submit_expecting::<audit_events::CaseResolved, _>(&call).await
	}

	/// Freezes `source` (the supervisor's hold), optionally for `case`.
	pub async fn freeze_source(&self, source: SourceId, case: Option<CaseId>) -> Result<Receipt> {
		let call = api::tx().supervisor_audit().freeze_source(source, case);
		self.actor()?.submit_expecting::<audit_events::SourceFrozen, _>(&call).await
	}

	/// Lifts the supervisor's freeze of `source`; other holds stay.
	pub async fn unfreeze_source(&self, source: SourceId) -> Result<Receipt> {
		let call = api::tx().supervisor_audit().unfreeze_source(source);
		self.actor()?.submit_expecting::<audit_events::SourceUnfrozen, _>(&call).await
	}

	/// Walks the finalized blocks `from..=to` and hands every data-management event (the
	/// registry's, the operators' and the supervisors', MON-2 / PROC-MONITOR) to `on_event` in
	/// chain order, one block at a time, so a range of any length streams through; `on_block`
	/// hears of each block read (progress). If the node goes away mid-walk (a restart), the walk
	/// reconnects to the same address for up to a minute and goes on from the block it was
	/// reading, so nothing is missed or counted twice. Returns the totals.
	pub async fn report(
		&self,
		from: u32,
		to: u32,
		mut on_event: impl FnMut(&AuditEvent),
		mut on_block: impl FnMut(u32),
	) -> Result<AuditReport> {
		let finalized = self.chain.at_finalized().await?.block_number() as u32;
		if from > to {
			return Err(Error::Input(format!("--from {from} is after --to {to}")));
		}
		if to > finalized {
			return Err(Error::Input(format!(
				"block {to} is not finalized yet (finalized: {finalized})"
			)));
		}
		let mut report = AuditReport { from, to, ..Default::default() };
		let mut chain = self.chain.clone();
		let mut block = from;
		while block <= to {
			match block_events(&chain, block).await {
				Ok(events) => {
					for event in &events {
						report.count(event);
						on_event(event);
					}
					on_block(block);
					block += 1;
				},
				Err(error) if error.is_transport() => {
					chain = reconnect(&chain).await?;
					report.reconnects += 1;
				},
				Err(error) => return Err(error),
			}
		}
		Ok(report)
	}

	/// The flag `id`, if it exists.
	pub async fn flag_by_id(&self, id: FlagId) -> Result<Option<Flag>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().supervisor_audit_api().flag(id);
		Ok(self.chain.query(&at, "a flag", call).await?.map(Into::into))
	}

	/// A page of flags about `subject` (all flags when `None`) after `after`.
	pub async fn flags(
		&self,
		subject: Option<Subject>,
		after: Option<FlagId>,
		limit: u32,
	) -> Result<AuditPage<Flag>> {
		let at = self.chain.at_finalized().await?;
		let call =
			api::runtime_apis().supervisor_audit_api().flags(subject.map(Into::into), after, limit);
		let page = self.chain.query(&at, "the flags", call).await?;
		Ok(AuditPage { items: page.items.into_iter().map(Into::into).collect(), next: page.next })
	}

	/// The case `id` with its findings, if it exists.
	pub async fn case(&self, id: CaseId) -> Result<Option<Case>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().supervisor_audit_api().case(id);
		Ok(self.chain.query(&at, "a case", call).await?.map(Into::into))
	}

	/// A page of the cases `filter` selects, after `after`.
	pub async fn cases(
		&self,
		filter: CaseFilter,
		after: Option<CaseId>,
		limit: u32,
	) -> Result<AuditPage<Case>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().supervisor_audit_api().cases(filter.into(), after, limit);
		let page = self.chain.query(&at, "the cases", call).await?;
		Ok(AuditPage { items: page.items.into_iter().map(Into::into).collect(), next: page.next })
	}

	/// Whether `record` can be relied on; `content`, if given, is compared with the anchored
	/// hash (MON-4, SVC-4).
	pub async fn verdict(&self, record: RecordId, content: Option<ContentHash>) -> Result<Verdict> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis()
			.supervisor_audit_api()
			.record_verdict(record.into(), content.map(|content| content.digest));
		Ok(self.chain.query(&at, "a record verdict", call).await?.into())
	}

	/// Every source with a time-sequence anomaly or a silence (MON-3), page by page, all read
	/// at one block.
	pub async fn anomalies(&self) -> Result<Vec<Anomaly>> {
		let at = self.chain.at_finalized().await?;
		let mut found = Vec::new();
		let mut after = None;
		loop {
			let call = api::runtime_apis().data_registry_api().source_anomalies(after, 100);
			let page = self.chain.query(&at, "the source anomalies", call).await?;
			found.extend(page.sources.into_iter().map(Anomaly::from));
			match page.next {
				Some(next) => after = Some(next),
				None => return Ok(found),
			}
		}
	}

	/// The data-management parameters in force.
	pub async fn parameters(&self) -> Result<Parameters> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().operator_config_api().parameters();
		Ok(self.chain.query(&at, "the parameters", call).await?.into())
	}

	/// The configuration history from entry `from` on, at most `limit` entries (the runtime
	/// caps a page at 256), oldest first.
	pub async fn history(&self, from: u32, limit: u32) -> Result<Vec<HistoryEntry>> {
		let at = self.chain.at_finalized().await?;
		self.history_at(&at, from, limit).await
	}

	/// The whole configuration history, page by page, all read at one block.
	pub async fn full_history(&self) -> Result<Vec<HistoryEntry>> {
		let at = self.chain.at_finalized().await?;
		let mut all = Vec::new();
		loop {
			let page = self.history_at(&at, all.len() as u32, 256).await?;
			if page.is_empty() {
				return Ok(all);
			}
			all.extend(page);
		}
	}

	/// The data format `id`, if it exists.
	pub async fn format(&self, id: FormatId) -> Result<Option<Format>> {
		let at = self.chain.at_finalized().await?;
		self.format_at(&at, id).await
	}

	/// Every registered data format, by id, all read at one block.
	pub async fn formats(&self) -> Result<Vec<Format>> {
		let at = self.chain.at_finalized().await?;
		let address = api::storage().operator_config().next_format_id();
		let next = self
			.chain
			.guard("the format count", self.chain.timeout(), async {
				Ok(at.storage().fetch(address, ()).await?.decode()?)
			})
			.await?;
		let mut formats = Vec::new();
		for id in 0..next {
			formats.extend(self.format_at(&at, id).await?);
		}
		Ok(formats)
	}

	/// The validator set: the current session, who validates in it, and what operators planned
	/// (CTL-5), all read at one block.
	pub async fn validators(&self) -> Result<ValidatorSet> {
		let at = self.chain.at_finalized().await?;
		self.chain
			.guard("the validator set", self.chain.timeout(), async {
				let session =
					at.storage().fetch(api::storage().session().current_index(), ()).await?;
				let active = at.storage().fetch(api::storage().session().validators(), ()).await?;
				let planned =
					at.storage().fetch(api::storage().operator_config().validators(), ()).await?;
				let pending = at
					.storage()
					.fetch(api::storage().operator_config().validator_set_changed(), ())
					.await?;
				Ok(ValidatorSet {
					session: session.decode()?,
					active: active.decode()?,
					planned: planned.decode()?.0,
					change_pending: pending.decode()?,
				})
			})
			.await
	}

	/// The node authorization list and whether it is enforced (CTL-5), read at one block.
	pub async fn authorized_nodes(&self) -> Result<NodeAuthorization> {
		let at = self.chain.at_finalized().await?;
		self.chain
			.guard("the node authorization list", self.chain.timeout(), async {
				let enforced = at
					.storage()
					.fetch(api::storage().operator_config().node_authorization_enforced(), ())
					.await?
					.decode()?;
				let mut entries = at
					.storage()
					.iter(api::storage().operator_config().authorized_nodes(), ())
					.await?;
				let mut nodes = Vec::new();
				while let Some(entry) = entries.next().await {
					let entry = entry?;
					let (peer,) = entry.key()?.decode()?;
					let node = entry.value().decode()?;
					nodes.push(AuthorizedNode {
						peer_id: PeerId::from_bytes(peer.0),
						owner: node.owner,
						authorized_by: node.authorized_by,
						authorized_at: node.authorized_at,
					});
				}
				nodes.sort_by_key(|node| node.authorized_at);
				Ok(NodeAuthorization { enforced, nodes })
			})
			.await
	}

	async fn history_at(&self, at: &AtBlock, from: u32, limit: u32) -> Result<Vec<HistoryEntry>> {
		let call = api::runtime_apis().operator_config_api().parameter_history(from, limit);
		let entries = self.chain.query(at, "the configuration history", call).await?;
		Ok(entries
			.into_iter()
			.map(|(index, change)| HistoryEntry::from_chain(index, change))
			.collect())
	}

	async fn format_at(&self, at: &AtBlock, id: FormatId) -> Result<Option<Format>> {
		let address = api::storage().operator_config().formats();
		let found = self
			.chain
			.guard("a data format", self.chain.timeout(), async {
				Ok(at.storage().try_fetch(address, (id,)).await?)
			})
			.await?;
		match found {
			None => Ok(None),
			Some(value) => Ok(Some(Format::from_chain(id, value.decode()?))),
		}
	}
}

/// The data-management events of finalized block `number`, with the account that signed the
/// transaction behind each.
async fn block_events(chain: &Chain, number: u32) -> Result<Vec<AuditEvent>> {
	chain
		.guard("a block's events", chain.timeout(), async {
			let at = chain.api().at_block(u64::from(number)).await?;
			let extrinsics = at.extrinsics().fetch().await?;
			let signers: Vec<Option<crate::keys::AccountId>> = extrinsics
				.iter()
				.map(|extrinsic| {
					let extrinsic = extrinsic.ok()?;
					// A `MultiAddress::Id`: variant 0, then the 32-byte account.
					let address = extrinsic.address_bytes()?;
					let bytes: [u8; 32] = address.get(1..33)?.try_into().ok()?;
					(address.first() == Some(&0)).then(|| crate::keys::AccountId::from(bytes))
				})
				.collect();
			let mut found = Vec::new();
			for event in at.events().fetch().await?.iter() {
				let event = event?;
				if !DATA_MANAGEMENT_PALLETS.contains(&event.pallet_name()) {
					continue;
				}
				let fields = event.decode_fields_unchecked_as::<Composite<()>>()?;
				let actor = match event.phase() {
					subxt::events::Phase::ApplyExtrinsic(index) => {
						signers.get(index as usize).cloned().flatten()
					},
					_ => None,
				};
				found.push(AuditEvent {
					block: number,
					index: event.index(),
					pallet: event.pallet_name().to_string(),
					event: event.event_name().to_string(),
					actor,
					source: source_of(&fields),
					fields: fields.to_string(),
				});
			}
			Ok(found)
		})
		.await
}

/// The source an event's fields name: a `source` field, or the `source` of an `id` or
/// `previous` record id.
fn source_of(fields: &Composite<()>) -> Option<SourceId> {
	let named = |composite: &Composite<()>, name: &str| -> Option<Value<()>> {
		match composite {
			Composite::Named(fields) => {
				fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone())
			},
			Composite::Unnamed(_) => None,
		}
	};
	let number = |value: &Value<()>| value.as_u128().and_then(|n| SourceId::try_from(n).ok());
	if let Some(source) = named(fields, "source") {
		return number(&source);
	}
	for record in ["id", "previous"] {
		if let Some(Value { value: ValueDef::Composite(inner), .. }) = named(fields, record) {
			if let Some(source) = named(&inner, "source") {
				return number(&source);
			}
		}
	}
	// A supervisor's `subject`: `Source(id)` or `Record({ source, index })`.
	if let Some(Value { value: ValueDef::Variant(variant), .. }) = named(fields, "subject") {
		let inner = match &variant.values {
			Composite::Unnamed(values) => values.first().cloned(),
			Composite::Named(values) => values.first().map(|(_, value)| value.clone()),
		}?;
		return match (variant.name.as_str(), &inner.value) {
			("Source", _) => number(&inner),
			("Record", ValueDef::Composite(record)) => {
				named(record, "source").and_then(|source| number(&source))
			},
			_ => None,
		};
	}
	None
}

/// A new connection to `chain`'s node, tried for up to a minute (a restarting node).
async fn reconnect(chain: &Chain) -> Result<Chain> {
	let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
	loop {
		match Chain::connect(chain.url(), chain.timeout()).await {
			Ok(fresh) => return Ok(fresh),
			Err(error) if std::time::Instant::now() >= deadline => return Err(error),
			Err(_) => tokio::time::sleep(std::time::Duration::from_millis(500)).await,
		}
	}
}
