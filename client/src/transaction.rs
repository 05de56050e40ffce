//! Signing, submitting and following one transaction: the caller chooses whether to wait for
//! inclusion in a block or for finality, and a refusal comes back typed.

use crate::{
	connection::{Chain, DmchainConfig},
	error::{Error, Result},
	keys::{account_of, Keypair},
	runtime::api,
};
use std::time::Duration;
use subxt::{
	config::PolkadotExtrinsicParamsBuilder,
	error::{DispatchError, TransactionEventsError},
	extrinsics::ExtrinsicEvents,
	transactions::{Payload, TransactionProgress, TransactionStatus},
	utils::H256,
};

/// How long a transaction may take to reach the awaited stage after submission.
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(120);

/// Transactions are valid for this many blocks after the block they were signed at.
const MORTALITY_BLOCKS: u64 = 64;

/// Which stage of a transaction to wait for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WaitFor {
	/// Included in a best block: fast (one block), but the block may still be retracted.
	InBlock,
	/// Included in a finalized block: final (a few blocks more with GRANDPA).
	#[default]
	Finalized,
}

/// Where a transaction landed and what it did.
pub struct Included {
	/// The transaction's hash.
	pub tx_hash: H256,
	/// The block that includes it.
	pub block_hash: H256,
	/// That block's number.
	pub block_number: u64,
	/// Whether that block was finalized when this was reported.
	pub finalized: bool,
	/// The transaction's events.
	pub events: ExtrinsicEvents<DmchainConfig>,
}

/// What a caller keeps of an included transaction: where it landed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
	/// The transaction's hash.
	pub tx_hash: H256,
	/// The block that includes it.
	pub block_hash: H256,
	/// That block's number.
	pub block_number: u64,
	/// Whether that block was finalized when this was reported.
	pub finalized: bool,
}

impl Included {
	/// Where the transaction landed.
	pub fn receipt(&self) -> Receipt {
		Receipt {
			tx_hash: self.tx_hash,
			block_hash: self.block_hash,
			block_number: self.block_number,
			finalized: self.finalized,
		}
	}

	/// The first event of type `E` the transaction emitted.
	pub fn event<E: subxt::events::DecodeAsEvent>(&self) -> Result<E> {
		match self.events.find_first::<E>() {
			Some(event) => Ok(event?),
			None => Err(Error::NotFound(format!(
				"the expected event in transaction {:?}",
				self.tx_hash
			))),
		}
	}
}

/// A signed transaction in the pool, not yet followed to a block.
pub(crate) struct Pending {
	progress:
		TransactionProgress<DmchainConfig, subxt::client::OnlineClientAtBlockImpl<DmchainConfig>>,
}

/// Signs `call` with `signer` and `nonce` (the next pool-aware nonce when `None`) and hands it
/// to the node's pool.
pub(crate) async fn submit<Call: Payload>(
	chain: &Chain,
	call: &Call,
	signer: &Keypair,
	nonce: Option<u64>,
) -> Result<Pending> {
	let nonce = match nonce {
		Some(nonce) => nonce,
		None => chain.next_nonce(&account_of(signer)).await?,
	};
	chain
		.guard("the node to accept the transaction", chain.timeout(), async {
			let at = chain.api().at_current_block().await?;
			let params = PolkadotExtrinsicParamsBuilder::<DmchainConfig>::new()
				.nonce(nonce)
				.mortal(MORTALITY_BLOCKS)
				.build();
			let progress =
				at.tx().sign_and_submit_then_watch(call, signer, params).await.map_err(rejected)?;
			Ok(Pending { progress })
		})
		.await
}

/// A submission error: a pool refusal (the node answered with an error) or anything else.
fn rejected(error: subxt::error::ExtrinsicError) -> Error {
	let text = error.to_string();
	if crate::error::is_connection_failure(&error) {
		return Error::ConnectionLost(text);
	}
	Error::Rejected(text)
}

impl Pending {
	/// Follows the transaction until `wait` is reached; its events, or why it failed.
	pub(crate) async fn wait(mut self, chain: &Chain, wait: WaitFor) -> Result<Included> {
		let tx_hash = self.progress.extrinsic_hash();
		let what = match wait {
			WaitFor::InBlock => "the transaction to be included in a block",
			WaitFor::Finalized => "the transaction to be finalized",
		};
		chain
			.guard(what, INCLUSION_TIMEOUT, async move {
				while let Some(status) = self.progress.next().await {
					let (block, finalized) = match status? {
						TransactionStatus::InBestBlock(block) if wait == WaitFor::InBlock => {
							(block, false)
						},
						TransactionStatus::InFinalizedBlock(block) => (block, true),
						TransactionStatus::Error { message }
						| TransactionStatus::Invalid { message }
						| TransactionStatus::Dropped { message } => return Err(Error::Rejected(message)),
						_ => continue,
					};
					let events = block.wait_for_success().await.map_err(dispatch_error)?;
					let block_number = block.at().await?.block_number();
					return Ok(Included {
						tx_hash,
						block_hash: block.block_hash(),
						block_number,
						finalized,
						events,
					});
				}
				Err(Error::ConnectionLost("the transaction status stream ended".into()))
			})
			.await
	}
}

/// Submits `call` signed by `signer` and waits for `wait`.
pub(crate) async fn submit_and_wait<Call: Payload>(
	chain: &Chain,
	call: &Call,
	signer: &Keypair,
	wait: WaitFor,
) -> Result<Included> {
	submit(chain, call, signer, None).await?.wait(chain, wait).await
}

/// What every actor that signs is made of: a connection, the signing key, and the stage its
/// transactions are followed to. The actors ([`crate::DataSource`], [`crate::Operator`],
/// [`crate::Governance`], [`crate::NodeOwner`], [`crate::Wallet`]) each hold one and add their
/// calls; this is their one submit path.
#[derive(Clone)]
pub struct SignedActor {
	pub(crate) chain: Chain,
	pub(crate) signer: Keypair,
	pub(crate) wait: WaitFor,
}

impl SignedActor {
	/// Signs with `signer` on `chain`, following transactions to finality.
	pub fn new(chain: Chain, signer: Keypair) -> Self {
		Self { chain, signer, wait: WaitFor::default() }
	}

	/// The same, following transactions to `wait` (inclusion in a block, or finality).
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { wait, ..self }
	}

	/// The signing account.
	pub fn account(&self) -> crate::keys::AccountId {
		account_of(&self.signer)
	}

	/// Submits `call`, waits for the stage, and returns where it landed with its events.
	pub(crate) async fn submit<Call: Payload>(&self, call: &Call) -> Result<Included> {
		submit_and_wait(&self.chain, call, &self.signer, self.wait).await
	}

	/// Submits `call` and checks that it emitted the event `E` that says it did its work.
	pub(crate) async fn submit_expecting<E: subxt::events::DecodeAsEvent, Call: Payload>(
		&self,
		call: &Call,
	) -> Result<Receipt> {
		submit_expecting::<E, Call>(&self.chain, call, &self.signer, self.wait).await
	}
}

/// Submits `call` signed by `signer`, waits for `wait`, and checks that it emitted the event
/// `E` that says it did its work; where it landed.
pub(crate) async fn submit_expecting<E: subxt::events::DecodeAsEvent, Call: Payload>(
	chain: &Chain,
	call: &Call,
	signer: &Keypair,
	wait: WaitFor,
) -> Result<Receipt> {
	let included = submit_and_wait(chain, call, signer, wait).await?;
	included.event::<E>()?;
	Ok(included.receipt())
}

/// A failed transaction's error: the registry's and the operator pallet's own enums for their
/// errors, the pallet and error name for other pallets' errors.
fn dispatch_error(error: TransactionEventsError) -> Error {
	match error {
		TransactionEventsError::ExtrinsicFailed(dispatch) => from_dispatch(dispatch),
		other => other.into(),
	}
}

/// The client error for a runtime dispatch error.
pub(crate) fn from_dispatch(dispatch: DispatchError) -> Error {
	match dispatch {
		DispatchError::Module(module) => match module.as_root_error::<api::Error>() {
			Ok(api::Error::DataRegistry(registry)) => Error::Registry(registry),
			Ok(api::Error::OperatorConfig(operator)) => Error::Operator(operator),
			Ok(api::Error::SupervisorAudit(audit)) => Error::Audit(audit),
			Ok(api::Error::AccessPermissions(access)) => Error::Access(access),
			_ => Error::Dispatch(module.details_string()),
		},
		other => Error::Dispatch(other.to_string()),
	}
}
