//! Encryption keys: every account that receives content keys registers an X25519 public key,
//! bound to the account by its signature (D3.7 MGMT-2, GOV-2).

use crate::{
	pallet::{Config, EncryptionKeys, Error, Event, HoldReason, Pallet},
	types::EncryptionKey,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Verify, DispatchResult};

/// The domain tag at the start of every key proof.
pub const KEY_PROOF_TAG: &[u8] = b"dmchain/encryption-key/v1";

impl<T: Config> Pallet<T> {
	/// What an account signs to prove its encryption key: [`KEY_PROOF_TAG`], the chain's
	/// genesis hash (SCALE, 32 bytes for dmchain), the account id (SCALE) and the 32-byte key.
	/// Another client reproduces it byte for byte from these four.
	pub fn key_proof_message(who: &T::AccountId, key: &[u8; 32]) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::from(0u32));
		let mut message = KEY_PROOF_TAG.to_vec();
		genesis.encode_to(&mut message);
		who.encode_to(&mut message);
		message.extend_from_slice(key);
		message
	}

	pub(crate) fn do_register_key(
		who: T::AccountId,
		key: [u8; 32],
		proof: T::Signature,
	) -> DispatchResult {
		ensure!(key != [0u8; 32], Error::<T>::InvalidKey);
		let message = Self::key_proof_message(&who, &key);
		ensure!(proof.verify(&message[..], &who), Error::<T>::InvalidKeyProof);
		let reason = HoldReason::KeyDeposit.into();
		if let Some(old) = EncryptionKeys::<T>::take(&who) {
			T::Currency::release(&reason, &who, old.deposit, Precision::BestEffort)?;
		}
		let mut entry = EncryptionKey {
			key,
			registered_at: frame_system::Pallet::<T>::block_number(),
			deposit: Default::default(),
		};
		entry.deposit = Self::deposit_for(entry.encoded_size());
		T::Currency::hold(&reason, &who, entry.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		EncryptionKeys::<T>::insert(&who, entry);
		Self::deposit_event(Event::EncryptionKeyRegistered { who, key });
		Ok(())
	}

	pub(crate) fn do_remove_key(who: T::AccountId) -> DispatchResult {
		let entry = EncryptionKeys::<T>::take(&who).ok_or(Error::<T>::KeyNotFound)?;
		T::Currency::release(
			&HoldReason::KeyDeposit.into(),
			&who,
			entry.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::EncryptionKeyRemoved { who });
		Ok(())
	}
}
