//! Node authorization (CTL-5): operators keep the list of peer ids that may join the network
//! and decide when the list is enforced. Each node's offchain worker hands the list to its
//! networking layer (`sp_io::offchain::set_authorized_nodes`): while enforced, the node keeps
//! peers only among the listed nodes.

use crate::{
	pallet::{
		AuthorizedNodeCount, AuthorizedNodes, Config, Error, Event, NodeAuthorizationEnforced,
		Pallet,
	},
	types::{AuthorizedNode, PeerIdBytes},
};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::OpaquePeerId;
use sp_runtime::offchain::storage::StorageValueRef;

/// The multihash code of an inlined (identity) peer id: the public key itself.
const IDENTITY_MULTIHASH: u8 = 0x00;
/// The multihash code of a SHA2-256 peer id (keys longer than 42 bytes).
const SHA2_256_MULTIHASH: u8 = 0x12;
/// The longest key libp2p inlines in a peer id.
const MAX_INLINED_KEY: usize = 42;

/// Where a node's offchain worker remembers that it put its network into authorized-only mode,
/// so that it lifts the mode once when operators stop enforcing the list.
const APPLIED_KEY: &[u8] = b"dmchain::operator-config::node-authorization-applied";

/// Whether `peer_id` is a libp2p peer id in its binary form (a multihash: an inlined public
/// key, or the SHA2-256 of one). The base58 text form (`12D3KooW…`) decodes to this.
pub fn is_valid_peer_id(peer_id: &[u8]) -> bool {
	match peer_id {
		[IDENTITY_MULTIHASH, len, key @ ..] => {
			*len as usize == key.len() && !key.is_empty() && key.len() <= MAX_INLINED_KEY
		},
		[SHA2_256_MULTIHASH, 32, digest @ ..] => digest.len() == 32,
		_ => false,
	}
}

/// What a node's networking layer is told: the peers it may keep and whether only those.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NetworkInstruction {
	/// The authorized peer ids.
	pub nodes: Vec<OpaquePeerId>,
	/// Whether the node keeps peers only among `nodes`.
	pub authorized_only: bool,
}

impl<T: Config> Pallet<T> {
	/// Adds `peer_id` (owned by `owner`) to the list; `operator` is `None` at genesis.
	pub(crate) fn do_authorize_node(
		operator: Option<T::AccountId>,
		peer_id: PeerIdBytes,
		owner: T::AccountId,
	) -> DispatchResult {
		ensure!(is_valid_peer_id(&peer_id), Error::<T>::InvalidPeerId);
		ensure!(!AuthorizedNodes::<T>::contains_key(&peer_id), Error::<T>::NodeAlreadyAuthorized);
		let count = AuthorizedNodeCount::<T>::get();
		ensure!(count < T::MaxAuthorizedNodes::get(), Error::<T>::TooManyAuthorizedNodes);
		let entry = AuthorizedNode {
			owner: owner.clone(),
			authorized_by: operator.clone(),
			authorized_at: frame_system::Pallet::<T>::block_number(),
		};
		AuthorizedNodes::<T>::insert(&peer_id, entry);
		AuthorizedNodeCount::<T>::put(count + 1);
		Self::deposit_event(Event::NodeAuthorized { peer_id, owner, by: operator });
		Ok(())
	}

	pub(crate) fn do_revoke_node(operator: T::AccountId, peer_id: PeerIdBytes) -> DispatchResult {
		ensure!(AuthorizedNodes::<T>::contains_key(&peer_id), Error::<T>::NodeNotAuthorized);
		let count = AuthorizedNodeCount::<T>::get();
		ensure!(count > 1 || !NodeAuthorizationEnforced::<T>::get(), Error::<T>::NoAuthorizedNodes);
		AuthorizedNodes::<T>::remove(&peer_id);
		AuthorizedNodeCount::<T>::put(count.saturating_sub(1));
		Self::deposit_event(Event::NodeRevoked { peer_id, by: operator });
		Ok(())
	}

	pub(crate) fn do_set_node_authorization(
		operator: T::AccountId,
		enforced: bool,
	) -> DispatchResult {
		ensure!(
			NodeAuthorizationEnforced::<T>::get() != enforced,
			Error::<T>::NodeAuthorizationUnchanged
		);
		ensure!(!enforced || AuthorizedNodeCount::<T>::get() > 0, Error::<T>::NoAuthorizedNodes);
		NodeAuthorizationEnforced::<T>::put(enforced);
		Self::deposit_event(Event::NodeAuthorizationSet { enforced, by: operator });
		Ok(())
	}

	/// What the network of the node `own` (its peer id, if known) should be told now, given
	/// whether this node put it into authorized-only mode before: the other listed nodes while
	/// the list is enforced; once, an empty list without the mode after enforcement ended;
	/// otherwise nothing (a node's own `--reserved-nodes` stay untouched on a chain that never
	/// enforced the list).
	pub fn network_instruction(
		own: Option<&[u8]>,
		applied_before: bool,
	) -> Option<NetworkInstruction> {
		if NodeAuthorizationEnforced::<T>::get() {
			let nodes = AuthorizedNodes::<T>::iter_keys()
				.filter(|peer| Some(&peer[..]) != own)
				.map(|peer| OpaquePeerId(peer.into_inner()))
				.collect();
			Some(NetworkInstruction { nodes, authorized_only: true })
		} else if applied_before {
			Some(NetworkInstruction { nodes: Vec::new(), authorized_only: false })
		} else {
			None
		}
	}

	/// The offchain worker's part: applies [`Self::network_instruction`] to this node's network.
	pub(crate) fn apply_node_authorization(_now: BlockNumberFor<T>) {
		let applied = StorageValueRef::persistent(APPLIED_KEY);
		let applied_before = applied.get::<bool>().ok().flatten().unwrap_or(false);
		// The node's own peer id comes SCALE-encoded in its network state.
		let own: Option<Vec<u8>> = sp_io::offchain::network_state()
			.ok()
			.and_then(|state| Vec::<u8>::decode(&mut &state.peer_id.0[..]).ok());
		if let Some(instruction) = Self::network_instruction(own.as_deref(), applied_before) {
			sp_io::offchain::set_authorized_nodes(instruction.nodes, instruction.authorized_only);
			applied.set(&instruction.authorized_only);
		}
	}
}
