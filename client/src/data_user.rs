//! The data-user actor: finds, reads and verifies anchored data (AUTH-1, AUTH-3, ACQ-3), and
//! follows new records as the chain finalizes them. Every answer is read at the latest
//! finalized block.

use crate::{
	connection::{Chain, DmchainConfig},
	content::{ContentHash, HashAlgorithm},
	error::{Error, Result},
	keys::{AccountId, Keypair},
	records::{Record, RecordCursor, RecordId, RecordPage},
	roles::{DataUserKind, DataUserRecord},
	runtime::api::{
		self, data_registry::events, runtime_types::bounded_collections::bounded_vec::BoundedVec,
	},
	sources::{Source, SourceId},
	transaction::{self, Receipt, WaitFor},
};
use serde::Serialize;
use std::{collections::VecDeque, path::Path};
use subxt::client::{Block, Blocks};

/// How many records with the same digest a verification reads at most.
const VERIFY_LIMIT: u32 = 100;

/// The answer to "is this data anchored?".
#[derive(Clone, Debug, Serialize)]
pub struct Verification {
	/// The hash that was looked for.
	pub content: ContentHash,
	/// The records anchoring exactly that hash (same algorithm, same digest), oldest first.
	pub records: Vec<Record>,
}

impl Verification {
	/// Whether at least one record anchors the hash.
	pub fn is_anchored(&self) -> bool {
		!self.records.is_empty()
	}
}

/// An account (or anyone with a node connection) reading the registry.
#[derive(Clone)]
pub struct DataUser {
	chain: Chain,
}

impl DataUser {
	/// Reads through `chain`.
	pub fn new(chain: Chain) -> Self {
		Self { chain }
	}

	/// The record `id`, or `None`.
	pub async fn record(&self, id: RecordId) -> Result<Option<Record>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().data_registry_api().record(id.into());
		self.chain.query(&at, "a registry query", call).await.map(|view| view.map(Record::from))
	}

	/// The records anchoring `digest` under any algorithm, at most `limit`.
	pub async fn find_by_digest(&self, digest: [u8; 32], limit: u32) -> Result<Vec<Record>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().data_registry_api().records_by_hash(digest, limit);
		let views = self.chain.query(&at, "a registry query", call).await?;
		Ok(views.into_iter().map(Record::from).collect())
	}

	/// Whether `content` is anchored, and by which records.
	pub async fn verify_hash(&self, content: ContentHash) -> Result<Verification> {
		let records = self
			.find_by_digest(content.digest, VERIFY_LIMIT)
			.await?
			.into_iter()
			.filter(|record| record.content.algorithm == content.algorithm)
			.collect();
		Ok(Verification { content, records })
	}

	/// Hashes the file at `path` with `algorithm` and verifies that hash.
	pub async fn verify_file(&self, path: &Path, algorithm: HashAlgorithm) -> Result<Verification> {
		let content = hash_file(path, algorithm).await?;
		self.verify_hash(content).await
	}

	/// The source `id`, or `None`.
	pub async fn source(&self, id: SourceId) -> Result<Option<Source>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().data_registry_api().source(id);
		self.chain.query(&at, "a registry query", call).await.map(|view| view.map(Source::from))
	}

	/// The source `id`; [`Error::NotFound`] if there is none.
	pub async fn existing_source(&self, id: SourceId) -> Result<Source> {
		self.source(id).await?.ok_or_else(|| Error::NotFound(format!("source {id}")))
	}

	/// One page of `source`'s records from `from`, at most `limit` (the chain caps a page at
	/// `MaxPageSize`). Fails with [`Error::NotFound`] for an unknown source.
	pub async fn list_records(
		&self,
		source: SourceId,
		from: RecordCursor,
		limit: u32,
	) -> Result<RecordPage> {
		let at = self.chain.at_finalized().await?;
		let exists = api::runtime_apis().data_registry_api().source(source);
		if self.chain.query(&at, "a registry query", exists).await?.is_none() {
			return Err(Error::NotFound(format!("source {source}")));
		}
		let call =
			api::runtime_apis().data_registry_api().source_records(source, from.into(), limit);
		let page = self.chain.query(&at, "a registry query", call).await?;
		Ok(RecordPage {
			records: page.records.into_iter().map(Record::from).collect(),
			next: page.next,
		})
	}

	/// Registers the account of `signer` as a data user bound to an organisation or person:
	/// `name` and the hash of its identity document (SVC-1). Holds the registration deposit;
	/// an operator then approves it.
	pub async fn register(
		&self,
		signer: &Keypair,
		kind: DataUserKind,
		name: &str,
		identity_document: [u8; 32],
	) -> Result<Receipt> {
		let call = api::tx().operator_config().register_data_user(
			kind.into(),
			BoundedVec(name.as_bytes().to_vec()),
			identity_document,
		);
		transaction::submit_expecting::<api::operator_config::events::DataUserRegistered, _>(
			&self.chain,
			&call,
			signer,
			WaitFor::Finalized,
		)
		.await
	}

	/// The data-user registration of `who`, or `None`.
	pub async fn registration(&self, who: &AccountId) -> Result<Option<DataUserRecord>> {
		let at = self.chain.at_finalized().await?;
		let address = api::storage().operator_config().data_users();
		let found = self
			.chain
			.guard("a data-user registration", self.chain.timeout(), async {
				Ok(at.storage().try_fetch(address, (who.clone(),)).await?)
			})
			.await?;
		match found {
			None => Ok(None),
			Some(value) => Ok(Some(DataUserRecord::from_chain(who.to_string(), value.decode()?))),
		}
	}

	/// Whether `who` is an operator.
	pub async fn is_operator(&self, who: &AccountId) -> Result<bool> {
		let at = self.chain.at_finalized().await?;
		let address = api::storage().operator_config().operators();
		self.chain
			.guard("the operator list", self.chain.timeout(), async {
				Ok(at.storage().try_fetch(address, (who.clone(),)).await?.is_some())
			})
			.await
	}

	/// Follows the chain's finalized blocks and yields every record anchored in them, of
	/// `source` only if given, starting with the next finalized block.
	pub async fn follow(&self, source: Option<SourceId>) -> Result<Follower> {
		let chain = self.chain.clone();
		// The subscription starts with the block finalized now; its records are not new.
		let (after, blocks) = chain
			.guard("the finalized-block subscription", chain.timeout(), async {
				let now = chain.api().at_current_block().await?.block_number();
				Ok((now, chain.api().stream_blocks().await?))
			})
			.await?;
		Ok(Follower { chain, blocks, source, after, queued: VecDeque::new() })
	}
}

/// The content hash of a file, computed off the async runtime's threads.
pub async fn hash_file(path: &Path, algorithm: HashAlgorithm) -> Result<ContentHash> {
	let owned = path.to_path_buf();
	tokio::task::spawn_blocking(move || ContentHash::of_file(algorithm, &owned))
		.await
		.map_err(|e| Error::Input(format!("hashing {}: {e}", path.display())))?
		.map_err(|e| Error::Input(format!("{}: {e}", path.display())))
}

/// New records as the chain finalizes them; see [`DataUser::follow`].
pub struct Follower {
	chain: Chain,
	blocks: Blocks<DmchainConfig>,
	source: Option<SourceId>,
	/// Blocks up to this number were finalized before following began.
	after: u64,
	queued: VecDeque<Record>,
}

impl Follower {
	/// The next finalized record, waiting as long as it takes; `None` when the subscription
	/// ends. A lost connection is an [`Error::ConnectionLost`].
	pub async fn next(&mut self) -> Option<Result<Record>> {
		loop {
			if let Some(record) = self.queued.pop_front() {
				return Some(Ok(record));
			}
			let block = match self.blocks.next().await? {
				Ok(block) => block,
				Err(e) if !self.chain.is_connected() => {
					return Some(Err(Error::ConnectionLost(e.to_string())))
				},
				Err(e) => return Some(Err(e.into())),
			};
			if block.number() <= self.after {
				continue;
			}
			if let Err(e) = self.read_block(block).await {
				return Some(Err(e));
			}
		}
	}

	async fn read_block(&mut self, block: Block<DmchainConfig>) -> Result<()> {
		let chain = self.chain.clone();
		let records = chain
			.guard("a finalized block's records", chain.timeout(), async {
				let at = block.at().await?;
				let mut ids = Vec::new();
				for event in at.events().fetch().await?.iter() {
					let event = event?;
					if let Some(single) = event.decode_fields_as::<events::RecordAnchored>() {
						ids.push(RecordId::from(single?.id));
					} else if let Some(many) = event.decode_fields_as::<events::RecordsAnchored>() {
						let many = many?;
						let first = many.first;
						ids.extend(
							(0..u64::from(many.count)).map(|offset| RecordId {
								source: many.source,
								index: first + offset,
							}),
						);
					}
				}
				ids.retain(|id| self.source.is_none_or(|wanted| wanted == id.source));
				let mut records = Vec::with_capacity(ids.len());
				for id in ids {
					let call = api::runtime_apis().data_registry_api().record(id.into());
					if let Some(view) = at.runtime_apis().call(call).await? {
						records.push(Record::from(view));
					}
				}
				Ok(records)
			})
			.await?;
		self.queued.extend(records);
		Ok(())
	}
}
