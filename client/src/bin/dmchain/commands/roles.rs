//! `dmchain user …`, `dmchain operator …`, `dmchain governance …`: roles and the decisions of
//! operators (CTL-1, CTL-3, MON-1, SVC-1).

use super::Context;
use crate::{
	cli::{GovernanceCommand, OperatorCommand, Switch, UserCommand},
	exit, output,
};
use dmchain_client::{
	data_user::hash_file, keys, ContentHash, DataUser, Error, FormatSpec, Governance,
	HashAlgorithm, Operator, ParameterValue, PeerId, Receipt, Result,
};

fn print_receipt(context: &Context, what: &str, receipt: &Receipt) {
	output::receipt(context.json(), what, receipt);
}

/// Runs one `user` subcommand.
pub async fn user(context: &Context, command: UserCommand) -> Result<u8> {
	match command {
		UserCommand::Register { kind, name, identity_file, identity_hash } => {
			let identity = match (identity_file, identity_hash) {
				(Some(path), _) => hash_file(&path, HashAlgorithm::Blake2b256).await?.digest,
				(None, Some(digest)) => ContentHash::parse_digest(&digest).map_err(Error::Input)?,
				(None, None) => {
					return Err(Error::Input("give --identity-file or --identity-hash".into()))
				},
			};
			let (chain, signer) = context.signed().await?;
			let user = DataUser::new(chain).waiting_for(context.wait());
			let receipt = user.register(&signer, kind, &name, identity).await?;
			print_receipt(context, "registered; an operator approves it next", &receipt);
		},
		UserCommand::Deregister => {
			let (chain, signer) = context.signed().await?;
			let user = DataUser::new(chain).waiting_for(context.wait());
			let receipt = user.deregister(&signer).await?;
			print_receipt(context, "deregistered; the deposit is released", &receipt);
		},
		UserCommand::Show { account } => {
			let who = match account {
				Some(text) => keys::parse_account(&text)?,
				None => keys::account_of(&context.signer()?),
			};
			let user = DataUser::new(context.connect().await?);
			let record = user
				.registration(&who)
				.await?
				.ok_or_else(|| Error::NotFound(format!("data user {who}")))?;
			output::emit(context.json(), &record, |r| {
				output::fields(&[
					("account", r.account.to_string()),
					("kind", r.kind.to_string()),
					("name", r.name.clone()),
					("identity document", format!("0x{}", hex::encode(r.identity_document))),
					("status", r.status.to_string()),
					("deposit", output::dmc(r.deposit)),
					("registered at block", r.registered_at.to_string()),
				])
			});
		},
	}
	Ok(exit::OK)
}

/// Runs one `operator` subcommand.
pub async fn operator(context: &Context, command: OperatorCommand) -> Result<u8> {
	let (chain, signer) = context.signed().await?;
	let operator = Operator::new(chain, signer).waiting_for(context.wait());
	let (what, receipt) = match command {
		OperatorCommand::ApproveUser { account } => (
			"data user approved",
			operator.approve_data_user(&keys::parse_account(&account)?).await?,
		),
		OperatorCommand::SuspendUser { account } => (
			"data user suspended",
			operator.suspend_data_user(&keys::parse_account(&account)?).await?,
		),
		OperatorCommand::ReinstateUser { account } => (
			"data user reinstated",
			operator.reinstate_data_user(&keys::parse_account(&account)?).await?,
		),
		OperatorCommand::RemoveUser { account } => {
			("data user removed", operator.remove_data_user(&keys::parse_account(&account)?).await?)
		},
		OperatorCommand::ApproveSource { source } => {
			("source approved", operator.approve_source(source).await?)
		},
		OperatorCommand::RejectSource { source, reason } => {
			("source rejected", operator.reject_source(source, &reason).await?)
		},
		OperatorCommand::SuspendSource { source, reason } => {
			("source suspended", operator.suspend_source(source, &reason).await?)
		},
		OperatorCommand::LiftSuspension { source } => {
			("source suspension lifted", operator.lift_source_suspension(source).await?)
		},
		OperatorCommand::RegisterFormat { file } => {
			let text = std::fs::read_to_string(&file)
				.map_err(|e| Error::Input(format!("cannot read {}: {e}", file.display())))?;
			let dmchain_client::FormatRegistration { format, receipt } =
				operator.register_format(&FormatSpec::from_json(&text)?).await?;
			output::emit(
				context.json(),
				&serde_json::json!({ "format": format, "receipt": receipt }),
				|_| {
					output::fields(&[
						("format", format.to_string()),
						("block", output::block(&receipt)),
					])
				},
			);
			return Ok(exit::OK);
		},
		OperatorCommand::FormatVisibilities { format, allow } => (
			"format visibilities set",
			operator
				.set_format_visibilities(format, dmchain_client::AllowedVisibilities::only(&allow))
				.await?,
		),
		OperatorCommand::DeprecateFormat { format } => {
			("format deprecated", operator.deprecate_format(format).await?)
		},
		OperatorCommand::RemoveFormat { format } => {
			("format removed; its deposit is released", operator.remove_format(format).await?)
		},
		OperatorCommand::Set { assignment } => {
			("parameter set", operator.set_parameter(assignment.parse::<ParameterValue>()?).await?)
		},
		OperatorCommand::AddValidator { account } => (
			"validator added; it validates from the session after the next one",
			operator.add_validator(&keys::parse_account(&account)?).await?,
		),
		OperatorCommand::RemoveValidator { account } => (
			"validator removed; it stops from the session after the next one",
			operator.remove_validator(&keys::parse_account(&account)?).await?,
		),
		OperatorCommand::AuthorizeNode { peer_id, owner } => (
			"node authorized",
			operator
				.authorize_node(&PeerId::parse(&peer_id)?, &keys::parse_account(&owner)?)
				.await?,
		),
		OperatorCommand::RevokeNode { peer_id } => {
			("node revoked", operator.revoke_node(&PeerId::parse(&peer_id)?).await?)
		},
		OperatorCommand::NodeAuthorization { state } => {
			let enforced = state == Switch::On;
			let what = if enforced {
				"node authorization enforced: nodes keep peers only among the listed ones"
			} else {
				"node authorization no longer enforced"
			};
			(what, operator.set_node_authorization(enforced).await?)
		},
	};
	print_receipt(context, what, &receipt);
	Ok(exit::OK)
}

/// Runs one `governance` subcommand.
pub async fn governance(context: &Context, command: GovernanceCommand) -> Result<u8> {
	let (chain, sudo) = context.signed().await?;
	let governance = Governance::new(chain, sudo).waiting_for(context.wait());
	let (what, receipt) = match command {
		GovernanceCommand::AppointOperator { account } => (
			"operator appointed",
			governance.appoint_operator(&keys::parse_account(&account)?).await?,
		),
		GovernanceCommand::DismissOperator { account } => (
			"operator dismissed",
			governance.dismiss_operator(&keys::parse_account(&account)?).await?,
		),
		GovernanceCommand::AppointSupervisor { account } => (
			"supervisor appointed",
			governance.appoint_supervisor(&keys::parse_account(&account)?).await?,
		),
		GovernanceCommand::DismissSupervisor { account } => (
			"supervisor dismissed",
			governance.dismiss_supervisor(&keys::parse_account(&account)?).await?,
		),
	};
	print_receipt(context, what, &receipt);
	Ok(exit::OK)
}
