//! Unit tests: every call, every error, the events, the state after each call.

use crate::{mock::*, pallet::*, types::*};
use dmchain_primitives::{
	ContentHash, CurrentParameters, DataFormats, DataParameters, Decimal, Encoding, FieldSpec,
	FieldType, FormatSpec, FormatTerms, FormatUnusable, FormatViolation, HashAlgorithm,
	MetadataEntry, MetadataValue, Parameter, ParameterChange, RateLimit, RetentionClass, Roles,
	SourceAdmission, SourceControl, SourceHold, SourceHolds, SourceStatus,
};
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

	/// Issue 11: a data user had no way to leave and get its deposit back.
	#[test]
	fn a_data_user_deregisters_itself_unless_suspended() {
		build_and_execute(|| {
			assert_noop!(
				OperatorConfig::deregister_data_user(signed(USER)),
				Error::<Test>::DataUserNotFound
			);
			register(USER);
			assert_ok!(OperatorConfig::approve_data_user(signed(OPERATOR), USER));
			assert_ok!(OperatorConfig::suspend_data_user(signed(OPERATOR), USER));
			assert_noop!(
				OperatorConfig::deregister_data_user(signed(USER)),
				Error::<Test>::DataUserSuspended
			);
			assert_ok!(OperatorConfig::reinstate_data_user(signed(OPERATOR), USER));
			let free = Balances::free_balance(USER);
			assert_ok!(OperatorConfig::deregister_data_user(signed(USER)));
			System::assert_last_event(Event::DataUserDeregistered { who: USER }.into());
			assert!(!DataUsers::<Test>::contains_key(USER));
			assert_eq!(held(USER), 0);
			assert_eq!(Balances::free_balance(USER), free + DATA_USER_DEPOSIT);
			assert_noop!(OperatorConfig::deregister_data_user(RuntimeOrigin::none()), BadOrigin);
			// A pending one may leave too, and may register again later.
			register(USER);
			assert_ok!(OperatorConfig::deregister_data_user(signed(USER)));
			register(USER);
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
			assert_eq!(
				MockSources::status_of(source),
				Some((SourceStatus::Active, SourceHolds::default()))
			);
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

mod source_suspension {
	use super::*;

	#[test]
	fn an_operator_suspends_any_source_and_lifts_it() {
		build_and_execute(|| {
			let source = MockSources::add(USER, SourceStatus::Active);
			assert_ok!(OperatorConfig::suspend_source(signed(OPERATOR), source, reason(b"tamper")));
			let suspended = SourceHolds { operator_suspension: true, ..Default::default() };
			assert_eq!(MockSources::status_of(source), Some((SourceStatus::Active, suspended)));
			System::assert_last_event(
				Event::SourceSuspended { source, by: OPERATOR, reason: reason(b"tamper") }.into(),
			);
			assert_noop!(
				OperatorConfig::suspend_source(signed(OPERATOR), source, reason(b"")),
				SOURCE_ALREADY_HELD
			);
			assert_ok!(OperatorConfig::lift_source_suspension(signed(OPERATOR), source));
			assert_eq!(
				MockSources::status_of(source),
				Some((SourceStatus::Active, SourceHolds::default()))
			);
			System::assert_last_event(
				Event::SourceSuspensionLifted { source, by: OPERATOR }.into(),
			);
			assert_noop!(
				OperatorConfig::lift_source_suspension(signed(OPERATOR), source),
				SOURCE_NOT_HELD
			);
		});
	}

	/// Issue 13: an operator's lift touches only the operators' hold: a supervisor's freeze and
	/// the owner's pause stay, and a pending source stays pending.
	#[test]
	fn an_operator_cannot_lift_another_authoritys_hold() {
		build_and_execute(|| {
			let source = MockSources::add(USER, SourceStatus::PendingApproval);
			assert_ok!(MockSources::hold(source, SourceHold::SupervisorFreeze));
			assert_noop!(
				OperatorConfig::lift_source_suspension(signed(OPERATOR), source),
				SOURCE_NOT_HELD
			);
			assert_ok!(OperatorConfig::suspend_source(signed(OPERATOR), source, reason(b"x")));
			assert_ok!(OperatorConfig::lift_source_suspension(signed(OPERATOR), source));
			let frozen = SourceHolds { supervisor_freeze: true, ..Default::default() };
			assert_eq!(
				MockSources::status_of(source),
				Some((SourceStatus::PendingApproval, frozen))
			);
		});
	}

	#[test]
	fn only_operators_suspend_and_the_reason_is_text() {
		build_and_execute(|| {
			let source = MockSources::add(USER, SourceStatus::Active);
			for who in [USER, SUPERVISOR, STRANGER] {
				assert_noop!(
					OperatorConfig::suspend_source(signed(who), source, reason(b"x")),
					Error::<Test>::NotOperator
				);
				assert_noop!(
					OperatorConfig::lift_source_suspension(signed(who), source),
					Error::<Test>::NotOperator
				);
			}
			assert_noop!(
				OperatorConfig::suspend_source(signed(OPERATOR), source, reason(&[0xff])),
				Error::<Test>::InvalidUtf8
			);
			assert_noop!(
				OperatorConfig::suspend_source(signed(OPERATOR), 99, reason(b"x")),
				SOURCE_NOT_FOUND
			);
		});
	}
}

mod formats {
	use super::*;

	fn bounded(text: &[u8]) -> FormatNameOf<Test> {
		BoundedVec::truncate_from(text.to_vec())
	}

	fn field(name: &[u8], field_type: FieldType<VariantsOf<Test>>) -> FieldSpecOf<Test> {
		FieldSpec { name: bounded(name), field_type, required: true }
	}

	fn air(version: u32, fields: Vec<FieldSpecOf<Test>>) -> FormatSpecOf<Test> {
		FormatSpec {
			name: bounded(b"air-quality"),
			version,
			hash_algorithm: HashAlgorithm::Sha2_256,
			fields: BoundedVec::truncate_from(fields),
			open: false,
			max_payload_size: 4096,
			encoding: Encoding::Cbor,
		}
	}

	fn pm() -> FieldSpecOf<Test> {
		field(b"pm2_5", FieldType::Integer { min: 0, max: 500 })
	}

	#[test]
	fn genesis_registers_its_formats() {
		build_and_execute(|| {
			let info = Formats::<Test>::get(0).expect("genesis format");
			assert_eq!(info.spec.name.to_vec(), b"meter".to_vec());
			assert_eq!(info.registered_by, None);
			assert_eq!(NextFormatId::<Test>::get(), 1);
			assert_eq!(LatestFormatVersion::<Test>::get(bounded(b"meter")), Some((1, 0)));
		});
	}

	#[test]
	fn an_operator_registers_a_format_with_a_deposit() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::register_format(signed(OPERATOR), air(1, vec![pm()])));
			let info = Formats::<Test>::get(1).unwrap();
			assert_eq!(info.spec, air(1, vec![pm()]));
			assert_eq!(info.status, FormatStatus::Active);
			assert_eq!(info.registered_by, Some(OPERATOR));
			assert_eq!(info.deposit, FORMAT_DEPOSIT);
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::FormatDeposit.into(), &OPERATOR),
				FORMAT_DEPOSIT
			);
			System::assert_last_event(
				Event::FormatRegistered {
					format: 1,
					name: bounded(b"air-quality"),
					version: 1,
					by: Some(OPERATOR),
				}
				.into(),
			);
			// The source keeps the format's hash algorithm and that it requires a field.
			assert_eq!(
				<OperatorConfig as DataFormats>::bind_source(1),
				Ok(FormatTerms { hash_algorithm: HashAlgorithm::Sha2_256, requires_fields: true })
			);
			assert_eq!(Formats::<Test>::get(1).unwrap().sources, 1);
		});
	}

	#[test]
	fn versions_only_go_up() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::register_format(signed(OPERATOR), air(2, vec![pm()])));
			for version in [1, 2] {
				assert_noop!(
					OperatorConfig::register_format(signed(OPERATOR), air(version, vec![])),
					Error::<Test>::FormatVersionNotNewer
				);
			}
			assert_ok!(OperatorConfig::register_format(signed(OPERATOR), air(3, vec![])));
			assert_eq!(LatestFormatVersion::<Test>::get(bounded(b"air-quality")), Some((3, 2)));
			assert_eq!(Formats::<Test>::get(1).unwrap().spec.version, 2, "v2 is unchanged");
		});
	}

	#[test]
	fn a_badly_made_format_is_refused_with_its_reason() {
		build_and_execute(|| {
			let enum_of = |variants: &[&[u8]]| {
				FieldType::Enum(BoundedVec::truncate_from(
					variants.iter().map(|v| bounded(v)).collect::<Vec<_>>(),
				))
			};
			let cases: Vec<(FormatSpecOf<Test>, Error<Test>)> = vec![
				(FormatSpec { name: bounded(b""), ..air(1, vec![]) }, Error::EmptyName),
				(FormatSpec { name: bounded(&[0xff]), ..air(1, vec![]) }, Error::InvalidUtf8),
				(air(1, vec![field(b"", FieldType::Bool)]), Error::EmptyName),
				(air(1, vec![pm(), pm()]), Error::DuplicateField),
				(
					air(1, vec![field(b"n", FieldType::Integer { min: 2, max: 1 })]),
					Error::InvalidFieldBounds,
				),
				(
					air(1, vec![field(b"t", FieldType::Time { min: 2, max: 1 })]),
					Error::InvalidFieldBounds,
				),
				(
					air(
						1,
						vec![field(
							b"d",
							FieldType::Decimal {
								min: Decimal { mantissa: 11, scale: 1 },
								max: Decimal { mantissa: 1, scale: 0 },
							},
						)],
					),
					Error::InvalidFieldBounds,
				),
				(air(1, vec![field(b"e", enum_of(&[]))]), Error::EmptyEnum),
				(air(1, vec![field(b"e", enum_of(&[b"a", b"a"]))]), Error::DuplicateVariant),
				(air(1, vec![field(b"e", enum_of(&[b""]))]), Error::EmptyName),
			];
			for (spec, error) in cases {
				assert_noop!(OperatorConfig::register_format(signed(OPERATOR), spec), error);
			}
		});
	}

	#[test]
	fn only_operators_with_the_deposit_register_formats() {
		build_and_execute(|| {
			for who in [USER, SUPERVISOR, STRANGER] {
				assert_noop!(
					OperatorConfig::register_format(signed(who), air(1, vec![])),
					Error::<Test>::NotOperator
				);
				assert_noop!(
					OperatorConfig::deprecate_format(signed(who), 0),
					Error::<Test>::NotOperator
				);
			}
			assert_ok!(OperatorConfig::appoint_operator(root(), PAUPER));
			assert_noop!(
				OperatorConfig::register_format(signed(PAUPER), air(1, vec![])),
				Error::<Test>::InsufficientDeposit
			);
			NextFormatId::<Test>::put(u32::MAX);
			assert_noop!(
				OperatorConfig::register_format(signed(OPERATOR), air(1, vec![])),
				Error::<Test>::FormatIdsExhausted
			);
			NextFormatId::<Test>::put(1);
		});
	}

	fn format_held(who: AccountId) -> u64 {
		Balances::balance_on_hold(&HoldReason::FormatDeposit.into(), &who)
	}

	/// Issue 11: format deposits were never released. A deprecated format no source names
	/// can now be removed, its deposit going back to the operator who registered it.
	#[test]
	fn a_deprecated_unused_format_is_removed_and_its_deposit_released() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::register_format(signed(OPERATOR), air(1, vec![])));
			let format = NextFormatId::<Test>::get() - 1;
			let held_before = format_held(OPERATOR);
			assert!(held_before > 0);
			assert_noop!(
				OperatorConfig::remove_format(signed(OPERATOR), format),
				Error::<Test>::FormatNotDeprecated
			);
			// A source binds it; withdrawing or rejecting the source unbinds it.
			assert_eq!(
				<OperatorConfig as DataFormats>::bind_source(format),
				Ok(FormatTerms { hash_algorithm: HashAlgorithm::Sha2_256, requires_fields: false })
			);
			assert_ok!(OperatorConfig::deprecate_format(signed(OPERATOR), format));
			assert_noop!(
				OperatorConfig::remove_format(signed(OPERATOR), format),
				Error::<Test>::FormatInUse
			);
			<OperatorConfig as DataFormats>::unbind_source(format);
			assert_noop!(
				OperatorConfig::remove_format(signed(STRANGER), format),
				Error::<Test>::NotOperator
			);
			assert_ok!(OperatorConfig::remove_format(signed(OPERATOR), format));
			System::assert_last_event(Event::FormatRemoved { format, by: OPERATOR }.into());
			assert!(Formats::<Test>::get(format).is_none());
			assert_eq!(format_held(OPERATOR), held_before - FORMAT_DEPOSIT);
			assert_noop!(
				OperatorConfig::remove_format(signed(OPERATOR), format),
				Error::<Test>::FormatNotFound
			);
			// The name and version stay taken.
			assert_noop!(
				OperatorConfig::register_format(signed(OPERATOR), air(1, vec![])),
				Error::<Test>::FormatVersionNotNewer
			);
			assert_ok!(OperatorConfig::register_format(signed(OPERATOR), air(2, vec![])));
		});
	}

	#[test]
	fn deprecation_stops_new_sources_but_keeps_checking_records() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::deprecate_format(signed(OPERATOR), 0));
			assert_eq!(Formats::<Test>::get(0).unwrap().status, FormatStatus::Deprecated);
			System::assert_last_event(Event::FormatDeprecated { format: 0, by: OPERATOR }.into());
			assert_eq!(
				<OperatorConfig as DataFormats>::bind_source(0),
				Err(FormatUnusable::Deprecated)
			);
			assert_eq!(
				<OperatorConfig as DataFormats>::bind_source(9),
				Err(FormatUnusable::NotFound)
			);
			let format = <OperatorConfig as DataFormats>::load(0).expect("still loadable");
			let content = ContentHash { algorithm: HashAlgorithm::Blake2b256, digest: [0; 32] };
			let kwh = |v| {
				[MetadataEntry { key: b"kwh".to_vec(), value: MetadataValue::<Vec<u8>>::Int(v) }]
			};
			assert_eq!(<OperatorConfig as DataFormats>::check(&format, &content, &kwh(5)), Ok(()));
			assert_eq!(
				<OperatorConfig as DataFormats>::check(&format, &content, &kwh(-5)),
				Err(FormatViolation::FieldOutOfBounds)
			);
			assert_noop!(
				OperatorConfig::deprecate_format(signed(OPERATOR), 0),
				Error::<Test>::FormatAlreadyDeprecated
			);
			assert_noop!(
				OperatorConfig::deprecate_format(signed(OPERATOR), 9),
				Error::<Test>::FormatNotFound
			);
		});
	}
}

mod parameters {
	use super::*;

	#[test]
	fn genesis_sets_the_defaults() {
		build_and_execute(|| {
			assert_eq!(OperatorConfig::current(), DataParameters::default());
			assert_eq!(ParameterHistoryLength::<Test>::get(), 0);
		});
	}

	#[test]
	fn a_change_applies_and_enters_the_history() {
		build_and_execute(|| {
			System::set_block_number(7);
			Now::set(GENESIS_TIME + 42_000);
			let old = Parameter::MaxClockSkew(DataParameters::default().max_clock_skew);
			let new = Parameter::MaxClockSkew(60_000);
			assert_ok!(OperatorConfig::set_parameter(signed(OPERATOR), new));
			assert_eq!(OperatorConfig::current().max_clock_skew, 60_000);
			System::assert_last_event(
				Event::ParameterChanged { index: 0, by: OPERATOR, old, new }.into(),
			);
			let limit = Parameter::RateLimit(RateLimit { records: 5, window: 3 });
			assert_ok!(OperatorConfig::set_parameter(signed(OPERATOR), limit));
			assert_eq!(
				OperatorConfig::parameter_history(0, 10),
				vec![
					(
						0,
						ParameterChange {
							who: OPERATOR,
							block: 7,
							time: GENESIS_TIME + 42_000,
							old,
							new
						}
					),
					(
						1,
						ParameterChange {
							who: OPERATOR,
							block: 7,
							time: GENESIS_TIME + 42_000,
							old: Parameter::RateLimit(DataParameters::default().rate_limit),
							new: limit
						}
					),
				]
			);
			assert_eq!(OperatorConfig::parameter_history(1, 10).len(), 1);
			assert!(OperatorConfig::parameter_history(2, 10).is_empty());
			assert_eq!(OperatorConfig::parameter_history(0, 1).len(), 1);
		});
	}

	#[test]
	fn a_value_outside_its_bounds_is_refused_naming_the_bound() {
		build_and_execute(|| {
			let rate = |records, window| Parameter::RateLimit(RateLimit { records, window });
			let cases = [
				(Parameter::MaxClockSkew(3_600_001), Error::<Test>::ClockSkewAboveMaximum),
				(rate(0, 10), Error::RateLimitRecordsZero),
				(rate(1_000_001, 10), Error::RateLimitRecordsAboveMaximum),
				(rate(10, 0), Error::RateLimitWindowZero),
				(rate(10, 14_401), Error::RateLimitWindowAboveMaximum),
				(Parameter::MaxMetadataBytes(63), Error::MetadataBytesBelowMinimum),
				(Parameter::MaxMetadataBytes(65_537), Error::MetadataBytesAboveMaximum),
				(Parameter::DefaultRetention(RetentionClass::Days(0)), Error::RetentionDaysZero),
				(
					Parameter::DefaultRetention(RetentionClass::Days(36_501)),
					Error::RetentionDaysAboveMaximum,
				),
				(
					Parameter::MaxMetadataBytes(DataParameters::default().max_metadata_bytes),
					Error::ParameterUnchanged,
				),
			];
			for (value, error) in cases {
				assert_noop!(OperatorConfig::set_parameter(signed(OPERATOR), value), error);
			}
			assert_eq!(OperatorConfig::current(), DataParameters::default());
		});
	}

	#[test]
	fn only_operators_change_parameters() {
		build_and_execute(|| {
			for who in [USER, SUPERVISOR, STRANGER] {
				assert_noop!(
					OperatorConfig::set_parameter(signed(who), Parameter::MaxMetadataBytes(100)),
					Error::<Test>::NotOperator
				);
			}
			assert_noop!(
				OperatorConfig::set_parameter(root(), Parameter::MaxMetadataBytes(100)),
				BadOrigin
			);
			ParameterHistoryLength::<Test>::put(u32::MAX);
			assert_noop!(
				OperatorConfig::set_parameter(signed(OPERATOR), Parameter::MaxMetadataBytes(100)),
				Error::<Test>::HistoryFull
			);
			ParameterHistoryLength::<Test>::put(0);
		});
	}
}

/// CTL-5: operators manage the validator set; changes reach the sessions once.
mod validators {
	use super::*;

	fn validators() -> Vec<AccountId> {
		Validators::<Test>::get().into_inner()
	}

	#[test]
	fn genesis_takes_the_sessions_validators_and_plans_nothing_new() {
		build_and_execute(|| {
			assert_eq!(validators(), GENESIS_VALIDATORS.to_vec());
			assert!(!ValidatorSetChanged::<Test>::get());
			assert_eq!(OperatorConfig::plan_session(1), None);
		});
	}

	#[test]
	fn an_operator_adds_a_validator_with_session_keys_and_the_next_plan_carries_it() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::add_validator(signed(OPERATOR), CANDIDATE));
			System::assert_last_event(
				Event::ValidatorAdded { who: CANDIDATE, by: OPERATOR }.into(),
			);
			assert_eq!(validators(), vec![20, 21, CANDIDATE]);
			assert!(ValidatorSetChanged::<Test>::get());

			assert_eq!(OperatorConfig::plan_session(5), Some(vec![20, 21, CANDIDATE]));
			System::assert_last_event(
				Event::ValidatorSetPlanned { session: 5, validators: 3 }.into(),
			);
			// Planned once: the following sessions keep the set.
			assert_eq!(OperatorConfig::plan_session(6), None);
			assert!(!ValidatorSetChanged::<Test>::get());
		});
	}

	#[test]
	fn adding_is_refused_to_non_operators_and_for_unfit_accounts() {
		build_and_execute(|| {
			assert_noop!(
				OperatorConfig::add_validator(signed(STRANGER), CANDIDATE),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				OperatorConfig::add_validator(signed(SUPERVISOR), CANDIDATE),
				Error::<Test>::NotOperator
			);
			assert_noop!(OperatorConfig::add_validator(root(), CANDIDATE), BadOrigin);
			assert_noop!(
				OperatorConfig::add_validator(signed(OPERATOR), 20),
				Error::<Test>::AlreadyValidator
			);
			assert_noop!(
				OperatorConfig::add_validator(signed(OPERATOR), STRANGER),
				Error::<Test>::SessionKeysNotSet
			);
			assert_eq!(validators(), GENESIS_VALIDATORS.to_vec());
			assert!(!ValidatorSetChanged::<Test>::get());
		});
	}

	#[test]
	fn the_set_stops_at_max_validators() {
		build_and_execute(|| {
			MockSessions::set_keys(23);
			MockSessions::set_keys(24);
			assert_ok!(OperatorConfig::add_validator(signed(OPERATOR), CANDIDATE));
			assert_ok!(OperatorConfig::add_validator(signed(OPERATOR), 23));
			assert_eq!(validators().len() as u32, MAX_VALIDATORS);
			assert_noop!(
				OperatorConfig::add_validator(signed(OPERATOR), 24),
				Error::<Test>::TooManyValidators
			);
		});
	}

	#[test]
	fn an_operator_removes_a_validator_but_never_below_the_minimum() {
		build_and_execute(|| {
			assert_noop!(
				OperatorConfig::remove_validator(signed(STRANGER), 21),
				Error::<Test>::NotOperator
			);
			assert_noop!(
				OperatorConfig::remove_validator(signed(OPERATOR), CANDIDATE),
				Error::<Test>::NoSuchValidator
			);
			assert_ok!(OperatorConfig::remove_validator(signed(OPERATOR), 21));
			System::assert_last_event(Event::ValidatorRemoved { who: 21, by: OPERATOR }.into());
			assert_eq!(validators(), vec![20]);
			assert_noop!(
				OperatorConfig::remove_validator(signed(OPERATOR), 20),
				Error::<Test>::TooFewValidators
			);
			assert_eq!(OperatorConfig::plan_session(2), Some(vec![20]));
		});
	}

	#[test]
	fn try_state_catches_a_repeated_validator() {
		new_test_ext().execute_with(|| {
			Validators::<Test>::put(BoundedVec::truncate_from(vec![20, 20]));
			assert!(OperatorConfig::do_try_state().is_err());
		});
	}
}

/// CTL-5: operators keep the list of nodes that may join and decide when it is enforced.
mod nodes {
	use super::*;
	use crate::nodes::{is_valid_peer_id, NetworkInstruction};
	use sp_core::OpaquePeerId;

	/// The binary peer id of an ed25519 node key: identity multihash of the protobuf key.
	fn ed25519_peer(n: u8) -> PeerIdBytes {
		let mut bytes = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
		bytes.extend([n; 32]);
		BoundedVec::truncate_from(bytes)
	}

	#[test]
	fn peer_ids_are_recognised_by_their_multihash() {
		assert!(is_valid_peer_id(&ed25519_peer(1)));
		let mut sha = vec![0x12, 0x20];
		sha.extend([9u8; 32]);
		assert!(is_valid_peer_id(&sha));
		assert!(!is_valid_peer_id(&[]));
		assert!(!is_valid_peer_id(&[0x00, 0]));
		assert!(!is_valid_peer_id(&[0x00, 5, 1, 2]), "length byte disagrees");
		assert!(!is_valid_peer_id(&sha[..20]), "truncated digest");
		assert!(!is_valid_peer_id(b"12D3KooWBase58TextIsNotBinary"));
	}

	#[test]
	fn an_operator_authorizes_nodes_up_to_the_bound() {
		build_and_execute(|| {
			assert_ok!(OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(1), USER));
			System::assert_last_event(
				Event::NodeAuthorized { peer_id: ed25519_peer(1), owner: USER, by: Some(OPERATOR) }
					.into(),
			);
			let entry = AuthorizedNodes::<Test>::get(ed25519_peer(1)).expect("listed");
			assert_eq!((entry.owner, entry.authorized_by, entry.authorized_at), (USER, Some(1), 1));
			assert_eq!(AuthorizedNodeCount::<Test>::get(), 1);
			assert_noop!(
				OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(1), USER),
				Error::<Test>::NodeAlreadyAuthorized
			);
			assert_noop!(
				OperatorConfig::authorize_node(
					signed(OPERATOR),
					BoundedVec::truncate_from(b"not a peer id".to_vec()),
					USER
				),
				Error::<Test>::InvalidPeerId
			);
			assert_noop!(
				OperatorConfig::authorize_node(signed(STRANGER), ed25519_peer(2), USER),
				Error::<Test>::NotOperator
			);
			assert_ok!(OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(2), USER));
			assert_noop!(
				OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(3), USER),
				Error::<Test>::TooManyAuthorizedNodes
			);
		});
	}

	#[test]
	fn enforcement_needs_a_node_and_keeps_one() {
		build_and_execute(|| {
			assert_noop!(
				OperatorConfig::set_node_authorization(signed(OPERATOR), true),
				Error::<Test>::NoAuthorizedNodes
			);
			assert_noop!(
				OperatorConfig::set_node_authorization(signed(OPERATOR), false),
				Error::<Test>::NodeAuthorizationUnchanged
			);
			assert_ok!(OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(1), USER));
			assert_noop!(
				OperatorConfig::set_node_authorization(signed(SUPERVISOR), true),
				Error::<Test>::NotOperator
			);
			assert_ok!(OperatorConfig::set_node_authorization(signed(OPERATOR), true));
			System::assert_last_event(
				Event::NodeAuthorizationSet { enforced: true, by: OPERATOR }.into(),
			);
			assert!(NodeAuthorizationEnforced::<Test>::get());
			assert_noop!(
				OperatorConfig::revoke_node(signed(OPERATOR), ed25519_peer(1)),
				Error::<Test>::NoAuthorizedNodes
			);
			assert_noop!(
				OperatorConfig::revoke_node(signed(OPERATOR), ed25519_peer(2)),
				Error::<Test>::NodeNotAuthorized
			);
			assert_noop!(
				OperatorConfig::revoke_node(signed(STRANGER), ed25519_peer(1)),
				Error::<Test>::NotOperator
			);
			assert_ok!(OperatorConfig::set_node_authorization(signed(OPERATOR), false));
			assert_ok!(OperatorConfig::revoke_node(signed(OPERATOR), ed25519_peer(1)));
			System::assert_last_event(
				Event::NodeRevoked { peer_id: ed25519_peer(1), by: OPERATOR }.into(),
			);
			assert_eq!(AuthorizedNodeCount::<Test>::get(), 0);
		});
	}

	#[test]
	fn the_network_is_told_the_list_while_enforced_and_released_once_after() {
		build_and_execute(|| {
			let me = ed25519_peer(1);
			// Never enforced: a node's own reserved peers are left alone.
			assert_eq!(OperatorConfig::network_instruction(Some(&me), false), None);
			assert_ok!(OperatorConfig::authorize_node(signed(OPERATOR), me.clone(), USER));
			assert_ok!(OperatorConfig::authorize_node(signed(OPERATOR), ed25519_peer(2), USER));
			assert_eq!(OperatorConfig::network_instruction(Some(&me), false), None);
			assert_ok!(OperatorConfig::set_node_authorization(signed(OPERATOR), true));
			// Enforced: the other listed nodes, and only they.
			assert_eq!(
				OperatorConfig::network_instruction(Some(&me), false),
				Some(NetworkInstruction {
					nodes: vec![OpaquePeerId(ed25519_peer(2).into_inner())],
					authorized_only: true,
				})
			);
			let everyone = OperatorConfig::network_instruction(None, false).expect("enforced");
			assert_eq!(everyone.nodes.len(), 2);
			// Lifted: released once, by the nodes that applied it.
			assert_ok!(OperatorConfig::set_node_authorization(signed(OPERATOR), false));
			assert_eq!(
				OperatorConfig::network_instruction(Some(&me), true),
				Some(NetworkInstruction { nodes: vec![], authorized_only: false })
			);
			assert_eq!(OperatorConfig::network_instruction(Some(&me), false), None);
		});
	}

	#[test]
	fn genesis_may_list_and_enforce_nodes() {
		use sp_runtime::BuildStorage;
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		GenesisConfig::<Test> {
			authorized_nodes: vec![(ed25519_peer(1).into_inner(), USER)],
			enforce_node_authorization: true,
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		sp_io::TestExternalities::from(storage).execute_with(|| {
			assert!(NodeAuthorizationEnforced::<Test>::get());
			let entry = AuthorizedNodes::<Test>::get(ed25519_peer(1)).expect("listed");
			assert_eq!(entry.authorized_by, None);
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
