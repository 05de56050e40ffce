//! The supervisory actions: flags, cases, findings, resolutions and freezes (D3.7 MON-1,
//! MON-4, PROC-MONITOR).

use crate::{
	pallet::{
		Cases, CasesByStatus, CasesBySubject, Config, Error, Event, Findings, Flags,
		FlagsBySubject, NextCaseId, NextFlagId, Pallet, UpheldRecords, UpheldSources,
	},
	types::{BalanceOf, Case, Finding, Flag, IdKey, Resolution, TextOf},
};
use dmchain_primitives::{
	CaseId, CaseOutcome, CaseStatus, FlagId, ReasonCode, RecordRegistry, Roles, SourceControl,
	SourceHold, SourceId, Subject,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use frame_system::pallet_prelude::OriginFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The signer of `origin`, if it is a supervisor.
	pub(crate) fn ensure_supervisor(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		ensure!(T::Roles::is_supervisor(&who), Error::<T>::NotSupervisor);
		Ok(who)
	}

	/// The storage fee of an entry with `text` bytes of text: `EntryFee + ByteFee × bytes`.
	pub fn entry_fee(bytes: u32) -> BalanceOf<T> {
		T::ByteFee::get().saturating_mul(bytes.into()).saturating_add(T::EntryFee::get())
	}

	pub(crate) fn do_flag(
		who: T::AccountId,
		subject: Subject,
		reason: ReasonCode,
		text: TextOf<T>,
		evidence: Option<[u8; 32]>,
	) -> Result<FlagId, DispatchError> {
		ensure!(Self::subject_exists(subject), Error::<T>::SubjectNotFound);
		check_text::<T>(&text)?;
		let id = NextFlagId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::FlagIdsExhausted)?;
		Self::charge(&who, text.len() as u32)?;
		Flags::<T>::insert(
			id,
			Flag {
				subject,
				reason,
				text,
				evidence,
				by: who.clone(),
				at: frame_system::Pallet::<T>::block_number(),
				case: None,
			},
		);
		FlagsBySubject::<T>::insert(subject, IdKey::new(id), ());
		NextFlagId::<T>::put(next);
		Self::deposit_event(Event::Flagged { flag: id, subject, reason, by: who });
		Ok(id)
	}

	pub(crate) fn do_open_case(
		who: T::AccountId,
		subject: Subject,
		flags: BoundedVec<FlagId, T::MaxFlagsPerCase>,
		summary: TextOf<T>,
	) -> Result<CaseId, DispatchError> {
		ensure!(Self::subject_exists(subject), Error::<T>::SubjectNotFound);
		check_text::<T>(&summary)?;
		ensure!(!flags.is_empty(), Error::<T>::NoFlags);
		for (position, flag) in flags.iter().enumerate() {
			ensure!(!flags[..position].contains(flag), Error::<T>::DuplicateFlag);
			let entry = Flags::<T>::get(flag).ok_or(Error::<T>::FlagNotFound)?;
			ensure!(entry.subject == subject, Error::<T>::FlagOnOtherSubject);
			ensure!(entry.case.is_none(), Error::<T>::FlagAlreadyInCase);
		}
		let id = NextCaseId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::CaseIdsExhausted)?;
		Self::charge(&who, summary.len() as u32)?;
		for flag in flags.iter() {
			Flags::<T>::mutate(flag, |entry| {
				if let Some(entry) = entry {
					entry.case = Some(id);
				}
			});
		}
		let count = flags.len() as u32;
		Cases::<T>::insert(
			id,
			Case {
				subject,
				status: CaseStatus::Open,
				flags,
				summary,
				opened_by: who.clone(),
				opened_at: frame_system::Pallet::<T>::block_number(),
				findings: 0,
				resolution: None,
			},
		);
		CasesBySubject::<T>::insert(subject, IdKey::new(id), ());
		CasesByStatus::<T>::insert(CaseStatus::Open, IdKey::new(id), ());
		NextCaseId::<T>::put(next);
		Self::deposit_event(Event::CaseOpened { case: id, subject, flags: count, by: who });
		Ok(id)
	}

	pub(crate) fn do_add_finding(
		who: T::AccountId,
		case: CaseId,
		text: TextOf<T>,
		evidence: Option<[u8; 32]>,
	) -> DispatchResult {
		check_text::<T>(&text)?;
		let position = Cases::<T>::try_mutate(case, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::CaseNotFound)?;
			ensure!(entry.status == CaseStatus::Open, Error::<T>::CaseNotOpen);
			ensure!(entry.findings < T::MaxFindingsPerCase::get(), Error::<T>::TooManyFindings);
			let position = entry.findings;
			entry.findings = position.saturating_add(1);
			Ok::<_, Error<T>>(position)
		})?;
		Self::charge(&who, text.len() as u32)?;
		Findings::<T>::insert(
			case,
			position,
			Finding {
				text,
				evidence,
				by: who.clone(),
				at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::FindingAdded { case, finding: position, by: who });
		Ok(())
	}

	pub(crate) fn do_resolve_case(
		who: T::AccountId,
		case: CaseId,
		outcome: CaseOutcome,
		reason: TextOf<T>,
	) -> DispatchResult {
		check_text::<T>(&reason)?;
		let bytes = reason.len() as u32;
		let subject = Cases::<T>::try_mutate(case, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::CaseNotFound)?;
			ensure!(entry.status == CaseStatus::Open, Error::<T>::CaseNotOpen);
			entry.status = outcome.into();
			entry.resolution = Some(Resolution {
				outcome,
				reason,
				by: who.clone(),
				at: frame_system::Pallet::<T>::block_number(),
			});
			Ok::<_, Error<T>>(entry.subject)
		})?;
		Self::charge(&who, bytes)?;
		CasesByStatus::<T>::remove(CaseStatus::Open, IdKey::new(case));
		CasesByStatus::<T>::insert(CaseStatus::from(outcome), IdKey::new(case), ());
		if outcome == CaseOutcome::Upheld {
			// The first upheld case stays the one the registry's answers name.
			match subject {
				Subject::Record(id) => {
					UpheldRecords::<T>::mutate(id, |first| *first = first.or(Some(case)))
				},
				Subject::Source(id) => {
					UpheldSources::<T>::mutate(id, |first| *first = first.or(Some(case)))
				},
			}
		}
		Self::deposit_event(Event::CaseResolved { case, outcome, by: who });
		Ok(())
	}

	pub(crate) fn do_freeze(
		who: T::AccountId,
		source: SourceId,
		case: Option<CaseId>,
	) -> DispatchResult {
		if let Some(case) = case {
			let subject = Cases::<T>::get(case).ok_or(Error::<T>::CaseNotFound)?.subject;
			let about = match subject {
				Subject::Record(id) => id.source,
				Subject::Source(id) => id,
			};
			ensure!(about == source, Error::<T>::CaseOnOtherSource);
		}
		T::Sources::hold(source, SourceHold::SupervisorFreeze)?;
		Self::deposit_event(Event::SourceFrozen { source, case, by: who });
		Ok(())
	}

	pub(crate) fn do_unfreeze(who: T::AccountId, source: SourceId) -> DispatchResult {
		T::Sources::lift(source, SourceHold::SupervisorFreeze)?;
		Self::deposit_event(Event::SourceUnfrozen { source, by: who });
		Ok(())
	}

	/// Whether the record or source `subject` names exists.
	fn subject_exists(subject: Subject) -> bool {
		match subject {
			Subject::Record(id) => T::Records::record_facts(id).is_some(),
			Subject::Source(id) => T::Sources::status_of(id).is_some(),
		}
	}

	/// Burns [`Self::entry_fee`] for an entry with `bytes` bytes of text from `who`, keeping
	/// its account alive.
	fn charge(who: &T::AccountId, bytes: u32) -> DispatchResult {
		let fee = Self::entry_fee(bytes);
		if !fee.is_zero() {
			T::Currency::burn_from(
				who,
				fee,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.map_err(|_| Error::<T>::InsufficientFee)?;
		}
		Ok(())
	}
}

/// A supervisor's text is non-empty UTF-8.
fn check_text<T: Config>(text: &TextOf<T>) -> Result<(), Error<T>> {
	ensure!(!text.is_empty(), Error::<T>::EmptyText);
	ensure!(core::str::from_utf8(text).is_ok(), Error::<T>::InvalidUtf8);
	Ok(())
}
