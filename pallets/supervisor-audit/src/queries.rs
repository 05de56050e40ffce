//! Read-only queries behind the supervisor audit's runtime API (D3.7 MON-1, MON-4, SVC-4), and
//! the verdicts the registry's answers show. None is called on chain; each answer is bounded
//! by `MaxPageSize`.

use crate::{
	pallet::{
		Cases, CasesByStatus, CasesBySubject, Config, Findings, Flags, FlagsBySubject, NextFlagId,
		Pallet, UpheldRecords, UpheldSources,
	},
	types::{CaseOf, FlagOf, IdKey},
};
use alloc::vec::Vec;
use codec::FullCodec;
use dmchain_primitives::{
	AuditPage, CaseFilter, CaseId, CaseView, FindingView, FlagId, FlagView, RecordId,
	RecordRegistry, RecordStanding, RecordVerdict, ResolutionView, SourceControl, Subject,
};
use frame_support::{
	storage::{IterableStorageDoubleMap, StorageDoubleMap},
	traits::Get,
};
use frame_system::pallet_prelude::BlockNumberFor;

/// A flag as the runtime API answers it.
pub type FlagViewOf<T> = FlagView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A case as the runtime API answers it.
pub type CaseViewOf<T> = CaseView<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// The flag `id`, if it exists.
	pub fn flag_view(id: FlagId) -> Option<FlagViewOf<T>> {
		Flags::<T>::get(id).map(|flag| flag_view::<T>(id, flag))
	}

	/// The case `id` with its findings, if it exists.
	pub fn case_view(id: CaseId) -> Option<CaseViewOf<T>> {
		Cases::<T>::get(id).map(|case| Self::view_case(id, case))
	}

	/// The flags after `after` (from the first when `None`), at most `limit` (capped at
	/// `MaxPageSize`), lowest id first: about `subject`, or all flags when `None`.
	pub fn flags(
		subject: Option<Subject>,
		after: Option<FlagId>,
		limit: u32,
	) -> AuditPage<FlagViewOf<T>> {
		let size = Self::page_size(limit);
		let ids = match subject {
			Some(subject) => page_of_index::<FlagsBySubject<T>, _>(subject, after, size),
			None => page_of_range(NextFlagId::<T>::get(), after, size),
		};
		AuditPage { items: ids.0.into_iter().filter_map(Self::flag_view).collect(), next: ids.1 }
	}

	/// The cases `filter` selects after `after`, at most `limit` (capped at `MaxPageSize`),
	/// lowest id first, each with its findings.
	pub fn cases(
		filter: CaseFilter,
		after: Option<CaseId>,
		limit: u32,
	) -> AuditPage<CaseViewOf<T>> {
		let size = Self::page_size(limit);
		let ids = match filter {
			CaseFilter::Subject(subject) => {
				page_of_index::<CasesBySubject<T>, _>(subject, after, size)
			},
			CaseFilter::Status(status) => page_of_index::<CasesByStatus<T>, _>(status, after, size),
		};
		AuditPage { items: ids.0.into_iter().filter_map(Self::case_view).collect(), next: ids.1 }
	}

	/// Whether record `id` can be relied on (MON-4, SVC-4), each part its own field; `digest`,
	/// if given, is checked against the anchored one.
	pub fn record_verdict(
		id: RecordId,
		digest: Option<[u8; 32]>,
	) -> RecordVerdict<BlockNumberFor<T>> {
		let facts = T::Records::record_facts(id);
		let status = T::Sources::status_of(id.source);
		let anchored = facts.is_some();
		let hash_matches = match (&facts, digest) {
			(Some(facts), Some(digest)) => Some(facts.content.digest == digest),
			_ => None,
		};
		let record_case = UpheldRecords::<T>::get(id);
		let source_case = UpheldSources::<T>::get(id.source);
		RecordVerdict {
			record: id,
			anchored,
			content: facts.as_ref().map(|facts| facts.content),
			block: facts.as_ref().map(|facts| facts.block),
			hash_matches,
			admitted: anchored,
			source_status: status.map(|(status, _)| status),
			source_frozen: status.is_some_and(|(_, holds)| holds.supervisor_freeze),
			superseded_by: facts
				.and_then(|facts| facts.superseded_by)
				.map(|index| RecordId { source: id.source, index }),
			record_case,
			source_case,
			valid: anchored
				&& hash_matches != Some(false)
				&& record_case.is_none()
				&& source_case.is_none(),
		}
	}

	fn page_size(limit: u32) -> usize {
		limit.min(T::MaxPageSize::get()) as usize
	}

	fn view_case(id: CaseId, case: CaseOf<T>) -> CaseViewOf<T> {
		let findings = (0..case.findings)
			.filter_map(|position| Findings::<T>::get(id, position))
			.map(|finding| FindingView {
				text: finding.text.into_inner(),
				evidence: finding.evidence,
				by: finding.by,
				at: finding.at,
			})
			.collect();
		CaseView {
			id,
			subject: case.subject,
			status: case.status,
			flags: case.flags.into_inner(),
			summary: case.summary.into_inner(),
			opened_by: case.opened_by,
			opened_at: case.opened_at,
			findings,
			resolution: case.resolution.map(|resolution| ResolutionView {
				outcome: resolution.outcome,
				reason: resolution.reason.into_inner(),
				by: resolution.by,
				at: resolution.at,
			}),
		}
	}
}

fn flag_view<T: Config>(id: FlagId, flag: FlagOf<T>) -> FlagViewOf<T> {
	FlagView {
		id,
		subject: flag.subject,
		reason: flag.reason,
		text: flag.text.into_inner(),
		evidence: flag.evidence,
		by: flag.by,
		at: flag.at,
		case: flag.case,
	}
}

/// Up to `size` ids of index `Index` under `prefix` after `after` (from its start when
/// `None`), in id order, and the `next` cursor if there are more.
fn page_of_index<Index, Prefix>(
	prefix: Prefix,
	after: Option<u32>,
	size: usize,
) -> (Vec<u32>, Option<u32>)
where
	Index: IterableStorageDoubleMap<Prefix, IdKey, ()> + StorageDoubleMap<Prefix, IdKey, ()>,
	Prefix: FullCodec + Copy,
{
	let keys = match after {
		None => Index::iter_key_prefix(prefix),
		Some(id) => {
			Index::iter_key_prefix_from(prefix, Index::hashed_key_for(prefix, IdKey::new(id)))
		},
	};
	first_page(keys.map(|key| key.id()), size)
}

/// Up to `size` ids of `0..end` after `after`, and the `next` cursor if there are more.
fn page_of_range(end: u32, after: Option<u32>, size: usize) -> (Vec<u32>, Option<u32>) {
	let start = after.map_or(0, |id| id.saturating_add(1));
	first_page(start..end, size)
}

/// The first `size` of `ids`, and the last of them as the `next` cursor if `ids` has more.
fn first_page(ids: impl Iterator<Item = u32>, size: usize) -> (Vec<u32>, Option<u32>) {
	let mut page: Vec<u32> = ids.take(size.saturating_add(1)).collect();
	let more = page.len() > size;
	page.truncate(size);
	let next = if more { page.last().copied() } else { None };
	(page, next)
}

impl<T: Config> RecordStanding for Pallet<T> {
	fn upheld_case(id: RecordId) -> Option<CaseId> {
		match (UpheldRecords::<T>::get(id), UpheldSources::<T>::get(id.source)) {
			(Some(a), Some(b)) => Some(a.min(b)),
			(a, b) => a.or(b),
		}
	}
}
