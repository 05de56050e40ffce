//! Governance (CTL-1, MON-1): appoints and dismisses operators and supervisors. On dev and test
//! chains governance is the sudo key, so these calls go through `Sudo::sudo`.

use crate::{
	connection::Chain,
	error::{Error, Result},
	keys::{AccountId, Keypair},
	runtime::api::{
		self, runtime_types::pallet_operator_config::pallet::Call as OperatorCall,
		runtime_types::sp_runtime::DispatchError, sudo::events::Sudid, Call,
	},
	transaction::{self, Receipt, SignedActor, WaitFor},
};

/// The position of `Module` among `sp_runtime::DispatchError`'s variants.
const MODULE_ERROR_VARIANT: u8 = 3;

/// The sudo key acting as governance.
#[derive(Clone)]
pub struct Governance {
	actor: SignedActor,
}

impl Governance {
	/// Acts with the sudo key `sudo` on `chain`, waiting for finality.
	pub fn new(chain: Chain, sudo: Keypair) -> Self {
		Self { actor: SignedActor::new(chain, sudo) }
	}

	/// The same governance, waiting for `wait` (inclusion in a block or finality) on each call.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.waiting_for(wait) }
	}

	/// Appoints `who` as an operator.
	pub async fn appoint_operator(&self, who: &AccountId) -> Result<Receipt> {
		self.sudo(OperatorCall::appoint_operator { who: who.clone() }).await
	}

	/// Dismisses the operator `who`.
	pub async fn dismiss_operator(&self, who: &AccountId) -> Result<Receipt> {
		self.sudo(OperatorCall::dismiss_operator { who: who.clone() }).await
	}

	/// Appoints `who` as a supervisor.
	pub async fn appoint_supervisor(&self, who: &AccountId) -> Result<Receipt> {
		self.sudo(OperatorCall::appoint_supervisor { who: who.clone() }).await
	}

	/// Dismisses the supervisor `who`.
	pub async fn dismiss_supervisor(&self, who: &AccountId) -> Result<Receipt> {
		self.sudo(OperatorCall::dismiss_supervisor { who: who.clone() }).await
	}

	/// Dispatches `call` as root. Sudo succeeds even when the inner call fails, reporting the
	/// inner outcome in its `Sudid` event; that outcome is what counts here.
	async fn sudo(&self, call: OperatorCall) -> Result<Receipt> {
		let outer = api::tx().sudo().sudo(Call::OperatorConfig(call));
		let included = self.actor.submit(&outer).await?;
		match included.event::<Sudid>()?.sudo_result {
			Ok(()) => Ok(included.receipt()),
			Err(DispatchError::Module(module)) => {
				// Re-read the inner error through the runtime's metadata, as a failed extrinsic's
				// error is read, so it comes back as the pallet's own error enum.
				let metadata = self.actor.chain.api().at_current_block().await?.metadata();
				let mut bytes = vec![MODULE_ERROR_VARIANT, module.index];
				bytes.extend_from_slice(&module.error);
				match subxt::error::DispatchError::decode_from(bytes, metadata) {
					Ok(dispatch) => Err(transaction::from_dispatch(dispatch)),
					Err(e) => Err(Error::Dispatch(format!("{module:?} ({e})"))),
				}
			},
			Err(other) => Err(Error::Dispatch(format!("{other:?}"))),
		}
	}
}
