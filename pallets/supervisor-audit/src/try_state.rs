//! Invariants between the supervisor audit's storage items, checked by `try-runtime` and after
//! every unit test.

use crate::{
	pallet::{
		Cases, CasesByStatus, CasesBySubject, Config, Findings, Flags, FlagsBySubject, NextCaseId,
		NextFlagId, Pallet, UpheldRecords, UpheldSources,
	},
	types::IdKey,
};
use dmchain_primitives::{CaseStatus, Subject};
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that the indexes agree with the entries:
	/// - every flag and case id is below its counter;
	/// - each flag is in `FlagsBySubject` under its subject, and that index holds nothing else;
	///   a flag's case names it among its flags, on the same subject;
	/// - each case is in `CasesBySubject` and in `CasesByStatus` under its status, nothing
	///   else is; its findings sit at `0..findings`; it has a resolution exactly when resolved;
	/// - `UpheldRecords` and `UpheldSources` name an upheld case (the first) about each
	///   subject that has one, and nothing else.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next_flag = NextFlagId::<T>::get();
		let mut flags = 0u64;
		for (id, flag) in Flags::<T>::iter() {
			ensure!(id < next_flag, "a flag id is not below NextFlagId");
			ensure!(
				FlagsBySubject::<T>::contains_key(flag.subject, IdKey::new(id)),
				"a flag is missing from FlagsBySubject"
			);
			if let Some(case) = flag.case {
				let case = Cases::<T>::get(case).ok_or("a flag names a missing case")?;
				ensure!(case.flags.contains(&id), "a flag's case does not list it");
				ensure!(case.subject == flag.subject, "a flag's case is about another subject");
			}
			flags += 1;
		}
		ensure!(
			FlagsBySubject::<T>::iter_keys().count() as u64 == flags,
			"FlagsBySubject holds entries for no flag"
		);
		let next_case = NextCaseId::<T>::get();
		let mut cases = 0u64;
		let mut findings = 0u64;
		for (id, case) in Cases::<T>::iter() {
			ensure!(id < next_case, "a case id is not below NextCaseId");
			let key = IdKey::new(id);
			ensure!(
				CasesBySubject::<T>::contains_key(case.subject, key),
				"a case is missing from CasesBySubject"
			);
			ensure!(
				CasesByStatus::<T>::contains_key(case.status, key),
				"a case is missing from CasesByStatus"
			);
			ensure!(
				(case.status == CaseStatus::Open) == case.resolution.is_none(),
				"a case's resolution does not match its status"
			);
			for flag in case.flags.iter() {
				ensure!(
					Flags::<T>::get(flag).and_then(|flag| flag.case) == Some(id),
					"a case lists a flag that does not name it"
				);
			}
			for position in 0..case.findings {
				ensure!(Findings::<T>::contains_key(id, position), "a finding is missing");
			}
			findings += u64::from(case.findings);
			if case.status == CaseStatus::Upheld {
				let first = match case.subject {
					Subject::Record(record) => UpheldRecords::<T>::get(record),
					Subject::Source(source) => UpheldSources::<T>::get(source),
				};
				ensure!(first.is_some(), "an upheld case is not indexed");
			}
			cases += 1;
		}
		ensure!(
			CasesBySubject::<T>::iter_keys().count() as u64 == cases
				&& CasesByStatus::<T>::iter_keys().count() as u64 == cases,
			"a case index holds entries for no case"
		);
		ensure!(Findings::<T>::iter_keys().count() as u64 == findings, "a finding has no case");
		for (record, case) in UpheldRecords::<T>::iter() {
			let case = Cases::<T>::get(case).ok_or("UpheldRecords names a missing case")?;
			ensure!(
				case.status == CaseStatus::Upheld && case.subject == Subject::Record(record),
				"UpheldRecords names a case that is not upheld about the record"
			);
		}
		for (source, case) in UpheldSources::<T>::iter() {
			let case = Cases::<T>::get(case).ok_or("UpheldSources names a missing case")?;
			ensure!(
				case.status == CaseStatus::Upheld && case.subject == Subject::Source(source),
				"UpheldSources names a case that is not upheld about the source"
			);
		}
		Ok(())
	}
}
