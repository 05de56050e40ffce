//! The dataset-owner actor (GOV-1, APP-2, MGMT-1, PRC-2, PRC-5): creates datasets in the data
//! directory, changes their visibility, hands them on, removes them, and decides who may use
//! them: approves (as asked or narrower) or rejects access requests, grants directly and
//! revokes. An approved data user, or the owner of every source a dataset groups, may own one.

use crate::{
	access::{DatasetId, Scope, Visibility},
	connection::Chain,
	error::Result,
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
