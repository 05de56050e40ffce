//! Extrinsic builders and inherent data for the node's `benchmark extrinsic` command: a
//! `system.remark` and a `balances.transfer_keep_alive`, signed by Alice.

use dmchain_node::service::FullClient;
use dmchain_runtime::{signing, AccountId, Balance, BalancesCall, SystemCall};
use frame_benchmarking_cli::ExtrinsicBuilder;
use sc_client_api::BlockBackend;
use sp_core::{Encode, H256};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::OpaqueExtrinsic;
use std::{sync::Arc, time::Duration};

/// Builds a signed call of Alice's for each nonce it is asked for.
pub struct SignedCallBuilder {
	genesis_hash: H256,
	pallet: &'static str,
	extrinsic: &'static str,
	call: dmchain_runtime::RuntimeCall,
}

impl SignedCallBuilder {
	fn new(
		client: &FullClient,
		pallet: &'static str,
		extrinsic: &'static str,
		call: dmchain_runtime::RuntimeCall,
	) -> Result<Self, &'static str> {
		let genesis_hash =
			client.block_hash(0).ok().flatten().ok_or("the database has no genesis block")?;
		Ok(Self { genesis_hash, pallet, extrinsic, call })
	}

	/// `system.remark` with an empty remark.
	pub fn remark(client: Arc<FullClient>) -> Result<Self, &'static str> {
		Self::new(&client, "system", "remark", SystemCall::remark { remark: vec![] }.into())
	}

	/// `balances.transfer_keep_alive` of `value` to `dest`.
	pub fn transfer_keep_alive(
		client: Arc<FullClient>,
		dest: AccountId,
		value: Balance,
	) -> Result<Self, &'static str> {
		let call = BalancesCall::transfer_keep_alive { dest: dest.into(), value }.into();
		Self::new(&client, "balances", "transfer_keep_alive", call)
	}
}

impl ExtrinsicBuilder for SignedCallBuilder {
	fn pallet(&self) -> &str {
		self.pallet
	}

	fn extrinsic(&self) -> &str {
		self.extrinsic
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let signed = signing::sign(
			self.call.clone(),
			&Sr25519Keyring::Alice.pair(),
			nonce,
			self.genesis_hash,
		);
		OpaqueExtrinsic::try_from_encoded_extrinsic(&signed.encode())
			.map_err(|_| "extrinsic does not decode")
	}
}

/// The inherent data of a benchmark block: the current time.
pub fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let now = sp_timestamp::InherentDataProvider::new(Duration::from_millis(0).into());
	futures::executor::block_on(now.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
