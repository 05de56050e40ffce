//! Building signed transactions off chain (std only): used by the node's extrinsic benchmarks
//! and by the end-to-end tests, which submit through `author_submitExtrinsic`.

use crate::{
	Runtime, RuntimeCall, Signature, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use codec::Encode;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::generic::Era;

/// The transaction extensions of an immortal transaction from an account at `nonce` with no
/// tip and no metadata-hash check.
pub fn tx_extension(nonce: crate::Nonce) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// `call` signed by `signer` at `nonce`, valid on the chain whose genesis block is
/// `genesis_hash` and whose runtime is this one (spec and transaction versions).
pub fn sign(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	nonce: crate::Nonce,
	genesis_hash: H256,
) -> UncheckedExtrinsic {
	let extension = tx_extension(nonce);
	let payload = SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		(
			(),
			VERSION.spec_version,
			VERSION.transaction_version,
			genesis_hash,
			genesis_hash,
			(),
			(),
			(),
			None,
			(),
		),
	);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(signer.public().into()),
		Signature::Sr25519(signature),
		extension,
	)
}
