//! The supervisor actor (MON-1, CTL-4, CTL-5): audits the chain's configuration — the
//! parameters in force, every change made to them (who, when, old, new), the registered data
//! formats, the validator set and the node authorization list.
//! Everything here reads the latest finalized block; nothing signs.

use crate::{
	connection::{Chain, DmchainConfig},
	error::Result,
	formats::{Format, FormatId},
	parameters::{HistoryEntry, Parameters},
	runtime::api,
	validators::{AuthorizedNode, NodeAuthorization, PeerId, ValidatorSet},
};
use subxt::client::OnlineClientAtBlock;

/// The chain at one block: every read of one answer comes from the same block.
type AtBlock = OnlineClientAtBlock<DmchainConfig>;

/// Reads the configuration for an audit. Any account may read; the supervisor role matters
/// for the supervisor pallet's calls, which come with it.
#[derive(Clone)]
pub struct Supervisor {
	chain: Chain,
}

impl Supervisor {
	/// Reads from `chain`.
	pub fn new(chain: Chain) -> Self {
		Self { chain }
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
