//! Whole blocks through `Executive`, as a node builds them (Aura's slot digest, the timestamp
//! inherent, `finalize_block` with its `on_idle`): what the pallet unit tests cannot show
//! because their mock calls the hooks by hand with a weight of its own choosing.

use crate::permissions::{base_state, bob_grants_charlie, create_dataset_call, genesis, must};
use codec::Encode;
use dmchain_runtime::{
	Executive, Hash, Header, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic, SLOT_DURATION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Header as _, Digest, DigestItem};

/// The time of block `number`: one slot after the other from the genesis preset's clock.
fn time_of(number: u32) -> u64 {
	1_750_000_000_000 + u64::from(number) * SLOT_DURATION
}

/// Starts block `number` on `parent` as the node's proposer does: the author's slot in the
/// pre-runtime digest, then the timestamp inherent.
fn start_block(number: u32, parent: Hash) {
	let now = time_of(number);
	let slot = Slot::from(now / SLOT_DURATION);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent, digest);
	Executive::initialize_block(&header);
	let inherent =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	Executive::apply_extrinsic(inherent)
		.expect("the timestamp inherent is valid")
		.expect("the timestamp inherent dispatches");
	Executive::inherents_applied();
}

/// Ends the current block as the node does (`on_idle`, `on_finalize`, the header); returns
/// its hash, the next block's parent.
fn end_block() -> Hash {
	Executive::finalize_block().hash()
}

/// The access events of the block just ended.
fn access_events() -> Vec<pallet_access_permissions::Event<Runtime>> {
	frame_system::Pallet::<Runtime>::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::AccessPermissions(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Runs `test` on the development genesis with Bob's dataset 0 (Charlie an approved data
/// user), outside any block.
fn with_bobs_dataset(test: impl FnOnce()) {
	genesis().execute_with(|| {
		base_state();
		must(create_dataset_call(), "owner");
		test()
	});
}

/// The events `on_idle` emits removing Charlie's grant (to read) on dataset 0 that expired at
/// `at`: the grant leaves, and the dataset's key epoch moves on (MGMT-2).
fn charlies_grant_removed(at: u32) -> Vec<pallet_access_permissions::Event<Runtime>> {
	use pallet_access_permissions::Event;
	let user = Sr25519Keyring::Charlie.to_account_id();
	vec![
		Event::ExpiredGrantRemoved { dataset: 0, user, expired_at: at },
		Event::KeyEpochRotated { dataset: 0, epoch: 1 },
	]
}

/// A grant leaves storage in its expiry block by itself, in the runtime's own `on_idle` with
/// the weight `Executive` leaves it, and its deposit goes back (D3.7 MGMT-1, PRC-5).
#[test]
fn an_expired_grant_leaves_storage_in_its_expiry_block() {
	with_bobs_dataset(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let free_before = pallet_balances::Pallet::<Runtime>::free_balance(&bob);

		start_block(2, Default::default());
		must(bob_grants_charlie(5), "owner");
		let mut parent = end_block();
		assert!(pallet_access_permissions::Grants::<Runtime>::contains_key(0, &charlie));

		for number in 3..5 {
			start_block(number, parent);
			parent = end_block();
			assert!(
				pallet_access_permissions::Grants::<Runtime>::contains_key(0, &charlie),
				"the grant is still in storage after block {number}"
			);
		}

		start_block(5, parent);
		end_block();
		assert_eq!(access_events(), charlies_grant_removed(5));
		assert!(!pallet_access_permissions::Grants::<Runtime>::contains_key(0, &charlie));
		assert_eq!(pallet_access_permissions::GrantExpiries::<Runtime>::iter_keys().count(), 0);
		assert_eq!(pallet_balances::Pallet::<Runtime>::free_balance(&bob), free_before);
	});
}

/// A session-change block has no idle weight (pallet-session charges the whole block for the
/// rotation), so a grant due in it leaves storage in the next block; in between the access
/// answer already refuses it (D3.7 MGMT-1, PRC-5).
#[test]
fn a_grant_due_at_a_session_change_leaves_storage_one_block_later() {
	use dmchain_primitives::{AccessDenial, AccessTarget, Scope};
	use dmchain_runtime::configs::sessions::SESSION_PERIOD;
	with_bobs_dataset(|| {
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let read = || {
			pallet_access_permissions::Pallet::<Runtime>::access(
				&charlie,
				Scope::Read,
				AccessTarget::Dataset(0),
			)
		};

		start_block(2, Default::default());
		must(bob_grants_charlie(SESSION_PERIOD), "owner");
		let mut parent = end_block();
		for number in 3..SESSION_PERIOD {
			start_block(number, parent);
			parent = end_block();
		}
		assert!(read().is_ok(), "the grant counts before its expiry block");

		start_block(SESSION_PERIOD, parent);
		let rotation = end_block();
		let max_block = dmchain_runtime::configs::RuntimeBlockWeights::get().max_block;
		let used = frame_system::Pallet::<Runtime>::block_weight().total();
		assert!(used.ref_time() >= max_block.ref_time(), "the rotation took the whole block");
		assert!(pallet_access_permissions::Grants::<Runtime>::contains_key(0, &charlie));
		assert_eq!(read(), Err(AccessDenial::GrantExpired { at: SESSION_PERIOD }));

		start_block(SESSION_PERIOD + 1, rotation);
		end_block();
		assert_eq!(access_events(), charlies_grant_removed(SESSION_PERIOD));
		assert_eq!(read(), Err(AccessDenial::NoGrant));
	});
}
