//! Unit tests of the supervisor audit: every call, every error, the queries and the verdict.
//! Every test ends with the storage invariants of `try_state` (see `mock::build_and_execute`).

use crate::{mock::*, pallet::*, types::*};
use dmchain_primitives::{
	CaseFilter, CaseOutcome, CaseStatus, ReasonCode, RecordId, RecordStanding, SourceHold,
	SourceStatus, Subject,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec};
use sp_runtime::{traits::BadOrigin, DispatchError};

fn text(value: &str) -> TextOf<Test> {
	value.as_bytes().to_vec().try_into().unwrap()
}

fn flags(ids: &[u32]) -> BoundedVec<u32, <Test as Config>::MaxFlagsPerCase> {
	ids.to_vec().try_into().unwrap()
}

/// Flags `subject` as [`SUPERVISOR`]; returns the flag's id.
fn flag(subject: Subject) -> u32 {
	let id = NextFlagId::<Test>::get();
	assert_ok!(Audit::flag(
		RuntimeOrigin::signed(SUPERVISOR),
		subject,
		ReasonCode::SequenceAnomaly,
		text("sequence 3 to 9 missing"),
		Some([7; 32]),
	));
	id
}

/// Opens a case about `subject` on one new flag; returns the case's id.
fn open(subject: Subject) -> u32 {
	let flag = flag(subject);
	let id = NextCaseId::<Test>::get();
	assert_ok!(Audit::open_case(
		RuntimeOrigin::signed(SUPERVISOR),
		subject,
		flags(&[flag]),
		text("gaps")
	));
	id
}

fn resolve(case: u32, outcome: CaseOutcome) {
	assert_ok!(Audit::resolve_case(RuntimeOrigin::signed(SECOND), case, outcome, text("checked")));
}

mod roles {
	use super::*;

	#[test]
	fn every_call_is_for_supervisors_only() {
		build_and_execute(|| {
			let case = open(Subject::Source(SOURCE));
			let subject = Subject::Source(SOURCE);
			let refusals: [(RuntimeOrigin, DispatchError); 2] = [
				(RuntimeOrigin::signed(STRANGER), Error::<Test>::NotSupervisor.into()),
				(RuntimeOrigin::root(), BadOrigin.into()),
			];
			for (who, expected) in refusals {
				let calls: Vec<RuntimeCall> = vec![
					Call::flag {
						subject,
						reason: ReasonCode::Other,
						text: text("x"),
						evidence: None,
					}
					.into(),
					Call::open_case { subject, flags: flags(&[0]), summary: text("x") }.into(),
					Call::add_finding { case, text: text("x"), evidence: None }.into(),
					Call::resolve_case { case, outcome: CaseOutcome::Upheld, reason: text("x") }
						.into(),
					Call::freeze_source { source: SOURCE, case: None }.into(),
					Call::unfreeze_source { source: SOURCE }.into(),
				];
				for call in calls {
					use frame_support::traits::UnfilteredDispatchable;
					let result = call.dispatch_bypass_filter(who.clone());
					assert_eq!(result.map_err(|e| e.error), Err(expected));
				}
			}
		});
	}

	#[test]
	fn a_dismissed_supervisor_can_no_longer_act() {
		build_and_execute(|| {
			flag(Subject::Source(SOURCE));
			dismiss(SUPERVISOR);
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, None),
				Error::<Test>::NotSupervisor
			);
			// Appointed again, the same account acts again.
			appoint(SUPERVISOR);
			assert_ok!(Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, None));
		});
	}
}

mod flags {
	use super::*;

	#[test]
	fn a_flag_is_stored_indexed_paid_for_and_announced() {
		build_and_execute(|| {
			let before = Balances::balance(&SUPERVISOR);
			let id = flag(Subject::Record(RECORD));
			let entry = Flags::<Test>::get(id).unwrap();
			assert_eq!(entry.subject, Subject::Record(RECORD));
			assert_eq!(entry.by, SUPERVISOR);
			assert_eq!(entry.at, 1);
			assert_eq!(entry.case, None);
			assert_eq!(entry.evidence, Some([7; 32]));
			let bytes = "sequence 3 to 9 missing".len() as u64;
			assert_eq!(Balances::balance(&SUPERVISOR), before - ENTRY_FEE - BYTE_FEE * bytes);
			assert_eq!(Audit::entry_fee(bytes as u32), ENTRY_FEE + BYTE_FEE * bytes);
			System::assert_last_event(
				Event::Flagged {
					flag: id,
					subject: Subject::Record(RECORD),
					reason: ReasonCode::SequenceAnomaly,
					by: SUPERVISOR,
				}
				.into(),
			);
			assert!(FlagsBySubject::<Test>::contains_key(Subject::Record(RECORD), IdKey::new(id)));
		});
	}

	#[test]
	fn a_flag_needs_an_existing_subject_and_a_real_text() {
		build_and_execute(|| {
			let missing =
				[Subject::Source(9), Subject::Record(RecordId { source: SOURCE, index: 9 })];
			for subject in missing {
				assert_noop!(
					Audit::flag(
						RuntimeOrigin::signed(SUPERVISOR),
						subject,
						ReasonCode::Other,
						text("x"),
						None
					),
					Error::<Test>::SubjectNotFound
				);
			}
			assert_noop!(
				Audit::flag(
					RuntimeOrigin::signed(SUPERVISOR),
					Subject::Source(SOURCE),
					ReasonCode::Other,
					text(""),
					None
				),
				Error::<Test>::EmptyText
			);
			assert_noop!(
				Audit::flag(
					RuntimeOrigin::signed(SUPERVISOR),
					Subject::Source(SOURCE),
					ReasonCode::Other,
					vec![0xff, 0xfe].try_into().unwrap(),
					None
				),
				Error::<Test>::InvalidUtf8
			);
			assert_noop!(
				Audit::flag(
					RuntimeOrigin::signed(PAUPER),
					Subject::Source(SOURCE),
					ReasonCode::Other,
					text("x"),
					None
				),
				Error::<Test>::InsufficientFee
			);
			NextFlagId::<Test>::put(u32::MAX);
			assert_noop!(
				Audit::flag(
					RuntimeOrigin::signed(SUPERVISOR),
					Subject::Source(SOURCE),
					ReasonCode::Other,
					text("x"),
					None
				),
				Error::<Test>::FlagIdsExhausted
			);
		});
	}

	#[test]
	fn flags_are_listed_by_subject_and_in_all_page_by_page() {
		build_and_execute(|| {
			let a = flag(Subject::Source(SOURCE));
			let b = flag(Subject::Source(OTHER_SOURCE));
			let c = flag(Subject::Source(SOURCE));
			let d = flag(Subject::Source(SOURCE));
			let e = flag(Subject::Source(SOURCE));
			let ids = |page: &dmchain_primitives::AuditPage<crate::queries::FlagViewOf<Test>>| {
				page.items.iter().map(|flag| flag.id).collect::<Vec<_>>()
			};
			// Pages hold at most MaxPageSize (3 in the mock).
			let first = Audit::flags(Some(Subject::Source(SOURCE)), None, 10);
			assert_eq!(ids(&first), [a, c, d]);
			assert_eq!(first.next, Some(d));
			let second = Audit::flags(Some(Subject::Source(SOURCE)), first.next, 10);
			assert_eq!(ids(&second), [e]);
			assert_eq!(second.next, None);
			let all = Audit::flags(None, None, 2);
			assert_eq!(ids(&all), [a, b]);
			assert_eq!(all.next, Some(b));
			assert_eq!(ids(&Audit::flags(None, Some(d), 2)), [e]);
			assert_eq!(Audit::flags(None, Some(d), 2).next, None);
			assert_eq!(Audit::flag_view(b).unwrap().subject, Subject::Source(OTHER_SOURCE));
			assert_eq!(Audit::flag_view(99), None);
		});
	}
}

mod cases {
	use super::*;

	#[test]
	fn a_case_takes_its_flags_and_is_indexed() {
		build_and_execute(|| {
			let subject = Subject::Record(RECORD);
			let (a, b) = (flag(subject), flag(subject));
			assert_ok!(Audit::open_case(
				RuntimeOrigin::signed(SECOND),
				subject,
				flags(&[a, b]),
				text("replayed readings")
			));
			System::assert_last_event(
				Event::CaseOpened { case: 0, subject, flags: 2, by: SECOND }.into(),
			);
			assert_eq!(Flags::<Test>::get(a).unwrap().case, Some(0));
			assert_eq!(Flags::<Test>::get(b).unwrap().case, Some(0));
			let view = Audit::case_view(0).unwrap();
			assert_eq!(view.status, CaseStatus::Open);
			assert_eq!(view.flags, vec![a, b]);
			assert_eq!(view.opened_by, SECOND);
			assert_eq!(view.summary, b"replayed readings".to_vec());
			assert_eq!(view.resolution, None);
		});
	}

	#[test]
	fn each_wrong_flag_list_has_its_own_error() {
		build_and_execute(|| {
			let subject = Subject::Source(SOURCE);
			let mine = flag(subject);
			let other = flag(Subject::Source(OTHER_SOURCE));
			let open_on = |ids: &[u32]| {
				Audit::open_case(RuntimeOrigin::signed(SUPERVISOR), subject, flags(ids), text("c"))
			};
			assert_noop!(open_on(&[]), Error::<Test>::NoFlags);
			assert_noop!(open_on(&[mine, mine]), Error::<Test>::DuplicateFlag);
			assert_noop!(open_on(&[mine, 99]), Error::<Test>::FlagNotFound);
			assert_noop!(open_on(&[other]), Error::<Test>::FlagOnOtherSubject);
			assert_noop!(
				Audit::open_case(
					RuntimeOrigin::signed(SUPERVISOR),
					Subject::Source(9),
					flags(&[mine]),
					text("c")
				),
				Error::<Test>::SubjectNotFound
			);
			assert_noop!(
				Audit::open_case(
					RuntimeOrigin::signed(SUPERVISOR),
					subject,
					flags(&[mine]),
					text("")
				),
				Error::<Test>::EmptyText
			);
			assert_noop!(
				Audit::open_case(RuntimeOrigin::signed(PAUPER), subject, flags(&[mine]), text("c")),
				Error::<Test>::InsufficientFee
			);
			NextCaseId::<Test>::put(u32::MAX);
			assert_noop!(open_on(&[mine]), Error::<Test>::CaseIdsExhausted);
			NextCaseId::<Test>::put(0);
			assert_ok!(open_on(&[mine]));
			assert_noop!(open_on(&[mine]), Error::<Test>::FlagAlreadyInCase);
		});
	}

	#[test]
	fn findings_gather_while_the_case_is_open_up_to_the_bound() {
		build_and_execute(|| {
			let case = open(Subject::Source(SOURCE));
			for n in 0..MaxFindings::get() {
				assert_ok!(Audit::add_finding(
					RuntimeOrigin::signed(SECOND),
					case,
					text(&format!("finding {n}")),
					Some([n as u8; 32])
				));
				System::assert_last_event(
					Event::FindingAdded { case, finding: n, by: SECOND }.into(),
				);
			}
			assert_noop!(
				Audit::add_finding(RuntimeOrigin::signed(SECOND), case, text("more"), None),
				Error::<Test>::TooManyFindings
			);
			assert_noop!(
				Audit::add_finding(RuntimeOrigin::signed(SECOND), 9, text("x"), None),
				Error::<Test>::CaseNotFound
			);
			assert_noop!(
				Audit::add_finding(RuntimeOrigin::signed(SECOND), case, text(""), None),
				Error::<Test>::EmptyText
			);
			let view = Audit::case_view(case).unwrap();
			assert_eq!(view.findings.len() as u32, MaxFindings::get());
			assert_eq!(view.findings[1].text, b"finding 1".to_vec());
			assert_eq!(view.findings[1].evidence, Some([1; 32]));
			let other = open(Subject::Source(OTHER_SOURCE));
			resolve(other, CaseOutcome::Dismissed);
			assert_noop!(
				Audit::add_finding(RuntimeOrigin::signed(SECOND), other, text("late"), None),
				Error::<Test>::CaseNotOpen
			);
		});
	}

	#[test]
	fn a_case_is_resolved_once_and_moves_between_status_indexes() {
		build_and_execute(|| {
			let case = open(Subject::Source(SOURCE));
			assert_noop!(
				Audit::resolve_case(
					RuntimeOrigin::signed(SECOND),
					case,
					CaseOutcome::Upheld,
					text("")
				),
				Error::<Test>::EmptyText
			);
			assert_noop!(
				Audit::resolve_case(
					RuntimeOrigin::signed(SECOND),
					9,
					CaseOutcome::Upheld,
					text("r")
				),
				Error::<Test>::CaseNotFound
			);
			resolve(case, CaseOutcome::Dismissed);
			System::assert_last_event(
				Event::CaseResolved { case, outcome: CaseOutcome::Dismissed, by: SECOND }.into(),
			);
			let view = Audit::case_view(case).unwrap();
			assert_eq!(view.status, CaseStatus::Dismissed);
			let resolution = view.resolution.unwrap();
			assert_eq!((resolution.by, resolution.at), (SECOND, 1));
			assert_eq!(resolution.reason, b"checked".to_vec());
			assert_noop!(
				Audit::resolve_case(
					RuntimeOrigin::signed(SECOND),
					case,
					CaseOutcome::Upheld,
					text("r")
				),
				Error::<Test>::CaseNotOpen
			);
			// A dismissed case invalidates nothing.
			assert_eq!(Audit::upheld_case(RECORD), None);
			assert!(Audit::cases(CaseFilter::Status(CaseStatus::Open), None, 3).items.is_empty());
			assert_eq!(
				Audit::cases(CaseFilter::Status(CaseStatus::Dismissed), None, 3).items[0].id,
				case
			);
		});
	}

	#[test]
	fn cases_are_listed_by_status_and_by_subject_page_by_page() {
		build_and_execute(|| {
			let ids: Vec<u32> = (0..4).map(|_| open(Subject::Source(SOURCE))).collect();
			let other = open(Subject::Record(OTHER_RECORD));
			resolve(ids[1], CaseOutcome::Upheld);
			let list = |filter, after| {
				let page = Audit::cases(filter, after, 10);
				(page.items.iter().map(|case| case.id).collect::<Vec<_>>(), page.next)
			};
			let open_cases = CaseFilter::Status(CaseStatus::Open);
			assert_eq!(list(open_cases, None), (vec![ids[0], ids[2], ids[3]], Some(ids[3])));
			assert_eq!(list(open_cases, Some(ids[3])), (vec![other], None));
			assert_eq!(list(CaseFilter::Status(CaseStatus::Upheld), None), (vec![ids[1]], None));
			assert_eq!(
				list(CaseFilter::Subject(Subject::Record(OTHER_RECORD)), None),
				(vec![other], None)
			);
			assert_eq!(
				list(CaseFilter::Subject(Subject::Source(SOURCE)), Some(ids[0])),
				(vec![ids[1], ids[2], ids[3]], None)
			);
		});
	}
}

mod verdicts {
	use super::*;

	#[test]
	fn an_upheld_case_about_a_record_invalidates_that_record_only() {
		build_and_execute(|| {
			let case = open(Subject::Record(RECORD));
			let verdict = Audit::record_verdict(RECORD, None);
			assert!(verdict.valid, "an open case does not invalidate");
			resolve(case, CaseOutcome::Upheld);
			let verdict = Audit::record_verdict(RECORD, Some(digest_of(RECORD)));
			assert!(!verdict.valid);
			assert!(verdict.anchored && verdict.admitted);
			assert_eq!(verdict.hash_matches, Some(true));
			assert_eq!(verdict.record_case, Some(case));
			assert_eq!(verdict.source_case, None);
			assert_eq!(verdict.superseded_by, Some(NEWER));
			assert_eq!(verdict.source_status, Some(SourceStatus::Active));
			assert_eq!(Audit::upheld_case(RECORD), Some(case));
			assert_eq!(Audit::upheld_case(NEWER), None);
			assert!(Audit::record_verdict(NEWER, None).valid);
		});
	}

	#[test]
	fn an_upheld_case_about_a_source_invalidates_all_its_records_and_the_first_case_counts() {
		build_and_execute(|| {
			let first = open(Subject::Source(SOURCE));
			let second = open(Subject::Source(SOURCE));
			let on_record = open(Subject::Record(NEWER));
			resolve(second, CaseOutcome::Upheld);
			resolve(first, CaseOutcome::Upheld);
			resolve(on_record, CaseOutcome::Upheld);
			assert_eq!(UpheldSources::<Test>::get(SOURCE), Some(second));
			for record in [RECORD, NEWER] {
				let verdict = Audit::record_verdict(record, None);
				assert!(!verdict.valid);
				assert_eq!(verdict.source_case, Some(second));
			}
			// The first upheld case of each subject stays; the registry shows the lower of the
			// record's and its source's.
			assert_eq!(Audit::upheld_case(NEWER), Some(second));
			assert_eq!(Audit::upheld_case(RECORD), Some(second));
			assert!(Audit::record_verdict(OTHER_RECORD, None).valid);
		});
	}

	#[test]
	fn a_verdict_says_what_is_wrong_part_by_part() {
		build_and_execute(|| {
			let wrong = Audit::record_verdict(RECORD, Some([0; 32]));
			assert_eq!(wrong.hash_matches, Some(false));
			assert!(!wrong.valid);
			let missing = RecordId { source: SOURCE, index: 9 };
			let verdict = Audit::record_verdict(missing, Some([0; 32]));
			assert!(!verdict.anchored && !verdict.admitted && !verdict.valid);
			assert_eq!(verdict.hash_matches, None);
			assert_eq!(verdict.content, None);
			assert_ok!(Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, None));
			let frozen = Audit::record_verdict(RECORD, None);
			assert!(frozen.source_frozen);
			assert!(frozen.valid, "a freeze stops new records; it does not judge old ones");
		});
	}
}

mod freezes {
	use super::*;

	#[test]
	fn a_supervisor_freezes_and_unfreezes_through_the_registry() {
		build_and_execute(|| {
			let case = open(Subject::Record(RECORD));
			assert_ok!(Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, Some(case)));
			System::assert_last_event(
				Event::SourceFrozen { source: SOURCE, case: Some(case), by: SUPERVISOR }.into(),
			);
			assert!(holds_of(SOURCE).supervisor_freeze);
			// The registry's own refusal comes through unchanged.
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SECOND), SOURCE, None),
				DispatchError::Other("SourceAlreadyFrozen")
			);
			// Another supervisor may lift it; the operator's suspension stays.
			put_hold(SOURCE, SourceHold::OperatorSuspension);
			assert_ok!(Audit::unfreeze_source(RuntimeOrigin::signed(SECOND), SOURCE));
			System::assert_last_event(Event::SourceUnfrozen { source: SOURCE, by: SECOND }.into());
			let holds = holds_of(SOURCE);
			assert!(!holds.supervisor_freeze && holds.operator_suspension);
			assert_noop!(
				Audit::unfreeze_source(RuntimeOrigin::signed(SECOND), SOURCE),
				DispatchError::Other("SourceNotFrozen")
			);
		});
	}

	#[test]
	fn a_freeze_names_a_case_about_its_own_source() {
		build_and_execute(|| {
			let case = open(Subject::Source(OTHER_SOURCE));
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, Some(case)),
				Error::<Test>::CaseOnOtherSource
			);
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), SOURCE, Some(9)),
				Error::<Test>::CaseNotFound
			);
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), RETIRED, None),
				DispatchError::Other("SourceRetired")
			);
			assert_noop!(
				Audit::freeze_source(RuntimeOrigin::signed(SUPERVISOR), 9, None),
				DispatchError::Other("SourceNotFound")
			);
		});
	}
}

#[test]
fn integrity_test_passes() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| Audit::integrity_test());
}
