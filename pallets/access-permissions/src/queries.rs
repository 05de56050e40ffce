//! The access pallet's queries, answered by its runtime API: the access question (MGMT-1,
//! PRC-5), the data directory and lineage (GOV-1, APP-2), grants, requests and keys.

use crate::{
	pallet::{
		Config, DatasetKeyEpochs, Datasets, EncryptionKeys, Grants, NextDatasetId, Owners, Pallet,
		Requests, WrappedKeys,
	},
	types::{DatasetOf, WrappedKeyBytes},
};
use alloc::{collections::BTreeSet, collections::VecDeque, vec::Vec};
use dmchain_primitives::{
	AccessBasis, AccessDenial, AccessTarget, AuditPage, DatasetId, DatasetView, GrantView,
	KeyEpochView, Provenance, RecordRegistry, RequestView, Roles, Scope, Visibility,
};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;

/// A dataset as the runtime API answers it.
pub type DatasetViewOf<T> = DatasetView<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	crate::types::BalanceOf<T>,
>;

impl<T: Config> Pallet<T> {
	/// May `user` do `scope` on `target` at the current block (the block the runtime API is
	/// asked at), and on what basis; if not, why not. The owner may do everything; everyone
	/// may do everything on a public dataset; otherwise `user` must be an approved data user
	/// holding a grant that covers `scope` and has not reached its expiry block.
	pub fn access(
		user: &T::AccountId,
		scope: Scope,
		target: AccessTarget,
	) -> Result<AccessBasis<BlockNumberFor<T>>, AccessDenial<BlockNumberFor<T>>> {
		let id = target.dataset();
		let dataset = Datasets::<T>::get(id).ok_or(AccessDenial::DatasetNotFound)?;
		if let AccessTarget::Record { record, .. } = target {
			T::Records::record_facts(record).ok_or(AccessDenial::RecordNotFound)?;
			if !dataset.sources.contains(&record.source) {
				return Err(AccessDenial::RecordNotInDataset);
			}
		}
		if &dataset.owner == user {
			return Ok(AccessBasis::Owner);
		}
		if dataset.visibility == Visibility::Public {
			return Ok(AccessBasis::Public);
		}
		if !T::Roles::is_approved_data_user(user) {
			return Err(AccessDenial::NotApprovedDataUser);
		}
		let grant = Grants::<T>::get(id, user).ok_or(AccessDenial::NoGrant)?;
		if frame_system::Pallet::<T>::block_number() >= grant.expires_at {
			return Err(AccessDenial::GrantExpired { at: grant.expires_at });
		}
		if !grant.scope.covers(scope) {
			return Err(AccessDenial::ScopeNotGranted { granted: grant.scope });
		}
		Ok(AccessBasis::Grant { scope: grant.scope, expires_at: grant.expires_at })
	}

	/// The dataset `id` with its owner history, if it exists.
	pub fn dataset_view(id: DatasetId) -> Option<DatasetViewOf<T>> {
		Datasets::<T>::get(id).map(|dataset| Self::view(id, dataset))
	}

	fn view(id: DatasetId, d: DatasetOf<T>) -> DatasetViewOf<T> {
		let owners = (0..d.owners)
			.filter_map(|i| Owners::<T>::get(id, i))
			.map(|entry| (entry.owner, entry.since))
			.collect();
		DatasetView {
			id,
			owner: d.owner,
			title: d.title.into_inner(),
			description: d.description.into_inner(),
			format: d.format,
			visibility: d.visibility,
			sources: d.sources.into_inner(),
			derived_from: d.derived_from.into_inner(),
			created_at: d.created_at,
			owners,
			derivatives: d.derivatives,
			grants: d.grants,
			requests: d.requests,
			deposit: d.deposit,
		}
	}

	/// Whether `viewer` (`None`: an anonymous reader) sees dataset `dataset` in the directory:
	/// public ones everyone; consortium ones approved data users; private ones only the owner
	/// and holders of a grant that still counts. The owner and grantees always see theirs.
	pub fn is_listed_for(
		id: DatasetId,
		dataset: &DatasetOf<T>,
		viewer: Option<&T::AccountId>,
	) -> bool {
		if dataset.visibility == Visibility::Public {
			return true;
		}
		let Some(viewer) = viewer else { return false };
		if &dataset.owner == viewer {
			return true;
		}
		if dataset.visibility == Visibility::Consortium && T::Roles::is_approved_data_user(viewer) {
			return true;
		}
		let now = frame_system::Pallet::<T>::block_number();
		Grants::<T>::get(id, viewer).is_some_and(|grant| now < grant.expires_at)
	}

	/// The datasets `viewer` sees ([`Pallet::is_listed_for`]) with ids after `after`, lowest id
	/// first: at most `limit` (and `MaxPageSize`) of them, looking at no more than
	/// `4 × MaxPageSize` ids (a page may come back short; `next` says where to go on).
	pub fn datasets_page(
		viewer: Option<&T::AccountId>,
		after: Option<DatasetId>,
		limit: u32,
	) -> AuditPage<DatasetViewOf<T>> {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		let start = after.map_or(0, |a| a.saturating_add(1));
		let end = NextDatasetId::<T>::get();
		let scan = T::MaxPageSize::get().saturating_mul(4);
		let mut items = Vec::new();
		let mut last = None;
		let mut id = start;
		while id < end && items.len() < limit && id - start < scan {
			if let Some(dataset) = Datasets::<T>::get(id) {
				if Self::is_listed_for(id, &dataset, viewer) {
					items.push(Self::view(id, dataset));
				}
			}
			last = Some(id);
			id += 1;
		}
		let next = if id < end { last } else { None };
		AuditPage { items, next }
	}

	/// The ancestors of dataset `id` (the datasets it was derived from, theirs, and so on),
	/// each once, breadth first, at most `MaxProvenance`; `None` if `id` does not exist.
	pub fn provenance(id: DatasetId) -> Option<Provenance> {
		let dataset = Datasets::<T>::get(id)?;
		let bound = T::MaxProvenance::get() as usize;
		let mut seen = BTreeSet::new();
		let mut queue: VecDeque<DatasetId> = dataset.derived_from.into_iter().collect();
		let mut ancestors = Vec::new();
		while let Some(parent) = queue.pop_front() {
			if !seen.insert(parent) {
				continue;
			}
			if ancestors.len() == bound {
				return Some(Provenance { ancestors, complete: false });
			}
			ancestors.push(parent);
			if let Some(p) = Datasets::<T>::get(parent) {
				queue.extend(p.derived_from);
			}
		}
		Some(Provenance { ancestors, complete: true })
	}

	/// The grants on dataset `id`, in storage order, after grantee `after`: at most `limit`
	/// (and `MaxPageSize`). `next` is the last grantee of the page if there may be more.
	pub fn grants_page(
		id: DatasetId,
		after: Option<T::AccountId>,
		limit: u32,
	) -> (Vec<GrantView<T::AccountId, BlockNumberFor<T>>>, Option<T::AccountId>) {
		let limit = limit.min(T::MaxPageSize::get()) as usize;
		let now = frame_system::Pallet::<T>::block_number();
		let iter = match after {
			Some(after) => {
				Grants::<T>::iter_prefix_from(id, Grants::<T>::hashed_key_for(id, after))
			},
			None => Grants::<T>::iter_prefix(id),
		};
		let items: Vec<_> = iter
			.take(limit)
			.map(|(user, g)| GrantView {
				user,
				scope: g.scope,
				purpose: g.purpose.into_inner(),
				expires_at: g.expires_at,
				granted_at: g.granted_at,
				expired: now >= g.expires_at,
			})
			.collect();
		let next = if items.len() == limit { items.last().map(|g| g.user.clone()) } else { None };
		(items, next)
	}

	/// The requests waiting on dataset `id` (at most `MaxPendingRequests`).
	pub fn requests_of(id: DatasetId) -> Vec<RequestView<T::AccountId, BlockNumberFor<T>>> {
		Requests::<T>::iter_prefix(id)
			.take(T::MaxPendingRequests::get() as usize)
			.map(|(user, r)| RequestView {
				user,
				scope: r.scope,
				purpose: r.purpose.into_inner(),
				expires_at: r.expires_at,
				requested_at: r.requested_at,
			})
			.collect()
	}

	/// The X25519 encryption key `who` registered, if any.
	pub fn encryption_key(who: &T::AccountId) -> Option<[u8; 32]> {
		EncryptionKeys::<T>::get(who).map(|entry| entry.key)
	}

	/// Dataset `id`'s key epochs: the current epoch and how many wrapped keys it holds; `None`
	/// if the dataset does not exist.
	pub fn key_epochs(id: DatasetId) -> Option<KeyEpochView> {
		Datasets::<T>::contains_key(id).then(|| {
			let state = DatasetKeyEpochs::<T>::get(id);
			KeyEpochView { epoch: state.epoch, wrapped: state.wrapped }
		})
	}

	/// The key of dataset `id`'s epoch `epoch` wrapped for `who`, if the owner stored one.
	pub fn wrapped_key(id: DatasetId, epoch: u32, who: &T::AccountId) -> Option<WrappedKeyBytes> {
		WrappedKeys::<T>::get((id, epoch), who).map(|entry| entry.wrapped)
	}
}
