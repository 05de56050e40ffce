//! The node's health as an operator or supervisor watches it (MON-2, PROC-MONITOR): blocks,
//! finality, peers, validators, the transaction pool and the node's version, each read from the
//! node's own JSON-RPC.

use crate::{connection::Chain, error::Result, keys::AccountId, runtime::api};
use serde::{Deserialize, Serialize};

/// How many blocks finality may lag behind the best block before the node reads as degraded:
/// GRANDPA finalizes within a block or two when enough validators vote.
pub const MAX_HEALTHY_LAG: u32 = 10;

/// What `dmchain status` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
	/// The node implementation's name (`system_name`).
	pub node: String,
	/// Its version (`system_version`).
	pub version: String,
	/// The chain's name (`system_chain`).
	pub chain: String,
	/// The runtime's spec version.
	pub spec_version: u32,
	/// The best block's number.
	pub best: u32,
	/// The latest finalized block's number.
	pub finalized: u32,
	/// `best - finalized`.
	pub finality_lag: u32,
	/// Connected peers.
	pub peers: u64,
	/// Whether the node is still syncing.
	pub syncing: bool,
	/// Whether the node expects peers (false for a `--dev` node).
	pub should_have_peers: bool,
	/// The validators of the current session, at the best block.
	pub validators: Vec<AccountId>,
	/// Transactions in the node's pool (`author_pendingExtrinsics`).
	pub pool: u64,
	/// `ok`, or what is wrong: syncing, no peers where peers are expected, finality lagging
	/// more than [`MAX_HEALTHY_LAG`] blocks.
	pub health: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Health {
	peers: u64,
	is_syncing: bool,
	should_have_peers: bool,
}

#[derive(Deserialize)]
struct Header {
	number: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Version {
	spec_version: u32,
}

fn block_number(header: &Header) -> u32 {
	u32::from_str_radix(header.number.trim_start_matches("0x"), 16).unwrap_or(0)
}

impl Chain {
	/// The node's status, every part from its own JSON-RPC.
	pub async fn status(&self) -> Result<NodeStatus> {
		let health: Health = self.rpc_request("system_health", vec![]).await?;
		let node: String = self.rpc_request("system_name", vec![]).await?;
		let version: String = self.rpc_request("system_version", vec![]).await?;
		let chain: String = self.rpc_request("system_chain", vec![]).await?;
		let runtime: Version = self.rpc_request("state_getRuntimeVersion", vec![]).await?;
		let best: Header = self.rpc_request("chain_getHeader", vec![]).await?;
		let finalized_hash: String = self.rpc_request("chain_getFinalizedHead", vec![]).await?;
		let finalized: Header =
			self.rpc_request("chain_getHeader", vec![finalized_hash.into()]).await?;
		let pool: Vec<String> = self.rpc_request("author_pendingExtrinsics", vec![]).await?;
		let at = self.at_best().await?;
		let validators = self
			.guard("the session's validators", self.timeout(), async {
				Ok(at.storage().fetch(api::storage().session().validators(), ()).await?.decode()?)
			})
			.await?;
		let (best, finalized) = (block_number(&best), block_number(&finalized));
		let finality_lag = best.saturating_sub(finalized);
		let mut problems = Vec::new();
		if health.is_syncing {
			problems.push("syncing".to_string());
		}
		if health.should_have_peers && health.peers == 0 {
			problems.push("no peers".to_string());
		}
		if finality_lag > MAX_HEALTHY_LAG {
			problems.push(format!("finality {finality_lag} blocks behind"));
		}
		Ok(NodeStatus {
			node,
			version,
			chain,
			spec_version: runtime.spec_version,
			best,
			finalized,
			finality_lag,
			peers: health.peers,
			syncing: health.is_syncing,
			should_have_peers: health.should_have_peers,
			validators,
			pool: pool.len() as u64,
			health: if problems.is_empty() { "ok".into() } else { problems.join(", ") },
		})
	}
}
