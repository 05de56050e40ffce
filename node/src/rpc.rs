//! The node's JSON-RPC extensions: account nonces, fee queries, the registry's methods, the
//! operator configuration's, the supervisor audit's and the access permissions'.

use dmchain_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use std::sync::Arc;

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client, for runtime-API calls.
	pub client: Arc<C>,
	/// The transaction pool, for nonces that count pending transactions.
	pub pool: Arc<P>,
}

/// The RPC extensions of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api:
		pallet_data_registry_rpc::DataRegistryRuntimeApi<Block, AccountId, Balance, BlockNumber>,
	C::Api: pallet_operator_config_rpc::OperatorConfigRuntimeApi<Block, AccountId, BlockNumber>,
	C::Api: pallet_supervisor_audit_rpc::SupervisorAuditRuntimeApi<Block, AccountId, BlockNumber>,
	C::Api: pallet_access_permissions_rpc::AccessPermissionsRuntimeApi<
		Block,
		AccountId,
		BlockNumber,
		Balance,
	>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_access_permissions_rpc::{AccessPermissions, AccessPermissionsApiServer};
	use pallet_data_registry_rpc::{DataRegistry, DataRegistryApiServer};
	use pallet_operator_config_rpc::{OperatorConfig, OperatorConfigApiServer};
	use pallet_supervisor_audit_rpc::{SupervisorAudit, SupervisorAuditApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(DataRegistryApiServer::<_, AccountId, Balance, BlockNumber>::into_rpc(
		DataRegistry::<C, Block>::new(client.clone()),
	))?;
	module.merge(OperatorConfigApiServer::<_, AccountId, BlockNumber>::into_rpc(
		OperatorConfig::<C, Block>::new(client.clone()),
	))?;
	module.merge(SupervisorAuditApiServer::<_, AccountId, BlockNumber>::into_rpc(
		SupervisorAudit::<C, Block>::new(client.clone()),
	))?;
	module.merge(AccessPermissionsApiServer::<_, AccountId, BlockNumber, Balance>::into_rpc(
		AccessPermissions::<C, Block>::new(client),
	))?;
	Ok(module)
}
