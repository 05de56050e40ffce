//! The connection to a dmchain node: one WebSocket shared by every actor, with a time limit on
//! every operation and lost connections told apart from refusals.

use crate::error::{Error, Result};
use jsonrpsee::{
	client_transport::ws::{Url, WsTransportClientBuilder},
	core::client::Client as WsClient,
};
use std::{future::Future, sync::Arc, time::Duration};
use subxt::{
	client::OnlineClientAtBlock,
	config::RpcConfigFor,
	rpcs::{LegacyRpcMethods, RpcClient},
	OnlineClient, PolkadotConfig,
};

/// The chain configuration the client signs with: dmchain's runtime uses the same address,
/// signature and transaction extensions as Polkadot.
pub type DmchainConfig = PolkadotConfig;

/// The node a development chain listens on (`scripts/dev.sh`).
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// A connection to a dmchain node. Cheap to clone: clones share the socket.
#[derive(Clone)]
pub struct Chain {
	url: String,
	socket: Arc<WsClient>,
	api: OnlineClient<DmchainConfig>,
	rpc: LegacyRpcMethods<RpcConfigFor<DmchainConfig>>,
	timeout: Duration,
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`), waiting at most `timeout` for the
	/// connection and later for every single request. Checks the node's metadata on the way.
	///
	/// Plain `ws://` is accepted for any host: use `wss://` across networks you do not control.
	pub async fn connect(url: &str, timeout: Duration) -> Result<Self> {
		let connect_error = |reason: String| Error::Connect { url: url.to_string(), reason };
		let parsed = Url::parse(url).map_err(|e| connect_error(e.to_string()))?;
		let transport = WsTransportClientBuilder::default()
			.connection_timeout(timeout)
			.max_request_size(64 * 1024 * 1024)
			.max_response_size(64 * 1024 * 1024)
			.build(parsed);
		let (sender, receiver) = match tokio::time::timeout(timeout, transport).await {
			Err(_) => return Err(connect_error(format!("no answer within {timeout:?}"))),
			Ok(result) => result.map_err(|e| connect_error(e.to_string()))?,
		};
		let socket = Arc::new(
			WsClient::builder()
				.max_buffer_capacity_per_subscription(4096)
				.request_timeout(timeout)
				.build_with_tokio(sender, receiver),
		);
		let rpc_client = RpcClient::new(socket.clone());
		let api = match tokio::time::timeout(
			timeout,
			OnlineClient::<DmchainConfig>::from_rpc_client(rpc_client.clone()),
		)
		.await
		{
			Err(_) => return Err(connect_error(format!("no metadata within {timeout:?}"))),
			Ok(result) => result.map_err(|e| connect_error(e.to_string()))?,
		};
		Ok(Self {
			url: url.to_string(),
			socket,
			api,
			rpc: LegacyRpcMethods::new(rpc_client),
			timeout,
		})
	}

	/// The address connected to.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The time limit for a single request.
	pub fn timeout(&self) -> Duration {
		self.timeout
	}

	/// Whether the socket is still open.
	pub fn is_connected(&self) -> bool {
		self.socket.is_connected()
	}

	/// The node's legacy JSON-RPC methods (heads, blocks, raw submission), for the load tool.
	pub(crate) fn legacy_rpc(&self) -> &LegacyRpcMethods<RpcConfigFor<DmchainConfig>> {
		&self.rpc
	}

	/// The subxt client, for anything the actors do not cover.
	pub fn api(&self) -> &OnlineClient<DmchainConfig> {
		&self.api
	}

	/// The client at the latest finalized block: what every query reads.
	pub async fn at_finalized(&self) -> Result<OnlineClientAtBlock<DmchainConfig>> {
		self.guard("the latest finalized block", self.timeout, async {
			Ok(self.api.at_current_block().await?)
		})
		.await
	}

	/// The client at the node's best block: where the next transaction of an account builds
	/// on, ahead of finality (a source's next sequence number, read after an in-block
	/// submission, is the one after it).
	pub async fn at_best(&self) -> Result<OnlineClientAtBlock<DmchainConfig>> {
		self.guard("the best block", self.timeout, async {
			let hash = self
				.rpc
				.chain_get_block_hash(None)
				.await
				.map_err(subxt::Error::from)?
				.ok_or_else(|| Error::NotFound("the node's best block".into()))?;
			Ok(self.api.at_block(hash).await?)
		})
		.await
	}

	/// Calls the runtime API `call` at `at`, with the connection's time limit; `what` names the
	/// query in a timeout error.
	pub async fn query<P: subxt::runtime_apis::Payload>(
		&self,
		at: &OnlineClientAtBlock<DmchainConfig>,
		what: &str,
		call: P,
	) -> Result<P::ReturnType> {
		self.guard(what, self.timeout, async { Ok(at.runtime_apis().call(call).await?) }).await
	}

	/// The next nonce of `account`, counting its transactions waiting in the node's pool.
	pub async fn next_nonce(&self, account: &subxt::utils::AccountId32) -> Result<u64> {
		self.guard("the account's next nonce", self.timeout, async {
			self.rpc
				.system_account_next_index(account)
				.await
				.map_err(subxt::Error::from)
				.map_err(Into::into)
		})
		.await
	}

	/// Calls the node's JSON-RPC method `method` with positional `params`, within the
	/// connection's time limit. A refusal by the node (an unsafe method on a public endpoint, a
	/// failed request) is [`Error::Rejected`].
	pub(crate) async fn rpc_request<R: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: Vec<serde_json::Value>,
	) -> Result<R> {
		use jsonrpsee::core::{client::ClientT, params::ArrayParams};
		let mut array = ArrayParams::new();
		for param in params {
			array.insert(param).map_err(|e| Error::Input(e.to_string()))?;
		}
		let what = format!("the node's answer to {method}");
		self.guard(&what, self.timeout, async {
			self.socket.request::<R, _>(method, array).await.map_err(|e| match e {
				jsonrpsee::core::client::Error::RestartNeeded(e) => {
					Error::ConnectionLost(e.to_string())
				},
				e => Error::Rejected(format!("{method}: {e}")),
			})
		})
		.await
	}

	/// Runs `operation` with a time limit, and reports a failure caused by a closed socket as
	/// [`Error::ConnectionLost`] rather than a timeout or a client error.
	pub(crate) async fn guard<T>(
		&self,
		what: &str,
		limit: Duration,
		operation: impl Future<Output = Result<T>>,
	) -> Result<T> {
		match tokio::time::timeout(limit, operation).await {
			Ok(Ok(value)) => Ok(value),
			Ok(Err(Error::Chain(error))) if self.lost(&error).await => {
				Err(Error::ConnectionLost(error.to_string()))
			},
			Ok(Err(other)) => Err(other),
			Err(_) if !self.is_connected() => {
				Err(Error::ConnectionLost(format!("while waiting for {what}")))
			},
			Err(_) => Err(Error::Timeout { what: what.to_string(), after: limit }),
		}
	}

	/// Whether `error` comes from a broken connection: a transport error in its sources, or a
	/// socket that closes within a moment (its reader may still be winding down).
	async fn lost(&self, error: &subxt::Error) -> bool {
		if crate::error::is_connection_failure(error) {
			return true;
		}
		for _ in 0..10 {
			if !self.is_connected() {
				return true;
			}
			tokio::time::sleep(Duration::from_millis(20)).await;
		}
		false
	}
}
