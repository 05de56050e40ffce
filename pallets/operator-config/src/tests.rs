//! Unit tests: every call, every error, the events, the state after each call.

use crate::{mock::*, pallet::*, types::*};
use dmchain_primitives::{Roles, SourceAdmission, SourceControl, SourceStatus};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
	BoundedVec,
};
use sp_runtime::DispatchError::BadOrigin;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn name(text: &str) -> NameOf<Test> {
	BoundedVec::truncate_from(text.as_bytes().to_vec())
}

fn reason(text: &[u8]) -> ReasonOf<Test> {
	BoundedVec::truncate_from(text.to_vec())
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&HoldReason::DataUserDeposit.into(), &who)
}

fn register(who: AccountId) {
	assert_ok!(OperatorConfig::register_data_user(
		signed(who),
		DataUserKind::Organisation,
		name("City of Example, traffic office"),
		[7; 32],
	));
}

fn status(who: AccountId) -> DataUserStatus {
	DataUsers::<Test>::get(who).expect("registered").status
}

mod governance {
	use super::*;

	#[test]
	fn genesis_appoints_the_first_operators_and_supervisors() {
		build_and_execute(|| {
			assert!(OperatorConfig::is_operator(&OPERATOR));
			assert!(OperatorConfig::is_supervisor(&SUPERVISOR));
			assert!(!OperatorConfig::is_operator(&SUPERVISOR));
			assert_eq!(OperatorCount::<Test>::get(), 1);
			assert_eq!(SupervisorCount::<Test>::get(), 1);
		});
	}

	#[test]
	fn only_governance_appoints_and_dismisses() {
		build_and_execute(|| {
			for origin in [signed(OPERATOR), signed(SUPERVISOR), signed(STRANGER)] {
				assert_noop!(OperatorConfig::appoint_operator(origin.clone(), 10), BadOrigin);
				assert_noop!(OperatorConfig::dismiss_operator(origin.clone(), OPERATOR), BadOrigin);
				assert_noop!(OperatorConfig::appoint_supervisor(origin.clone(), 10), BadOrigin);
				assert_noop!(OperatorConfig::dismiss_supervisor(origin, SUPERVISOR), BadOrigin);
			}
		});
	}

	#[test]
	fn operators_are_appointed_and_dismissed() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::appoint_operator(root(), 10));
			System::assert_last_event(Event::OperatorAppointed { who: 10 }.into());
			assert!(OperatorConfig::is_operator(&10));
			assert_eq!(OperatorCount::<Test>::get(), 2);
			assert_noop!(
				OperatorConfig::appoint_operator(root(), 10),
				Error::<Test>::AlreadyOperator
			);

			assert_ok!(OperatorConfig::dismiss_operator(root(), 10));
			System::assert_last_event(Event::OperatorDismissed { who: 10 }.into());
			assert!(!OperatorConfig::is_operator(&10));
			assert_eq!(OperatorCount::<Test>::get(), 1);
			assert_noop!(
				OperatorConfig::dismiss_operator(root(), 10),
				Error::<Test>::NoSuchOperator
			);
		});
	}

	#[test]
	fn supervisors_are_appointed_and_dismissed() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::appoint_supervisor(root(), 11));
			System::assert_last_event(Event::SupervisorAppointed { who: 11 }.into());
			assert!(OperatorConfig::is_supervisor(&11));
			assert_noop!(
				OperatorConfig::appoint_supervisor(root(), 11),
				Error::<Test>::AlreadySupervisor
			);
			assert_ok!(OperatorConfig::dismiss_supervisor(root(), 11));
			System::assert_last_event(Event::SupervisorDismissed { who: 11 }.into());
			assert_noop!(
				OperatorConfig::dismiss_supervisor(root(), 11),
				Error::<Test>::NoSuchSupervisor
			);
		});
	}

	#[test]
	fn nobody_is_both_operator_and_supervisor() {
		build_and_execute(|| {
			assert_noop!(
				OperatorConfig::appoint_supervisor(root(), OPERATOR),
				Error::<Test>::RoleConflict
			);
			assert_noop!(
				OperatorConfig::appoint_operator(root(), SUPERVISOR),
				Error::<Test>::RoleConflict
			);
		});
	}

	#[test]
	fn role_counts_are_bounded() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::appoint_operator(root(), 10));
			assert_ok!(OperatorConfig::appoint_operator(root(), 11));
			assert_eq!(OperatorCount::<Test>::get(), MAX_OPERATORS);
			assert_noop!(
				OperatorConfig::appoint_operator(root(), 12),
				Error::<Test>::TooManyOperators
			);
			assert_ok!(OperatorConfig::appoint_supervisor(root(), 12));
			assert_noop!(
				OperatorConfig::appoint_supervisor(root(), 13),
				Error::<Test>::TooManySupervisors
			);
			// A dismissal frees a place.
			assert_ok!(OperatorConfig::dismiss_operator(root(), 11));
			assert_ok!(OperatorConfig::appoint_operator(root(), 13));
		});
	}
}

mod data_users {
	use super::*;

	#[test]
	fn registration_binds_a_record_and_holds_the_deposit() {
		build_and_execute(|| {
			register(USER);
			System::assert_last_event(
				Event::DataUserRegistered {
					who: USER,
					kind: DataUserKind::Organisation,
					deposit: DATA_USER_DEPOSIT,
				}
				.into(),
			);
			let user = DataUsers::<Test>::get(USER).unwrap();
			assert_eq!(user.status, DataUserStatus::Pending);
			assert_eq!(user.identity_document, [7; 32]);
			assert_eq!(user.name, name("City of Example, traffic office"));
			assert_eq!(user.registered_at, 1);
			assert_eq!(held(USER), DATA_USER_DEPOSIT);
			assert!(!OperatorConfig::is_approved_data_user(&USER), "pending is not approved");
		});
	}

	#[test]
	fn registration_refuses_bad_input_twice_and_the_penniless() {
		build_and_execute(|| {
			let kind = DataUserKind::Person;
			assert_noop!(
				OperatorConfig::register_data_user(signed(USER), kind, name(""), [0; 32]),
				Error::<Test>::EmptyName
			);
			let bad = BoundedVec::truncate_from(vec![0xff, 0xfe]);
			assert_noop!(
				OperatorConfig::register_data_user(signed(USER), kind, bad, [0; 32]),
				Error::<Test>::InvalidUtf8
			);
			assert_noop!(
				OperatorConfig::register_data_user(signed(PAUPER), kind, name("P"), [0; 32]),
				Error::<Test>::InsufficientDeposit
			);
			register(USER);
			assert_noop!(
				OperatorConfig::register_data_user(signed(USER), kind, name("again"), [0; 32]),
				Error::<Test>::AlreadyRegistered
			);
			assert_noop!(
				OperatorConfig::register_data_user(RuntimeOrigin::none(), kind, name("x"), [0; 32]),
				BadOrigin
			);
		});
	}

	#[test]
	fn an_operator_approves_suspends_and_reinstates() {
		build_and_execute(|| {
			register(USER);
			assert_ok!(OperatorConfig::approve_data_user(signed(OPERATOR), USER));
			System::assert_last_event(Event::DataUserApproved { who: USER, by: OPERATOR }.into());
			assert_eq!(status(USER), DataUserStatus::Approved);
			assert!(OperatorConfig::is_approved_data_user(&USER));
			assert_noop!(
				OperatorConfig::approve_data_user(signed(OPERATOR), USER),
				Error::<Test>::DataUserNotPending
			);
			assert_noop!(
				OperatorConfig::reinstate_data_user(signed(OPERATOR), USER),
				Error::<Test>::DataUserNotSuspended
			);

			assert_ok!(OperatorConfig::suspend_data_user(signed(OPERATOR), USER));
			System::assert_last_event(Event::DataUserSuspended { who: USER, by: OPERATOR }.into());
			assert!(!OperatorConfig::is_approved_data_user(&USER));
			assert_noop!(
				OperatorConfig::suspend_data_user(signed(OPERATOR), USER),
				Error::<Test>::DataUserNotApproved
			);

			assert_ok!(OperatorConfig::reinstate_data_user(signed(OPERATOR), USER));
			System::assert_last_event(Event::DataUserReinstated { who: USER, by: OPERATOR }.into());
			assert_eq!(status(USER), DataUserStatus::Approved);
		});
	}

	#[test]
	fn a_pending_user_cannot_be_suspended() {
		build_and_execute(|| {
			register(USER);
			assert_noop!(
				OperatorConfig::suspend_data_user(signed(OPERATOR), USER),
				Error::<Test>::DataUserNotApproved
			);
		});
	}

	#[test]
	fn removal_releases_the_deposit_in_any_state() {
		build_and_execute(|| {
			register(USER);
			let total = Balances::total_balance(&USER);
			assert_ok!(OperatorConfig::remove_data_user(signed(OPERATOR), USER));
			System::assert_last_event(Event::DataUserRemoved { who: USER, by: OPERATOR }.into());
			assert_eq!(DataUsers::<Test>::get(USER), None);
			assert_eq!(held(USER), 0);
			assert_eq!(Balances::balance(&USER), total, "nothing was slashed");
			assert_noop!(
				OperatorConfig::remove_data_user(signed(OPERATOR), USER),
				Error::<Test>::DataUserNotFound
			);
			// It may register again.
			register(USER);
			assert_ok!(OperatorConfig::approve_data_user(signed(OPERATOR), USER));
			assert_ok!(OperatorConfig::remove_data_user(signed(OPERATOR), USER));
		});
	}

	#[test]
	fn only_operators_decide_and_unknown_users_are_not_found() {
		build_and_execute(|| {
			register(USER);
			for who in [SUPERVISOR, USER, STRANGER] {
				assert_noop!(
					OperatorConfig::approve_data_user(signed(who), USER),
					Error::<Test>::NotOperator
				);
				assert_noop!(
					OperatorConfig::suspend_data_user(signed(who), USER),
					Error::<Test>::NotOperator
				);
				assert_noop!(
					OperatorConfig::reinstate_data_user(signed(who), USER),
					Error::<Test>::NotOperator
				);
				assert_noop!(
					OperatorConfig::remove_data_user(signed(who), USER),
					Error::<Test>::NotOperator
				);
			}
			assert_noop!(OperatorConfig::approve_data_user(root(), USER), BadOrigin);
			for call in [
				OperatorConfig::approve_data_user,
				OperatorConfig::suspend_data_user,
				OperatorConfig::reinstate_data_user,
				OperatorConfig::remove_data_user,
			] {
				assert_noop!(call(signed(OPERATOR), STRANGER), Error::<Test>::DataUserNotFound);
			}
		});
	}

	#[test]
	fn a_dismissed_operator_decides_nothing_more() {
		build_and_execute(|| {
			register(USER);
			assert_ok!(OperatorConfig::dismiss_operator(root(), OPERATOR));
			assert_noop!(
				OperatorConfig::approve_data_user(signed(OPERATOR), USER),
				Error::<Test>::NotOperator
			);
		});
	}
}

mod sources {
	use super::*;

	#[test]
	fn admission_follows_the_configuration() {
		build_and_execute(|| {
			assert_eq!(OperatorConfig::initial_status(&USER), SourceStatus::PendingApproval);
			RequireSourceApproval::set(false);
			assert_eq!(OperatorConfig::initial_status(&USER), SourceStatus::Active);
			RequireSourceApproval::set(true);
		});
	}

	#[test]
	fn an_operator_approves_a_pending_source() {
		build_and_execute(|| {
			let source = MockSources::add(USER, SourceStatus::PendingApproval);
			assert_noop!(
				OperatorConfig::approve_source(signed(STRANGER), source),
				Error::<Test>::NotOperator
			);
			assert_ok!(OperatorConfig::approve_source(signed(OPERATOR), source));
			System::assert_last_event(Event::SourceApproved { source, by: OPERATOR }.into());
			assert_eq!(MockSources::status_of(source), Some(SourceStatus::Active));
			assert_noop!(
				OperatorConfig::approve_source(signed(OPERATOR), source),
				SOURCE_NOT_PENDING
			);
			assert_noop!(OperatorConfig::approve_source(signed(OPERATOR), 99), SOURCE_NOT_FOUND);
		});
	}

	#[test]
	fn an_operator_rejects_a_pending_source_with_a_reason() {
		build_and_execute(|| {
			let source = MockSources::add(USER, SourceStatus::PendingApproval);
			let why = reason(b"the device is not on the city's register");
			assert_noop!(
				OperatorConfig::reject_source(signed(SUPERVISOR), source, why.clone()),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				OperatorConfig::reject_source(signed(OPERATOR), source, reason(&[0xff])),
				Error::<Test>::InvalidUtf8
			);
			assert_ok!(OperatorConfig::reject_source(signed(OPERATOR), source, why.clone()));
			System::assert_last_event(
				Event::SourceRejected { source, by: OPERATOR, reason: why.clone() }.into(),
			);
			assert_eq!(MockSources::status_of(source), None);
			assert_noop!(
				OperatorConfig::reject_source(signed(OPERATOR), source, why.clone()),
				SOURCE_NOT_FOUND
			);
			let active = MockSources::add(USER, SourceStatus::Active);
			assert_noop!(
				OperatorConfig::reject_source(signed(OPERATOR), active, why),
				SOURCE_NOT_PENDING
			);
		});
	}
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		<OperatorConfig as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn try_state_catches_a_broken_counter() {
	new_test_ext().execute_with(|| {
		OperatorCount::<Test>::put(5);
		assert!(OperatorConfig::do_try_state().is_err());
	});
}
