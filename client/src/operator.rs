//! The operator actor (CTL-1..5, SVC-1, ACQ-2): decides on data users' registrations and on
//! data sources, registers and deprecates data formats, sets the data-management parameters
//! and manages the validator set and the node authorization list.

use crate::{
	access::AllowedVisibilities,
	connection::Chain,
	error::Result,
	formats::{FormatId, FormatSpec},
	keys::{AccountId, Keypair},
	parameters::ParameterValue,
	runtime::api::{
		self, operator_config::events, runtime_types::bounded_collections::bounded_vec::BoundedVec,
	},
	sources::SourceId,
	transaction::{Receipt, SignedActor, WaitFor},
	validators::PeerId,
};
use subxt::{events::DecodeAsEvent, transactions::Payload};

/// A registered data format.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormatRegistration {
	/// The new format's id.
	pub format: FormatId,
	/// The transaction.
	pub receipt: Receipt,
}

/// An account acting as an operator. Every call fails with `OperatorError::NotOperator` unless
/// governance appointed the signer.
#[derive(Clone)]
pub struct Operator {
	actor: SignedActor,
}

impl Operator {
	/// Acts as `signer` on `chain`, waiting for finality by default.
	pub fn new(chain: Chain, signer: Keypair) -> Self {
		Self { actor: SignedActor::new(chain, signer) }
	}

	/// Sets which stage transactions are followed to.
	pub fn waiting_for(self, wait: WaitFor) -> Self {
		Self { actor: self.actor.waiting_for(wait) }
	}

	/// Approves the data user `who`, waiting for approval.
	pub async fn approve_data_user(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().approve_data_user(who.clone());
		self.decide::<events::DataUserApproved>(&call).await
	}

	/// Suspends the approved data user `who`.
	pub async fn suspend_data_user(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().suspend_data_user(who.clone());
		self.decide::<events::DataUserSuspended>(&call).await
	}

	/// Reinstates the suspended data user `who`.
	pub async fn reinstate_data_user(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().reinstate_data_user(who.clone());
		self.decide::<events::DataUserReinstated>(&call).await
	}

	/// Removes the data user `who` and releases its deposit.
	pub async fn remove_data_user(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().remove_data_user(who.clone());
		self.decide::<events::DataUserRemoved>(&call).await
	}

	/// Approves the data source `source`, waiting for approval.
	pub async fn approve_source(&self, source: SourceId) -> Result<Receipt> {
		let call = api::tx().operator_config().approve_source(source);
		self.decide::<events::SourceApproved>(&call).await
	}

	/// Rejects the data source `source`, waiting for approval, for `reason`.
	pub async fn reject_source(&self, source: SourceId, reason: &str) -> Result<Receipt> {
		let call = api::tx()
			.operator_config()
			.reject_source(source, BoundedVec(reason.as_bytes().to_vec()));
		self.decide::<events::SourceRejected>(&call).await
	}

	/// Suspends the data source `source` for `reason`, whatever its owner wants: it cannot
	/// submit until an operator lifts the suspension (the registry shows it frozen).
	pub async fn suspend_source(&self, source: SourceId, reason: &str) -> Result<Receipt> {
		let call = api::tx()
			.operator_config()
			.suspend_source(source, BoundedVec(reason.as_bytes().to_vec()));
		self.decide::<events::SourceSuspended>(&call).await
	}

	/// Lifts the suspension of `source`.
	pub async fn lift_source_suspension(&self, source: SourceId) -> Result<Receipt> {
		let call = api::tx().operator_config().lift_source_suspension(source);
		self.decide::<events::SourceSuspensionLifted>(&call).await
	}

	/// Registers the data format `spec`; returns its id and the transaction.
	pub async fn register_format(&self, spec: &FormatSpec) -> Result<FormatRegistration> {
		let call = api::tx().operator_config().register_format(spec.to_chain()?);
		let included = self.actor.submit(&call).await?;
		let event = included.event::<events::FormatRegistered>()?;
		Ok(FormatRegistration { format: event.format, receipt: included.receipt() })
	}

	/// Sets which visibilities datasets of the data format `format` may have (CTL-3); a
	/// dataset that breaks the rule is refused from then on.
	pub async fn set_format_visibilities(
		&self,
		format: FormatId,
		allowed: AllowedVisibilities,
	) -> Result<Receipt> {
		let call = api::tx().access_permissions().set_format_visibilities(format, allowed.into());
		self.decide::<api::access_permissions::events::FormatVisibilitiesSet>(&call).await
	}

	/// Deprecates the data format `format`: new sources cannot take it.
	pub async fn deprecate_format(&self, format: FormatId) -> Result<Receipt> {
		let call = api::tx().operator_config().deprecate_format(format);
		self.decide::<events::FormatDeprecated>(&call).await
	}

	/// Removes the deprecated data format `format` that no source names; its deposit goes back
	/// to the operator who registered it.
	pub async fn remove_format(&self, format: FormatId) -> Result<Receipt> {
		let call = api::tx().operator_config().remove_format(format);
		self.decide::<events::FormatRemoved>(&call).await
	}

	/// Sets one data-management parameter; the change enters the configuration history.
	pub async fn set_parameter(&self, value: ParameterValue) -> Result<Receipt> {
		let call = api::tx().operator_config().set_parameter(value.into());
		self.decide::<events::ParameterChanged>(&call).await
	}

	/// Adds `who`, whose owner registered its node's session keys, to the validator set: its
	/// node authors blocks and votes on finality from the session after the next one (CTL-5).
	pub async fn add_validator(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().add_validator(who.clone());
		self.decide::<events::ValidatorAdded>(&call).await
	}

	/// Removes `who` from the validator set, from the session after the next one.
	pub async fn remove_validator(&self, who: &AccountId) -> Result<Receipt> {
		let call = api::tx().operator_config().remove_validator(who.clone());
		self.decide::<events::ValidatorRemoved>(&call).await
	}

	/// Authorizes the node `peer` (run by the organisation `owner`) to join the network.
	pub async fn authorize_node(&self, peer: &PeerId, owner: &AccountId) -> Result<Receipt> {
		let call = api::tx()
			.operator_config()
			.authorize_node(BoundedVec(peer.as_bytes().to_vec()), owner.clone());
		self.decide::<events::NodeAuthorized>(&call).await
	}

	/// Takes the node `peer` off the authorization list.
	pub async fn revoke_node(&self, peer: &PeerId) -> Result<Receipt> {
		let call = api::tx().operator_config().revoke_node(BoundedVec(peer.as_bytes().to_vec()));
		self.decide::<events::NodeRevoked>(&call).await
	}

	/// Switches the enforcement of the authorization list on or off: while on, nodes keep peers
	/// only among the listed ones. Authorize every node of the network first.
	pub async fn set_node_authorization(&self, enforced: bool) -> Result<Receipt> {
		let call = api::tx().operator_config().set_node_authorization(enforced);
		self.decide::<events::NodeAuthorizationSet>(&call).await
	}

	async fn decide<E: DecodeAsEvent>(&self, call: &impl Payload) -> Result<Receipt> {
		self.actor.submit_expecting::<E, _>(call).await
	}
}
