//! The dataset-owner actor (GOV-1, APP-2, MGMT-1, PRC-2, PRC-5): creates datasets in the data
//! directory, changes their visibility, hands them on, removes them, and decides who may use
//! them: approves (as asked or narrower) or rejects access requests, grants directly and
//! revokes; and shares each key epoch's dataset key with the key holders (MGMT-2). An approved
//! data user, or the owner of every source a dataset groups, may own one.

use crate::{
	access::{DatasetId, Scope, Visibility},
	connection::Chain,
	data_user::DataUser,
	encryption::{self, DatasetKey, EncryptionKeypair, KeyBinding},
	error::{Error, Result},
	formats::FormatId,
	keys::{AccountId, Keypair},
	runtime::api::{
		self,
		access_permissions::events,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec, dmchain_runtime::RuntimeHoldReason,
			pallet_access_permissions::pallet::HoldReason,
		},
	},
	sources::SourceId,
	transaction::{Receipt, SignedActor, WaitFor},
};
use serde::Serialize;

/// A dataset created.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetCreated {
	/// The new dataset's id.
	pub dataset: DatasetId,
	/// The deposit held for it, in the chain's smallest unit.
	pub deposit: u128,
	/// The transaction.
	pub receipt: Receipt,
}

/// A grant made (directly, or by approving a request).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantIssued {
	/// The dataset.
	pub dataset: DatasetId,
	/// The grantee.
	pub user: AccountId,
	/// What the grant allows.
	pub scope: Scope,
	/// The first block at which it no longer counts.
	pub expires_at: u64,
	/// The transaction.
	pub receipt: Receipt,
}

/// A dataset key stored on chain, wrapped for each recipient (MGMT-2).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyShared {
	/// The dataset.
	pub dataset: DatasetId,
	/// The epoch whose key was shared.
	pub epoch: u32,
	/// Whom it was wrapped for.
	pub recipients: Vec<AccountId>,
	/// The transactions (one per `MaxKeyRecipients` recipients).
	pub receipts: Vec<Receipt>,
}

/// A dataset's key epoch moved on.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EpochRotated {
	/// The dataset.
	pub dataset: DatasetId,
	/// The new epoch.
	pub epoch: u32,
	/// The transaction.
	pub receipt: Receipt,
}

/// What a new dataset is.
#[derive(Clone, Debug)]
pub struct DatasetDraft {
	/// Its title (required).
	pub title: String,
	/// Its description.
	pub description: String,
	/// The data format of its records.
	pub format: FormatId,
	/// Who may see and read it.
	pub visibility: Visibility,
	/// The sources it groups (at least one).
	pub sources: Vec<SourceId>,
	/// The datasets it was derived from.
	pub derived_from: Vec<DatasetId>,
}

/// An account acting as the owner of datasets. Calls on a dataset fail with
/// `AccessError::NotOwner` unless the signer owns it.
#[derive(Clone)]
pub struct DatasetOwner {
	actor: SignedActor,
}

impl DatasetOwner {
	/// Acts as `signer` on `chain`, waiting for finality by default.
	pub fn new(chain: Chain, signer: Keypair) -> Self {
		Self { actor: SignedActor::new(chain, signer) }
	}

	/// Sets which stage transactions are followed to.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.waiting_for(wait) }
	}

	/// Creates a dataset; holds its deposit from the signer.
	pub async fn create_dataset(&self, draft: &DatasetDraft) -> Result<DatasetCreated> {
		let call = api::tx().access_permissions().create_dataset(
			BoundedVec(draft.title.as_bytes().to_vec()),
			BoundedVec(draft.description.as_bytes().to_vec()),
			draft.format,
			draft.visibility.into(),
			BoundedVec(draft.sources.clone()),
			BoundedVec(draft.derived_from.clone()),
		);
		let included = self.actor.submit(&call).await?;
		let created = included.event::<events::DatasetCreated>()?;
		let deposit = included
			.events
			.find::<api::balances::events::Held>()
			.filter_map(|held| held.ok())
			.find(|held| {
				held.who == created.owner
					&& matches!(
						held.reason,
						RuntimeHoldReason::AccessPermissions(HoldReason::DatasetDeposit)
					)
			})
			.map_or(0, |held| held.amount);
		Ok(DatasetCreated { dataset: created.dataset, deposit, receipt: included.receipt() })
	}

	/// Changes who may see and read `dataset`.
	pub async fn set_visibility(
		&self,
		dataset: DatasetId,
		visibility: Visibility,
	) -> Result<Receipt> {
		let call = api::tx().access_permissions().set_visibility(dataset, visibility.into());
		self.actor.submit_expecting::<events::VisibilityChanged, _>(&call).await
	}

	/// Hands `dataset` on to `to` (an approved data user or the owner of all its sources); the
	/// deposit moves with it.
	pub async fn transfer_dataset(&self, dataset: DatasetId, to: &AccountId) -> Result<Receipt> {
		let call = api::tx().access_permissions().transfer_dataset(dataset, to.clone());
		self.actor.submit_expecting::<events::DatasetTransferred, _>(&call).await
	}

	/// Removes `dataset` (no grants, requests or derived datasets left) and releases its
	/// deposit.
	pub async fn remove_dataset(&self, dataset: DatasetId) -> Result<Receipt> {
		let call = api::tx().access_permissions().remove_dataset(dataset);
		self.actor.submit_expecting::<events::DatasetRemoved, _>(&call).await
	}

	/// Approves `user`'s request on `dataset` with `scope` and `expires_at`, as asked or
	/// narrower.
	pub async fn approve_request(
		&self,
		dataset: DatasetId,
		user: &AccountId,
		scope: Scope,
		expires_at: u32,
	) -> Result<GrantIssued> {
		let call = api::tx().access_permissions().approve_request(
			dataset,
			user.clone(),
			scope.into(),
			expires_at,
		);
		self.granted(&call).await
	}

	/// Rejects `user`'s request on `dataset`, saying why.
	pub async fn reject_request(
		&self,
		dataset: DatasetId,
		user: &AccountId,
		reason: &str,
	) -> Result<Receipt> {
		let call = api::tx().access_permissions().reject_request(
			dataset,
			user.clone(),
			BoundedVec(reason.as_bytes().to_vec()),
		);
		self.actor.submit_expecting::<events::RequestRejected, _>(&call).await
	}

	/// Grants `user` `scope` on `dataset` for `purpose` until `expires_at` (replacing a grant
	/// the user holds).
	pub async fn grant_access(
		&self,
		dataset: DatasetId,
		user: &AccountId,
		scope: Scope,
		purpose: &str,
		expires_at: u32,
	) -> Result<GrantIssued> {
		let call = api::tx().access_permissions().grant_access(
			dataset,
			user.clone(),
			scope.into(),
			BoundedVec(purpose.as_bytes().to_vec()),
			expires_at,
		);
		self.granted(&call).await
	}

	/// Revokes `user`'s grant on `dataset` at once.
	pub async fn revoke_access(&self, dataset: DatasetId, user: &AccountId) -> Result<Receipt> {
		let call = api::tx().access_permissions().revoke_access(dataset, user.clone());
		self.actor.submit_expecting::<events::AccessRevoked, _>(&call).await
	}

	/// Wraps `key`, the dataset key of `dataset`'s epoch `epoch`, for each recipient's
	/// registered encryption key (HPKE, bound to chain, dataset, epoch and recipient) and stores
	/// the wrapped keys on chain, at most the chain's `MaxKeyRecipients` per transaction. The
	/// chain takes only key holders: the owner, the owners of the dataset's sources, and
	/// grantees who may read. [`Error::NotFound`] if a recipient registered no key.
	pub async fn share_dataset_key(
		&self,
		dataset: DatasetId,
		epoch: u32,
		key: &DatasetKey,
		recipients: &[AccountId],
	) -> Result<KeyShared> {
		let chain = &self.actor.chain;
		let at = chain.at_finalized().await?;
		let genesis = chain.api().genesis_hash().0;
		let mut wraps = Vec::with_capacity(recipients.len());
		for who in recipients {
			let call = api::runtime_apis().access_permissions_api().encryption_key(who.clone());
			let public = chain.query(&at, "an encryption key", call).await?.ok_or_else(|| {
				Error::NotFound(format!("{who} has no registered encryption key"))
			})?;
			let binding = KeyBinding { genesis, dataset, epoch, grantee: who.clone() };
			let wrapped: [u8; encryption::WRAPPED_KEY_LEN] =
				encryption::wrap_dataset_key(key, &public, &binding)?
					.try_into()
					.map_err(|_| Error::Input("a wrapped key has the wrong length".into()))?;
			wraps.push((who.clone(), wrapped));
		}
		let per_call =
			at.constants().entry(api::constants().access_permissions().max_key_recipients())?;
		let mut receipts = Vec::new();
		for chunk in wraps.chunks(per_call.max(1) as usize) {
			let call = api::tx().access_permissions().set_wrapped_keys(
				dataset,
				epoch,
				BoundedVec(chunk.to_vec()),
			);
			receipts
				.push(self.actor.submit_expecting::<events::DatasetKeyWrapped, _>(&call).await?);
		}
		Ok(KeyShared { dataset, epoch, recipients: recipients.to_vec(), receipts })
	}

	/// Shares the key of `dataset`'s current epoch with `recipients`, and with the owner itself
	/// so that the owner can always recover it from the chain: the key wrapped for the owner
	/// in that epoch (opened with `own`, the owner's encryption key pair), or a fresh one when
	/// the epoch has none yet (a new dataset, or after a rotation).
	pub async fn share_current_key(
		&self,
		dataset: DatasetId,
		own: &EncryptionKeypair,
		recipients: &[AccountId],
	) -> Result<KeyShared> {
		let reader = DataUser::new(self.actor.chain.clone());
		let epoch = reader.key_epochs(dataset).await?.epoch;
		let me = self.actor.account();
		let key = match reader.dataset_key(dataset, epoch, &me, own).await {
			Ok(key) => key,
			Err(Error::NotFound(_)) => DatasetKey::generate(),
			Err(other) => return Err(other),
		};
		let mut everyone = vec![me.clone()];
		everyone.extend(recipients.iter().filter(|r| **r != me).cloned());
		self.share_dataset_key(dataset, epoch, &key, &everyone).await
	}

	/// Moves `dataset`'s key epoch on by hand (for example after a key may have leaked); new
	/// records go under the new epoch once its key is shared.
	pub async fn rotate_key_epoch(&self, dataset: DatasetId) -> Result<EpochRotated> {
		let call = api::tx().access_permissions().rotate_key_epoch(dataset);
		let included = self.actor.submit(&call).await?;
		let event = included.event::<events::KeyEpochRotated>()?;
		Ok(EpochRotated { dataset, epoch: event.epoch, receipt: included.receipt() })
	}

	/// Removes the keys of `dataset`'s epoch `epoch` wrapped for `recipients` (at most the
	/// chain's `MaxKeyRecipients`) and releases their deposits.
	pub async fn remove_wrapped_keys(
		&self,
		dataset: DatasetId,
		epoch: u32,
		recipients: &[AccountId],
	) -> Result<Receipt> {
		let call = api::tx().access_permissions().remove_wrapped_keys(
			dataset,
			epoch,
			BoundedVec(recipients.to_vec()),
		);
		self.actor.submit_expecting::<events::WrappedKeyRemoved, _>(&call).await
	}

	async fn granted<Call: subxt::transactions::Payload>(
		&self,
		call: &Call,
	) -> Result<GrantIssued> {
		let included = self.actor.submit(call).await?;
		let event = included.event::<events::AccessGranted>()?;
		Ok(GrantIssued {
			dataset: event.dataset,
			user: event.user,
			scope: event.scope.into(),
			expires_at: event.expires_at.into(),
			receipt: included.receipt(),
		})
	}
}
