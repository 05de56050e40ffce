//! The data-user actor: finds, reads and verifies anchored data (AUTH-1, SVC-2..4), follows
//! new records as the chain finalizes them, browses the data directory, asks for access and
//! asks the chain whether an access is allowed (GOV-1, MGMT-1, PRC-5), unwraps the dataset keys
//! shared with it (MGMT-2) and records and lists access receipts (MON-2). Every answer is read at
//! the latest finalized block, except [`DataUser::source_at_best`] and [`DataUser::anchored_by_source`]:
//! a submitter's next sequence number and what a re-run must skip are read at the best block.

use crate::{
	access::{
		AccessDecision, AccessReceipt, AccessRequest, AccessTarget, Dataset, DatasetId,
		DatasetPage, Grant, KeyEpochs, Provenance, ReceiptsOf, Scope,
	},
	connection::{Chain, DmchainConfig},
	content::{ContentHash, HashAlgorithm},
	encryption::{self, DatasetKey, EncryptionKeypair, KeyBinding},
	error::{Error, Result},
	keys::{self, AccountId, Keypair},
	records::{Record, RecordCursor, RecordId, RecordPage},
	roles::{DataUserKind, DataUserRecord},
	runtime::api::{
		self,
		data_registry::events,
		runtime_types::{bounded_collections::bounded_vec::BoundedVec, sp_runtime::MultiSignature},
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

/// An access receipt recorded (MON-2).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptRecorded {
	/// The receipt's id.
	pub id: u64,
	/// The transaction that recorded it.
	pub receipt: Receipt,
}

/// An account (or anyone with a node connection) reading the registry.
#[derive(Clone)]
pub struct DataUser {
	chain: Chain,
	wait: WaitFor,
}

impl DataUser {
	/// Reads through `chain`; its signed calls wait for finality unless told otherwise.
	pub fn new(chain: Chain) -> Self {
		Self { chain, wait: WaitFor::default() }
	}

	/// The same data user, waiting for `wait` (inclusion in a block or finality) on its signed
	/// calls ([`Self::register`], [`Self::deregister`]).
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { wait, ..self }
	}

	/// The record `id`, or `None`.
	pub async fn record(&self, id: RecordId) -> Result<Option<Record>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().data_registry_api().record(id.into());
		self.chain.query(&at, "a registry query", call).await.map(|view| view.map(Record::from))
	}

	/// The records anchoring `digest` under any algorithm, earliest first, at most `limit`:
	/// pages through the registry's anchor index at one finalized block.
	pub async fn find_by_digest(&self, digest: [u8; 32], limit: u32) -> Result<Vec<Record>> {
		let at = self.chain.at_finalized().await?;
		self.anchors_at(&at, digest, limit).await
	}

	/// Which of `contents` the source `source` has anchored already, at the node's best block
	/// (records in blocks not final yet count): what a re-run of a bulk submission skips so
	/// that nothing is anchored twice.
	pub async fn anchored_by_source(
		&self,
		source: SourceId,
		contents: &[ContentHash],
	) -> Result<std::collections::HashSet<ContentHash>> {
		let at = self.chain.at_best().await?;
		let mut found = std::collections::HashSet::new();
		for content in contents {
			if found.contains(content) {
				continue;
			}
			let anchors = self.anchors_at(&at, content.digest, u32::MAX).await?;
			if anchors.iter().any(|r| r.id.source == source && r.content == *content) {
				found.insert(*content);
			}
		}
		Ok(found)
	}

	/// Up to `limit` anchors of `digest` at `at`, earliest first.
	async fn anchors_at(
		&self,
		at: &subxt::client::OnlineClientAtBlock<crate::connection::DmchainConfig>,
		digest: [u8; 32],
		limit: u32,
	) -> Result<Vec<Record>> {
		let mut found = Vec::new();
		let mut after = None;
		while (found.len() as u32) < limit {
			let wanted = limit - found.len() as u32;
			let call =
				api::runtime_apis().data_registry_api().records_by_hash(digest, after, wanted);
			let page = self.chain.query(at, "a registry query", call).await?;
			found.extend(page.records.into_iter().map(Record::from));
			match page.next {
				Some(next) => after = Some(next),
				None => break,
			}
		}
		Ok(found)
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

	/// The source `id` as the node's best block has it (ahead of finality: what the next
	/// submission builds on); [`Error::NotFound`] if there is none.
	pub async fn source_at_best(&self, id: SourceId) -> Result<Source> {
		let at = self.chain.at_best().await?;
		let call = api::runtime_apis().data_registry_api().source(id);
		self.chain
			.query(&at, "a registry query", call)
			.await?
			.map(Source::from)
			.ok_or_else(|| Error::NotFound(format!("source {id}")))
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
			self.wait,
		)
		.await
	}

	/// Deregisters `signer` as a data user and releases its deposit (SVC-1); refused while an
	/// operator has it suspended.
	pub async fn deregister(&self, signer: &Keypair) -> Result<Receipt> {
		let call = api::tx().operator_config().deregister_data_user();
		transaction::submit_expecting::<api::operator_config::events::DataUserDeregistered, _>(
			&self.chain,
			&call,
			signer,
			self.wait,
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
			Some(value) => Ok(Some(DataUserRecord::from_chain(who.clone(), value.decode()?))),
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

	/// The chain's answer to "may `user` do `scope` on `target`" at the latest finalized block
	/// (MGMT-1, PRC-5): allowed and why (owner, public, a grant), or refused and why. What a
	/// client asks before it hands out any data.
	pub async fn may_access(
		&self,
		user: &AccountId,
		scope: Scope,
		target: AccessTarget,
	) -> Result<AccessDecision> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().access(
			user.clone(),
			scope.into(),
			target.into(),
		);
		let answer = self.chain.query(&at, "the access question", call).await?;
		Ok(AccessDecision {
			user: user.clone(),
			scope,
			target,
			block: at.block_number(),
			answer: answer.into(),
		})
	}

	/// The dataset `id`; [`Error::NotFound`] if there is none.
	pub async fn dataset(&self, id: DatasetId) -> Result<Dataset> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().dataset(id);
		self.chain
			.query(&at, "a dataset", call)
			.await?
			.map(Dataset::from)
			.ok_or_else(|| Error::NotFound(format!("dataset {id}")))
	}

	/// One page of the data directory as `viewer` sees it (public datasets for everyone,
	/// consortium ones for approved data users, private ones for their owners and grantees),
	/// after `after`, at most `limit` (the chain caps a page).
	pub async fn datasets(
		&self,
		viewer: Option<&AccountId>,
		after: Option<DatasetId>,
		limit: u32,
	) -> Result<DatasetPage> {
		let at = self.chain.at_finalized().await?;
		let call =
			api::runtime_apis().access_permissions_api().datasets(viewer.cloned(), after, limit);
		let page = self.chain.query(&at, "the data directory", call).await?;
		Ok(DatasetPage {
			datasets: page.items.into_iter().map(Dataset::from).collect(),
			next: page.next,
		})
	}

	/// The datasets `id` was derived from, theirs, and so on (bounded by the chain).
	pub async fn provenance(&self, id: DatasetId) -> Result<Provenance> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().provenance(id);
		self.chain
			.query(&at, "a dataset's provenance", call)
			.await?
			.map(Provenance::from)
			.ok_or_else(|| Error::NotFound(format!("dataset {id}")))
	}

	/// Every grant on `dataset` (expired ones not yet cleaned up included), page by page.
	pub async fn grants(&self, dataset: DatasetId) -> Result<Vec<Grant>> {
		let at = self.chain.at_finalized().await?;
		let mut grants = Vec::new();
		let mut after = None;
		loop {
			let call = api::runtime_apis().access_permissions_api().grants(dataset, after, 50);
			let (page, next) = self.chain.query(&at, "a dataset's grants", call).await?;
			grants.extend(page.into_iter().map(Grant::from));
			match next {
				Some(next) => after = Some(next),
				None => return Ok(grants),
			}
		}
	}

	/// The encryption key `who` registered (D3.7 MGMT-2), or `None`.
	pub async fn encryption_key(&self, who: &AccountId) -> Result<Option<[u8; 32]>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().encryption_key(who.clone());
		self.chain.query(&at, "an encryption key", call).await
	}

	/// Registers `encryption`'s public key as `signer`'s encryption key, with `signer`'s
	/// signature over [`encryption::key_proof_message`] as proof; holds the key deposit. A key
	/// registered before is replaced and its deposit released.
	pub async fn register_encryption_key(
		&self,
		signer: &Keypair,
		encryption: &EncryptionKeypair,
	) -> Result<Receipt> {
		let key = encryption.public_key();
		let genesis = self.chain.api().genesis_hash().0;
		let message = encryption::key_proof_message(&genesis, &keys::account_of(signer), &key);
		let proof = MultiSignature::Sr25519(signer.sign(&message).0);
		let call = api::tx().access_permissions().register_encryption_key(key, proof);
		transaction::submit_expecting::<
			api::access_permissions::events::EncryptionKeyRegistered,
			_,
		>(&self.chain, &call, signer, self.wait)
		.await
	}

	/// Removes `signer`'s encryption key and releases its deposit.
	pub async fn remove_encryption_key(&self, signer: &Keypair) -> Result<Receipt> {
		let call = api::tx().access_permissions().remove_encryption_key();
		transaction::submit_expecting::<api::access_permissions::events::EncryptionKeyRemoved, _>(
			&self.chain,
			&call,
			signer,
			self.wait,
		)
		.await
	}

	/// `dataset`'s key epochs (MGMT-2): the epoch new records are sealed under, and how many
	/// wrapped keys it holds; [`Error::NotFound`] if there is no such dataset.
	pub async fn key_epochs(&self, dataset: DatasetId) -> Result<KeyEpochs> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().key_epochs(dataset);
		self.chain
			.query(&at, "a dataset's key epochs", call)
			.await?
			.map(KeyEpochs::from)
			.ok_or_else(|| Error::NotFound(format!("dataset {dataset}")))
	}

	/// The key of `dataset`'s epoch `epoch` wrapped for `who`, as stored on chain, or `None`.
	pub async fn wrapped_key(
		&self,
		dataset: DatasetId,
		epoch: u32,
		who: &AccountId,
	) -> Result<Option<Vec<u8>>> {
		let at = self.chain.at_finalized().await?;
		let call =
			api::runtime_apis().access_permissions_api().wrapped_key(dataset, epoch, who.clone());
		self.chain.query(&at, "a wrapped dataset key", call).await
	}

	/// The dataset key of `dataset`'s epoch `epoch`, unwrapped from what the owner stored for
	/// `who` with `who`'s encryption key pair. [`Error::NotFound`] if nothing is wrapped for
	/// `who` in that epoch (for example after `who`'s grant ended); [`Error::Decryption`] if it
	/// does not open with `encryption`.
	pub async fn dataset_key(
		&self,
		dataset: DatasetId,
		epoch: u32,
		who: &AccountId,
		encryption: &EncryptionKeypair,
	) -> Result<DatasetKey> {
		let wrapped = self.wrapped_key(dataset, epoch, who).await?.ok_or_else(|| {
			Error::NotFound(format!("no key of dataset {dataset}, epoch {epoch} wrapped for {who}"))
		})?;
		let genesis = self.chain.api().genesis_hash().0;
		let binding = KeyBinding { genesis, dataset, epoch, grantee: who.clone() };
		encryption::unwrap_dataset_key(&wrapped, encryption, &binding)
	}

	/// Records, as `signer` (the grantee itself or the dataset's owner), that `grantee` was
	/// served `target` under `scope` and that `delivered` is the hash of the bytes it got
	/// (MON-2). The chain refuses it unless `grantee` may do that now; holds the receipt's
	/// deposit from `signer`.
	pub async fn record_receipt(
		&self,
		signer: &Keypair,
		target: AccessTarget,
		grantee: &AccountId,
		scope: Scope,
		delivered: [u8; 32],
	) -> Result<ReceiptRecorded> {
		let call = api::tx().access_permissions().record_receipt(
			target.into(),
			grantee.clone(),
			scope.into(),
			delivered,
		);
		let included = transaction::submit_and_wait(&self.chain, &call, signer, self.wait).await?;
		let event = included.event::<api::access_permissions::events::ReceiptRecorded>()?;
		Ok(ReceiptRecorded { id: event.id, receipt: included.receipt() })
	}

	/// Every access receipt of `of` recorded in blocks `from..=to` (`to`: up to the latest
	/// finalized block), oldest first, read page by page at one finalized block.
	pub async fn receipts(
		&self,
		of: ReceiptsOf,
		from: u32,
		to: Option<u32>,
	) -> Result<Vec<AccessReceipt>> {
		let at = self.chain.at_finalized().await?;
		let mut receipts = Vec::new();
		let mut cursor = None;
		loop {
			let call = api::runtime_apis().access_permissions_api().receipts(
				of.clone().into(),
				from,
				to,
				cursor,
				50,
			);
			let page = self.chain.query(&at, "access receipts", call).await?;
			receipts.extend(page.items.into_iter().map(AccessReceipt::from));
			match page.next {
				Some(next) => cursor = Some(next),
				None => return Ok(receipts),
			}
		}
	}

	/// The access requests waiting on `dataset`.
	pub async fn requests(&self, dataset: DatasetId) -> Result<Vec<AccessRequest>> {
		let at = self.chain.at_finalized().await?;
		let call = api::runtime_apis().access_permissions_api().requests(dataset);
		let views = self.chain.query(&at, "a dataset's requests", call).await?;
		Ok(views.into_iter().map(AccessRequest::from).collect())
	}

	/// Asks the owner of `dataset` for `scope` until block `expires_at` at the latest, for
	/// `purpose`, as `signer` (an approved data user); holds the request deposit.
	pub async fn request_access(
		&self,
		signer: &Keypair,
		dataset: DatasetId,
		scope: Scope,
		purpose: &str,
		expires_at: u32,
	) -> Result<Receipt> {
		let call = api::tx().access_permissions().request_access(
			dataset,
			scope.into(),
			BoundedVec(purpose.as_bytes().to_vec()),
			expires_at,
		);
		transaction::submit_expecting::<api::access_permissions::events::AccessRequested, _>(
			&self.chain,
			&call,
			signer,
			self.wait,
		)
		.await
	}

	/// Withdraws `signer`'s request on `dataset` and releases its deposit.
	pub async fn cancel_request(&self, signer: &Keypair, dataset: DatasetId) -> Result<Receipt> {
		let call = api::tx().access_permissions().cancel_request(dataset);
		transaction::submit_expecting::<api::access_permissions::events::RequestCancelled, _>(
			&self.chain,
			&call,
			signer,
			self.wait,
		)
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
	/// The same follower as a [`futures::Stream`] of finalized records, for `StreamExt`
	/// combinators (`take`, `filter`, `timeout`, ...); it ends when the subscription does.
	pub fn into_stream(self) -> impl futures::Stream<Item = Result<Record>> + Send {
		futures::stream::unfold(self, |mut follower| async move {
			follower.next().await.map(|item| (item, follower))
		})
	}

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
