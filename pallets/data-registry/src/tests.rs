//! Unit tests of the data registry: every call, every error, the indexes and the queries.
//! Every test ends with the storage invariants of `try_state` (see `mock::build_and_execute`).

use crate::{mock::*, pallet::*, types::*};
use codec::{Decode, Encode};
use dmchain_primitives::{
	AnchorPage, ContentHash, DataParameters, Encoding, FieldSpec, FieldType, FormatSpec,
	FormatTerms, HashAlgorithm, MetadataEntry, MetadataValue, RateLimit, RecordCursor, RecordId,
	RetentionClass, SourceControl, SourceHold, SourceHolds, SourceId, SourceStatus,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Get, Hooks},
	BoundedVec,
};
use sp_runtime::traits::BadOrigin;

fn description(text: &str) -> SourceMetadataOf<Test> {
	text.as_bytes().to_vec().try_into().unwrap()
}

fn digest(payload: &str) -> [u8; 32] {
	sp_io::hashing::blake2_256(payload.as_bytes())
}

fn entry(
	key: &[u8],
	value: MetadataValue<MetadataBytesOf<Test>>,
) -> MetadataEntry<MetadataKeyOf<Test>, MetadataBytesOf<Test>> {
	MetadataEntry { key: key.to_vec().try_into().unwrap(), value }
}

fn text(value: &[u8]) -> MetadataValue<MetadataBytesOf<Test>> {
	MetadataValue::Text(value.to_vec().try_into().unwrap())
}

/// A record with sequence `sequence`, anchoring the payload `reading-<sequence>`.
fn input(sequence: u64) -> RecordInputOf<Test> {
	RecordInput {
		content: ContentHash {
			algorithm: HashAlgorithm::Blake2b256,
			digest: digest(&format!("reading-{sequence}")),
		},
		sequence,
		device_time: GENESIS_TIME - 1_000,
		replaces: None,
		metadata: vec![
			entry(b"pm25", MetadataValue::Decimal { mantissa: 1234, scale: 2 }),
			entry(b"site", text(b"Harbour St")),
		]
		.try_into()
		.unwrap(),
	}
}

fn with_metadata(
	sequence: u64,
	entries: Vec<MetadataEntry<MetadataKeyOf<Test>, MetadataBytesOf<Test>>>,
) -> RecordInputOf<Test> {
	RecordInput { metadata: entries.try_into().unwrap(), ..input(sequence) }
}

fn batch(
	records: Vec<RecordInputOf<Test>>,
) -> BoundedVec<RecordInputOf<Test>, <Test as Config>::MaxRecordsPerCall> {
	records.try_into().unwrap()
}

/// Registers a source of `OWNER` with device `DEVICE`; returns its id.
fn register() -> SourceId {
	register_with_device(DEVICE)
}

fn register_with_device(device: AccountId) -> SourceId {
	let id = NextSourceId::<Test>::get();
	assert_ok!(DataRegistry::register_source(
		RuntimeOrigin::signed(OWNER),
		device,
		OPEN_FORMAT,
		description("{\"site\":\"harbour\"}"),
		None,
	));
	id
}

fn submit(source: SourceId, sequence: u64) {
	assert_ok!(DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(sequence)));
}

fn status(source: SourceId) -> SourceStatus {
	SourceStates::<Test>::get(source).unwrap().status
}

fn holds(source: SourceId) -> SourceHolds {
	SourceStates::<Test>::get(source).unwrap().holds
}

mod register_source {
	use super::*;

	#[test]
	fn registers_and_holds_the_deposit() {
		build_and_execute(|| {
			let source = register();
			let bytes = "{\"site\":\"harbour\"}".len() as u64;
			let deposit = SOURCE_DEPOSIT_BASE + SOURCE_DEPOSIT_PER_BYTE * bytes;
			assert_eq!(source, 0);
			assert_eq!(NextSourceId::<Test>::get(), 1);
			let info = Sources::<Test>::get(source).unwrap();
			let state = SourceStates::<Test>::get(source).unwrap();
			assert_eq!(info.owner, OWNER);
			assert_eq!(state.device, DEVICE);
			assert_eq!(state.status, SourceStatus::Active);
			assert_eq!(info.deposit, deposit);
			assert_eq!(info.registered_at, 1);
			assert_eq!(state.format, OPEN_FORMAT);
			assert_eq!(
				state.terms,
				FormatTerms { hash_algorithm: HashAlgorithm::Blake2b256, requires_fields: false }
			);
			assert_eq!(info.retention, Parameters::get().default_retention);
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::SourceDeposit.into(), &OWNER),
				deposit
			);
			System::assert_last_event(
				Event::SourceRegistered {
					source,
					owner: OWNER,
					device: DEVICE,
					status: SourceStatus::Active,
					deposit,
				}
				.into(),
			);
			assert_eq!(register(), 1, "ids count up");
		});
	}

	#[test]
	fn starts_pending_when_admission_requires_approval() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let source = register();
			assert_eq!(status(source), SourceStatus::PendingApproval);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		build_and_execute(|| {
			assert_noop!(
				DataRegistry::register_source(
					RuntimeOrigin::none(),
					DEVICE,
					OPEN_FORMAT,
					description(""),
					None
				),
				BadOrigin
			);
		});
	}

	#[test]
	fn refuses_an_unknown_format() {
		build_and_execute(|| {
			assert_noop!(
				DataRegistry::register_source(
					RuntimeOrigin::signed(OWNER),
					DEVICE,
					7,
					description(""),
					None
				),
				Error::<Test>::FormatNotFound
			);
		});
	}

	#[test]
	fn refuses_a_deprecated_format_but_its_sources_keep_submitting() {
		build_and_execute(|| {
			let source = register();
			deprecate_format(OPEN_FORMAT);
			assert_noop!(
				DataRegistry::register_source(
					RuntimeOrigin::signed(OWNER),
					DEVICE,
					OPEN_FORMAT,
					description(""),
					None
				),
				Error::<Test>::FormatDeprecated
			);
			submit(source, 1);
		});
	}

	#[test]
	fn takes_the_default_retention_in_force() {
		build_and_execute(|| {
			Parameters::mutate(|p| p.default_retention = RetentionClass::Permanent);
			let source = register();
			assert_eq!(Sources::<Test>::get(source).unwrap().retention, RetentionClass::Permanent);
		});
	}

	#[test]
	fn refuses_an_owner_who_cannot_pay_the_deposit() {
		build_and_execute(|| {
			assert_noop!(
				DataRegistry::register_source(
					RuntimeOrigin::signed(PAUPER),
					DEVICE,
					OPEN_FORMAT,
					description(""),
					None
				),
				Error::<Test>::InsufficientDeposit
			);
		});
	}

	#[test]
	fn refuses_when_source_ids_are_exhausted() {
		build_and_execute(|| {
			NextSourceId::<Test>::put(SourceId::MAX);
			assert_noop!(
				DataRegistry::register_source(
					RuntimeOrigin::signed(OWNER),
					DEVICE,
					OPEN_FORMAT,
					description(""),
					None
				),
				Error::<Test>::SourceIdsExhausted
			);
			NextSourceId::<Test>::put(0);
		});
	}

	#[test]
	fn refuses_oversized_inputs_at_decoding() {
		build_and_execute(|| {
			// A call carrying a 65-byte description (the bound is 64) does not decode.
			let mut encoded = vec![3u8, 0u8]; // pallet index 3, call index 0
			encoded.extend(DEVICE.encode());
			encoded.extend(OPEN_FORMAT.encode());
			encoded.extend(vec![b'a'; 65].encode());
			assert!(RuntimeCall::decode(&mut &encoded[..]).is_err());
		});
	}
}

mod owner_actions {
	use super::*;

	#[test]
	fn pause_and_resume() {
		build_and_execute(|| {
			let source = register();
			assert_ok!(DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), source));
			assert_eq!(holds(source), SourceHolds { owner_pause: true, ..Default::default() });
			assert_eq!(status(source), SourceStatus::Active);
			System::assert_last_event(
				Event::SourceHeld { source, hold: SourceHold::OwnerPause }.into(),
			);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::SourceSuspended
			);
			assert_noop!(
				DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), source),
				Error::<Test>::SourceAlreadySuspended
			);
			assert_ok!(DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), source));
			assert!(holds(source).is_empty());
			System::assert_last_event(
				Event::SourceHoldLifted { source, hold: SourceHold::OwnerPause }.into(),
			);
			submit(source, 1);
		});
	}

	#[test]
	fn only_the_owner_may_act() {
		build_and_execute(|| {
			let source = register();
			for who in [DEVICE, STRANGER] {
				assert_noop!(
					DataRegistry::suspend_source(RuntimeOrigin::signed(who), source),
					Error::<Test>::NotSourceOwner
				);
				assert_noop!(
					DataRegistry::resume_source(RuntimeOrigin::signed(who), source),
					Error::<Test>::NotSourceOwner
				);
				assert_noop!(
					DataRegistry::retire_source(RuntimeOrigin::signed(who), source),
					Error::<Test>::NotSourceOwner
				);
			}
			assert_noop!(DataRegistry::suspend_source(RuntimeOrigin::none(), source), BadOrigin);
		});
	}

	#[test]
	fn unknown_sources_are_not_found() {
		build_and_execute(|| {
			assert_noop!(
				DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), 7),
				Error::<Test>::SourceNotFound
			);
			assert_noop!(
				DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), 7),
				Error::<Test>::SourceNotFound
			);
			assert_noop!(
				DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), 7),
				Error::<Test>::SourceNotFound
			);
		});
	}

	#[test]
	fn resume_lifts_only_the_owners_pause() {
		build_and_execute(|| {
			let source = register();
			assert_noop!(
				DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), source),
				Error::<Test>::SourceNotSuspended
			);
			for hold in [SourceHold::OperatorSuspension, SourceHold::SupervisorFreeze] {
				assert_ok!(DataRegistry::hold(source, hold));
				assert_noop!(
					DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), source),
					Error::<Test>::SourceNotSuspended
				);
				assert_ok!(DataRegistry::lift(source, hold));
			}
		});
	}

	#[test]
	fn retire_is_final_and_keeps_records() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_ok!(DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), source));
			assert_ok!(DataRegistry::hold(source, SourceHold::OperatorSuspension));
			assert_ok!(DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source));
			assert_eq!(status(source), SourceStatus::Retired);
			System::assert_last_event(
				Event::SourceStatusChanged {
					source,
					from: SourceStatus::Active,
					to: SourceStatus::Retired,
				}
				.into(),
			);
			assert_noop!(
				DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source),
				Error::<Test>::SourceRetired
			);
			// A retired source takes no new hold; the holds it had can still be lifted, and
			// lifting them does not bring it back.
			assert_noop!(
				DataRegistry::hold(source, SourceHold::SupervisorFreeze),
				Error::<Test>::SourceRetired
			);
			assert_ok!(DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), source));
			assert_ok!(DataRegistry::lift(source, SourceHold::OperatorSuspension));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(2)),
				Error::<Test>::SourceRetired
			);
			assert!(DataRegistry::record(RecordId { source, index: 0 }).is_some());
		});
	}

	#[test]
	fn a_frozen_source_cannot_be_retired_by_its_owner() {
		build_and_execute(|| {
			let source = register();
			assert_ok!(DataRegistry::hold(source, SourceHold::SupervisorFreeze));
			assert_noop!(
				DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source),
				Error::<Test>::SourceFrozen
			);
		});
	}

	/// Issue 11: retiring a source still waiting for approval used to keep its deposit held for
	/// ever (it could no longer be rejected either). Now it is withdrawn: entry gone, deposit
	/// back.
	#[test]
	fn retiring_a_pending_source_withdraws_it_and_returns_the_deposit() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let free_before = Balances::free_balance(OWNER);
			let source = register();
			let deposit = Sources::<Test>::get(source).unwrap().deposit;
			assert!(deposit > 0);
			assert_eq!(Balances::free_balance(OWNER), free_before - deposit);
			assert_ok!(DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source));
			System::assert_last_event(
				Event::SourceWithdrawn { source, owner: OWNER, deposit }.into(),
			);
			assert_eq!(Balances::free_balance(OWNER), free_before);
			assert!(!Sources::<Test>::contains_key(source));
			assert_eq!(DataRegistry::approve(source), Err(Error::<Test>::SourceNotFound.into()));
			assert_eq!(bound_sources(OPEN_FORMAT), 0, "the withdrawn source let go of its format");
		});
	}

	#[test]
	fn a_frozen_pending_source_cannot_be_withdrawn() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let source = register();
			assert_ok!(DataRegistry::hold(source, SourceHold::SupervisorFreeze));
			assert_noop!(
				DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source),
				Error::<Test>::SourceFrozen
			);
		});
	}
}

mod source_control {
	use super::*;

	#[test]
	fn approve_activates_a_pending_source() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let source = register();
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::SourcePendingApproval
			);
			assert_ok!(DataRegistry::approve(source));
			assert_eq!(
				DataRegistry::status_of(source),
				Some((SourceStatus::Active, SourceHolds::default()))
			);
			System::assert_last_event(
				Event::SourceStatusChanged {
					source,
					from: SourceStatus::PendingApproval,
					to: SourceStatus::Active,
				}
				.into(),
			);
			assert_eq!(
				DataRegistry::approve(source),
				Err(Error::<Test>::SourceNotPendingApproval.into())
			);
			submit(source, 1);
		});
	}

	#[test]
	fn reject_removes_a_pending_source_and_releases_its_deposit() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let free_before = Balances::free_balance(OWNER);
			let source = register();
			assert!(Balances::free_balance(OWNER) < free_before, "the deposit is held");
			assert_eq!(bound_sources(OPEN_FORMAT), 1);
			assert_ok!(DataRegistry::reject(source));
			System::assert_last_event(Event::SourceRejected { source, owner: OWNER }.into());
			assert_eq!(bound_sources(OPEN_FORMAT), 0, "the rejected source let go of its format");
			assert_eq!(Balances::free_balance(OWNER), free_before);
			assert_eq!(DataRegistry::status_of(source), None);
			assert_eq!(DataRegistry::reject(source), Err(Error::<Test>::SourceNotFound.into()));
			// The id is not handed out again.
			assert_eq!(register(), source + 1);
		});
	}

	#[test]
	fn only_pending_sources_can_be_rejected() {
		build_and_execute(|| {
			let source = register();
			assert_eq!(
				DataRegistry::reject(source),
				Err(Error::<Test>::SourceNotPendingApproval.into())
			);
			assert_eq!(
				DataRegistry::status_of(source),
				Some((SourceStatus::Active, SourceHolds::default()))
			);
		});
	}

	#[test]
	fn each_hold_has_its_own_errors() {
		build_and_execute(|| {
			let source = register();
			assert_eq!(DataRegistry::owner_of(source), Some(OWNER));
			for (hold, already, not_held, blocked) in [
				(
					SourceHold::OperatorSuspension,
					Error::<Test>::SourceAlreadySuspendedByOperator,
					Error::<Test>::SourceNotSuspendedByOperator,
					Error::<Test>::SourceSuspendedByOperator,
				),
				(
					SourceHold::SupervisorFreeze,
					Error::<Test>::SourceAlreadyFrozen,
					Error::<Test>::SourceNotFrozen,
					Error::<Test>::SourceFrozen,
				),
			] {
				assert_eq!(DataRegistry::lift(source, hold), Err(not_held.into()));
				assert_ok!(DataRegistry::hold(source, hold));
				System::assert_last_event(Event::SourceHeld { source, hold }.into());
				assert_eq!(DataRegistry::hold(source, hold), Err(already.into()));
				assert_noop!(
					DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
					blocked
				);
				assert_ok!(DataRegistry::lift(source, hold));
				System::assert_last_event(Event::SourceHoldLifted { source, hold }.into());
				assert_eq!(
					DataRegistry::status_of(source),
					Some((SourceStatus::Active, SourceHolds::default()))
				);
			}
			submit(source, 1);
		});
	}

	/// Issue 13: the three holds stack in every order, lifting one restores exactly what the
	/// others leave (the source submits only when none is left, and a refusal names the
	/// strongest hold still on), and a pending source stays pending whatever is lifted.
	#[test]
	fn holds_stack_and_lift_in_every_order() {
		let all =
			[SourceHold::OwnerPause, SourceHold::OperatorSuspension, SourceHold::SupervisorFreeze];
		let orders: Vec<[usize; 3]> =
			vec![[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
		for pending in [false, true] {
			for put in &orders {
				for lift in &orders {
					build_and_execute(|| {
						RequireApproval::set(pending);
						let source = register();
						let expected_status = if pending {
							SourceStatus::PendingApproval
						} else {
							SourceStatus::Active
						};
						let mut expected = SourceHolds::default();
						for &i in put {
							apply(source, all[i], true);
							expected.set(all[i], true);
							assert_eq!(
								DataRegistry::status_of(source),
								Some((expected_status, expected))
							);
						}
						let mut sequence = 0;
						for &i in lift {
							apply(source, all[i], false);
							expected.set(all[i], false);
							assert_eq!(
								DataRegistry::status_of(source),
								Some((expected_status, expected))
							);
							let blocked = if pending {
								Some(Error::<Test>::SourcePendingApproval)
							} else {
								expected.strongest().map(|hold| match hold {
									SourceHold::SupervisorFreeze => Error::<Test>::SourceFrozen,
									SourceHold::OperatorSuspension => {
										Error::<Test>::SourceSuspendedByOperator
									},
									SourceHold::OwnerPause => Error::<Test>::SourceSuspended,
								})
							};
							sequence += 1;
							let call = || {
								DataRegistry::submit_record(
									RuntimeOrigin::signed(DEVICE),
									source,
									input(sequence),
								)
							};
							match blocked {
								Some(error) => {
									assert_noop!(call(), error);
								},
								None => {
									assert_ok!(call());
								},
							}
						}
					});
				}
			}
		}
	}

	/// Puts `hold` on or lifts it through the authority that owns it: the owner's calls for
	/// the pause, the registry's `SourceControl` for the others.
	fn apply(source: SourceId, hold: SourceHold, on: bool) {
		match (hold, on) {
			(SourceHold::OwnerPause, true) => {
				assert_ok!(DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), source));
			},
			(SourceHold::OwnerPause, false) => {
				assert_ok!(DataRegistry::resume_source(RuntimeOrigin::signed(OWNER), source));
			},
			(hold, true) => {
				assert_ok!(DataRegistry::hold(source, hold));
			},
			(hold, false) => {
				assert_ok!(DataRegistry::lift(source, hold));
			},
		}
	}

	#[test]
	fn approval_keeps_the_holds_put_on_while_pending() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let source = register();
			assert_ok!(DataRegistry::hold(source, SourceHold::OperatorSuspension));
			assert_ok!(DataRegistry::approve(source));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::SourceSuspendedByOperator
			);
			assert_ok!(DataRegistry::lift(source, SourceHold::OperatorSuspension));
			submit(source, 1);
		});
	}

	#[test]
	fn retired_and_unknown_sources_cannot_be_held() {
		build_and_execute(|| {
			let source = register();
			assert_ok!(DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source));
			for hold in [SourceHold::OperatorSuspension, SourceHold::SupervisorFreeze] {
				assert_eq!(
					DataRegistry::hold(source, hold),
					Err(Error::<Test>::SourceRetired.into())
				);
				assert_eq!(DataRegistry::hold(9, hold), Err(Error::<Test>::SourceNotFound.into()));
				assert_eq!(DataRegistry::lift(9, hold), Err(Error::<Test>::SourceNotFound.into()));
			}
			assert_eq!(DataRegistry::owner_of(9), None);
			assert_eq!(DataRegistry::status_of(9), None);
		});
	}
}

mod submit_record {
	use super::*;

	#[test]
	fn anchors_a_record_with_chain_time_and_block() {
		build_and_execute(|| {
			let source = register();
			let before = Balances::free_balance(DEVICE);
			System::set_block_number(5);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME + 12_000);
			submit(source, 10);

			let record = Records::<Test>::get(RecordId { source, index: 0 }).unwrap();
			assert_eq!(record.sequence, 10);
			assert_eq!(record.block, 5);
			assert_eq!(DataRegistry::block_time(5), Some(GENESIS_TIME + 12_000));
			assert_eq!(record.device_time, GENESIS_TIME - 1_000);
			assert_eq!(record.digest, digest("reading-10"));
			assert_eq!(Versions::<Test>::get(RecordId { source, index: 0 }), None);
			assert_eq!(record.metadata, input(10).metadata);
			let id = RecordId { source, index: 0 };
			assert!(RecordsByHash::<Test>::contains_key(
				digest("reading-10"),
				AnchorKey::new(5, id)
			));
			let progress = SourceStates::<Test>::get(source).unwrap().progress;
			assert_eq!(progress.record_count, 1);
			assert_eq!(progress.last_sequence, Some(10));
			let bytes = record.encoded_size() as u64;
			assert_eq!(
				Balances::free_balance(DEVICE),
				before - RECORD_FEE - RECORD_BYTE_FEE * bytes
			);
			System::assert_last_event(
				Event::RecordAnchored { id, content: input(10).content, sequence: 10 }.into(),
			);
		});
	}

	#[test]
	fn only_the_device_may_submit() {
		build_and_execute(|| {
			let source = register();
			for who in [OWNER, STRANGER] {
				assert_noop!(
					DataRegistry::submit_record(RuntimeOrigin::signed(who), source, input(1)),
					Error::<Test>::NotSourceDevice
				);
			}
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::none(), source, input(1)),
				BadOrigin
			);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), 42, input(1)),
				Error::<Test>::SourceNotFound
			);
		});
	}

	#[test]
	fn a_suspended_or_retired_source_cannot_submit() {
		build_and_execute(|| {
			let source = register();
			assert_ok!(DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), source));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::SourceSuspended
			);
			assert_ok!(DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::SourceRetired
			);
		});
	}

	#[test]
	fn refuses_a_replayed_sequence_number() {
		build_and_execute(|| {
			let source = register();
			submit(source, 5);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(5)),
				Error::<Test>::SequenceReplayed
			);
		});
	}

	#[test]
	fn refuses_an_out_of_order_sequence_number() {
		build_and_execute(|| {
			let source = register();
			submit(source, 5);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(4)),
				Error::<Test>::SequenceOutOfOrder
			);
			submit(source, 6);
		});
	}

	#[test]
	fn allows_the_clock_skew_and_not_a_millisecond_more() {
		build_and_execute(|| {
			let source = register();
			let at_bound = RecordInput { device_time: GENESIS_TIME + MAX_CLOCK_SKEW, ..input(1) };
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				at_bound
			));
			let beyond = RecordInput { device_time: GENESIS_TIME + MAX_CLOCK_SKEW + 1, ..input(2) };
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, beyond),
				Error::<Test>::DeviceTimeInFuture
			);
		});
	}

	#[test]
	fn refuses_malformed_metadata() {
		build_and_execute(|| {
			let source = register();
			let cases = [
				(vec![entry(b"", MetadataValue::Int(1))], Error::<Test>::EmptyMetadataKey),
				(
					vec![
						entry(b"a", MetadataValue::Int(1)),
						entry(b"a", MetadataValue::Bool(true)),
					],
					Error::<Test>::DuplicateMetadataKey,
				),
				(vec![entry(&[0xc3, 0x28], MetadataValue::Int(1))], Error::<Test>::InvalidUtf8),
				(vec![entry(b"note", text(&[0xff]))], Error::<Test>::InvalidUtf8),
			];
			for (entries, error) in cases {
				assert_noop!(
					DataRegistry::submit_record(
						RuntimeOrigin::signed(DEVICE),
						source,
						with_metadata(1, entries)
					),
					error
				);
			}
			let every_type = vec![
				entry(b"count", MetadataValue::Uint(7)),
				entry(b"delta", MetadataValue::Int(-3)),
				entry(b"seen", MetadataValue::Time(GENESIS_TIME)),
				entry(b"raw", MetadataValue::Bytes(vec![0xff, 0].try_into().unwrap())),
			];
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				with_metadata(1, every_type)
			));
		});
	}

	/// Issue 11: every record used to pay the same flat fee whatever state it takes for ever.
	/// Now a record with more metadata pays for its bytes.
	#[test]
	fn records_pay_for_the_bytes_they_keep() {
		build_and_execute(|| {
			let source = register();
			let before = Balances::free_balance(DEVICE);
			submit(source, 1);
			let plain = before - Balances::free_balance(DEVICE);
			let long = vec![b'x'; 30];
			let before = Balances::free_balance(DEVICE);
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				with_metadata(
					2,
					vec![
						entry(b"pm25", MetadataValue::Decimal { mantissa: 1234, scale: 2 }),
						entry(b"site", text(b"Harbour St")),
						entry(b"note", text(&long)),
					]
				)
			));
			let large = before - Balances::free_balance(DEVICE);
			let plain_bytes =
				Records::<Test>::get(RecordId { source, index: 0 }).unwrap().encoded_size() as u64;
			let large_bytes =
				Records::<Test>::get(RecordId { source, index: 1 }).unwrap().encoded_size() as u64;
			assert_eq!(plain, RECORD_FEE + RECORD_BYTE_FEE * plain_bytes);
			assert_eq!(large, RECORD_FEE + RECORD_BYTE_FEE * large_bytes);
			assert!(large_bytes >= plain_bytes + 30 && large >= plain + 30);
			assert_eq!(DataRegistry::record_fee(2, 10), 2 * RECORD_FEE + 10 * RECORD_BYTE_FEE);
		});
	}

	#[test]
	fn refuses_a_device_that_cannot_pay_the_fee() {
		build_and_execute(|| {
			let source = register_with_device(PAUPER);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(PAUPER), source, input(1)),
				Error::<Test>::InsufficientRecordFee
			);
		});
	}
}

mod formats_and_parameters {
	//! ACQ-2, CTL-2, CTL-4, REP-4: records are checked against their source's format and the
	//! operators' parameters, each violation with its own error.
	use super::*;

	/// A strict SHA-256 format: `pm2_5` (integer 0..=500, required), `site` (north or south).
	fn strict_source() -> SourceId {
		let format = add_format(FormatSpec {
			name: b"air-quality".to_vec(),
			version: 2,
			hash_algorithm: HashAlgorithm::Sha2_256,
			fields: vec![
				FieldSpec {
					name: b"pm2_5".to_vec(),
					field_type: FieldType::Integer { min: 0, max: 500 },
					required: true,
				},
				FieldSpec {
					name: b"site".to_vec(),
					field_type: FieldType::Enum(vec![b"north".to_vec(), b"south".to_vec()]),
					required: false,
				},
			],
			open: false,
			max_payload_size: 4096,
			encoding: Encoding::Cbor,
		});
		let id = NextSourceId::<Test>::get();
		assert_ok!(DataRegistry::register_source(
			RuntimeOrigin::signed(OWNER),
			DEVICE,
			format,
			description(""),
			None
		));
		id
	}

	fn reading(
		sequence: u64,
		algorithm: HashAlgorithm,
		entries: Vec<MetadataEntry<MetadataKeyOf<Test>, MetadataBytesOf<Test>>>,
	) -> RecordInputOf<Test> {
		let mut record = with_metadata(sequence, entries);
		record.content.algorithm = algorithm;
		record
	}

	fn good(sequence: u64) -> RecordInputOf<Test> {
		reading(
			sequence,
			HashAlgorithm::Sha2_256,
			vec![entry(b"pm2_5", MetadataValue::Uint(42)), entry(b"site", text(b"north"))],
		)
	}

	#[test]
	fn a_record_that_follows_the_format_is_anchored() {
		build_and_execute(|| {
			let source = strict_source();
			assert_ok!(DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, good(1)));
			assert_eq!(SourceStates::<Test>::get(source).unwrap().progress.record_count, 1);
		});
	}

	#[test]
	fn each_violation_of_the_format_is_its_own_error() {
		build_and_execute(|| {
			let source = strict_source();
			let pm = || entry(b"pm2_5", MetadataValue::Int(7));
			let cases = [
				(
					reading(1, HashAlgorithm::Blake2b256, vec![pm()]),
					Error::<Test>::WrongHashAlgorithm,
				),
				(reading(1, HashAlgorithm::Sha2_256, vec![]), Error::<Test>::MissingField),
				(
					reading(
						1,
						HashAlgorithm::Sha2_256,
						vec![pm(), entry(b"rain", MetadataValue::Bool(true))],
					),
					Error::<Test>::UnknownField,
				),
				(
					reading(1, HashAlgorithm::Sha2_256, vec![entry(b"pm2_5", text(b"7"))]),
					Error::<Test>::WrongFieldType,
				),
				(
					reading(
						1,
						HashAlgorithm::Sha2_256,
						vec![entry(b"pm2_5", MetadataValue::Int(501))],
					),
					Error::<Test>::FieldOutOfBounds,
				),
				(
					reading(1, HashAlgorithm::Sha2_256, vec![pm(), entry(b"site", text(b"east"))]),
					Error::<Test>::FieldOutOfBounds,
				),
			];
			for (record, error) in cases {
				assert_noop!(
					DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, record),
					error
				);
			}
		});
	}

	#[test]
	fn a_batch_names_the_record_that_breaks_the_format() {
		build_and_execute(|| {
			let source = strict_source();
			let unknown = reading(
				2,
				HashAlgorithm::Sha2_256,
				vec![entry(b"pm2_5", MetadataValue::Int(1)), entry(b"x", MetadataValue::Int(1))],
			);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![good(1), unknown, good(3)])
				),
				Error::<Test>::BatchRecordRejected {
					index: 1,
					reason: RecordRejection::UnknownField
				}
			);
		});
	}

	#[test]
	fn the_clock_skew_in_force_applies() {
		build_and_execute(|| {
			let source = register();
			Parameters::mutate(|p| p.max_clock_skew = 0);
			let ahead = RecordInput { device_time: GENESIS_TIME + 1, ..input(1) };
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, ahead),
				Error::<Test>::DeviceTimeInFuture
			);
			let now = RecordInput { device_time: GENESIS_TIME, ..input(1) };
			assert_ok!(DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, now));
		});
	}

	#[test]
	fn metadata_above_the_size_bound_is_refused() {
		build_and_execute(|| {
			let source = register();
			// input(): keys "pm25" and "site" (8 bytes) and the text "Harbour St" (10 bytes).
			assert_eq!(DataRegistry::metadata_bytes(&input(1).metadata), 18);
			Parameters::mutate(|p| p.max_metadata_bytes = 17);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(1)),
				Error::<Test>::MetadataTooLarge
			);
			Parameters::mutate(|p| p.max_metadata_bytes = 18);
			submit(source, 1);
		});
	}

	#[test]
	fn the_rate_limit_counts_records_per_window_of_blocks() {
		build_and_execute(|| {
			let source = register();
			Parameters::set(DataParameters {
				rate_limit: RateLimit { records: 2, window: 10 },
				..Parameters::get()
			});
			submit(source, 1);
			submit(source, 2);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(3)),
				Error::<Test>::RateLimitExceeded
			);
			System::set_block_number(10);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(3)),
				Error::<Test>::RateLimitExceeded
			);
			// The window opened at block 1 with the first record: block 11 starts the next.
			System::set_block_number(11);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![input(3), input(4), input(5)])
				),
				Error::<Test>::BatchRecordRejected {
					index: 2,
					reason: RecordRejection::RateLimitExceeded
				}
			);
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch(vec![input(3), input(4)])
			));
			let progress = SourceStates::<Test>::get(source).unwrap().progress;
			assert_eq!(
				(progress.window_start, progress.in_window, progress.record_count),
				(11, 2, 4)
			);
			// Another source has its own count.
			let other = register_with_device(DEVICE);
			submit(other, 1);
		});
	}

	/// Issue 11: the window used to be kept as `block / window length`, so after the operators
	/// changed the length an old window's index could come round again and count as current.
	#[test]
	fn a_changed_window_length_never_revives_an_old_window() {
		build_and_execute(|| {
			let source = register();
			Parameters::set(DataParameters {
				rate_limit: RateLimit { records: 2, window: 10 },
				..Parameters::get()
			});
			System::set_block_number(25);
			submit(source, 1);
			submit(source, 2);
			// Operators lengthen the window to 100 blocks. Block 250 is in window 2 of the new
			// length, the index block 25 had under the old one; 225 blocks have passed.
			Parameters::set(DataParameters {
				rate_limit: RateLimit { records: 2, window: 100 },
				..Parameters::get()
			});
			System::set_block_number(120);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, input(3)),
				Error::<Test>::RateLimitExceeded
			);
			System::set_block_number(250);
			submit(source, 3);
			let progress = SourceStates::<Test>::get(source).unwrap().progress;
			assert_eq!((progress.window_start, progress.in_window), (250, 1));
		});
	}
}

mod versions {
	use super::*;

	fn update(sequence: u64, replaces: u64) -> RecordInputOf<Test> {
		RecordInput { replaces: Some(replaces), ..input(sequence) }
	}

	#[test]
	fn an_update_links_both_ways_and_changes_nothing_old() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			let original = Records::<Test>::get(RecordId { source, index: 0 }).unwrap();
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				update(2, 0)
			));
			let old = RecordId { source, index: 0 };
			let new = RecordId { source, index: 1 };
			assert_eq!(Records::<Test>::get(RecordId { source, index: 0 }).unwrap(), original);
			assert!(System::events()
				.iter()
				.any(|r| r.event == Event::RecordSuperseded { previous: old, by: new }.into()));
			assert_eq!(DataRegistry::record(old).unwrap().superseded_by, Some(new));
			assert_eq!(DataRegistry::record(new).unwrap().replaces, Some(old));
			// The new version can be replaced in turn.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				update(3, 1)
			));
		});
	}

	#[test]
	fn refuses_a_link_to_a_missing_record() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, update(2, 1)),
				Error::<Test>::ReplacedRecordNotFound
			);
		});
	}

	#[test]
	fn refuses_to_replace_a_record_twice() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				update(2, 0)
			));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, update(3, 0)),
				Error::<Test>::ReplacedRecordSuperseded
			);
		});
	}
}

mod submit_records {
	use super::*;

	#[test]
	fn anchors_each_record_like_a_single_one() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			let before = Balances::free_balance(DEVICE);
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch((2..=9).map(input).collect())
			));
			System::assert_last_event(Event::RecordsAnchored { source, first: 1, count: 8 }.into());
			let bytes: u64 = (1..9)
				.map(|index| {
					Records::<Test>::get(RecordId { source, index }).unwrap().encoded_size() as u64
				})
				.sum();
			assert_eq!(
				Balances::free_balance(DEVICE),
				before - 8 * RECORD_FEE - RECORD_BYTE_FEE * bytes
			);
			for sequence in 2..=9u64 {
				let id = RecordId { source, index: sequence - 1 };
				let view = DataRegistry::record(id).unwrap();
				assert_eq!(view.sequence, sequence);
				assert_eq!(view.submitter, DEVICE);
				let found =
					DataRegistry::records_by_hash(digest(&format!("reading-{sequence}")), None, 5);
				assert_eq!(found.records, vec![view]);
				assert_eq!(found.next, None);
			}
			assert_eq!(SourceStates::<Test>::get(source).unwrap().progress.record_count, 9);
		});
	}

	#[test]
	fn names_the_offending_record_and_stores_nothing() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![input(2), input(3), input(3), input(4)])
				),
				Error::<Test>::BatchRecordRejected {
					index: 2,
					reason: RecordRejection::SequenceReplayed
				}
			);
			let bad_time = RecordInput { device_time: u64::MAX, ..input(3) };
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![input(2), bad_time])
				),
				Error::<Test>::BatchRecordRejected {
					index: 1,
					reason: RecordRejection::DeviceTimeInFuture
				}
			);
		});
	}

	#[test]
	fn updates_in_a_batch_may_replace_records_of_the_same_batch() {
		build_and_execute(|| {
			let source = register();
			let update = RecordInput { replaces: Some(0), ..input(2) };
			let again = RecordInput { replaces: Some(0), ..input(3) };
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch(vec![input(1), update.clone()])
			));
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![again])
				),
				Error::<Test>::BatchRecordRejected {
					index: 0,
					reason: RecordRejection::ReplacedRecordSuperseded
				}
			);
		});
	}

	#[test]
	fn refuses_an_empty_batch_and_the_wrong_signer() {
		build_and_execute(|| {
			let source = register();
			assert_noop!(
				DataRegistry::submit_records(RuntimeOrigin::signed(DEVICE), source, batch(vec![])),
				Error::<Test>::EmptyBatch
			);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(STRANGER),
					source,
					batch(vec![input(1)])
				),
				Error::<Test>::NotSourceDevice
			);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					9,
					batch(vec![input(1)])
				),
				Error::<Test>::SourceNotFound
			);
			assert_noop!(
				DataRegistry::submit_records(RuntimeOrigin::none(), source, batch(vec![input(1)])),
				BadOrigin
			);
		});
	}

	#[test]
	fn refuses_a_device_that_cannot_pay_every_fee() {
		build_and_execute(|| {
			let source = register_with_device(PAUPER);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(PAUPER),
					source,
					batch(vec![input(1), input(2)])
				),
				Error::<Test>::InsufficientRecordFee
			);
		});
	}

	#[test]
	fn a_batch_over_the_bound_does_not_decode() {
		build_and_execute(|| {
			let max = <<Test as Config>::MaxRecordsPerCall as Get<u32>>::get() as u64;
			let too_many: Vec<RecordInputOf<Test>> = (1..=max + 1).map(input).collect();
			let mut encoded = vec![3u8, 5u8];
			encoded.extend(0u32.encode());
			encoded.extend(too_many.encode());
			assert!(RuntimeCall::decode(&mut &encoded[..]).is_err());
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn record_answers_with_the_full_view() {
		build_and_execute(|| {
			let source = register();
			submit(source, 3);
			let view = DataRegistry::record(RecordId { source, index: 0 }).unwrap();
			assert_eq!(view.content, input(3).content);
			assert_eq!(view.chain_time, GENESIS_TIME);
			assert_eq!(view.block, 1);
			assert_eq!(view.metadata.len(), 2);
			assert_eq!(view.metadata[1].key, b"site".to_vec());
			assert_eq!(view.metadata[1].value, MetadataValue::Text(b"Harbour St".to_vec()));
			assert_eq!(DataRegistry::record(RecordId { source, index: 1 }), None);
			assert_eq!(DataRegistry::record(RecordId { source: 9, index: 0 }), None);
		});
	}

	#[test]
	fn records_by_hash_pages_every_anchor_up_to_the_page_size() {
		build_and_execute(|| {
			let sources: Vec<_> = (0..7).map(|_| register()).collect();
			for source in &sources {
				submit(*source, 1);
			}
			let ids = |page: &AnchorPage<AccountId, u64>| -> Vec<RecordId> {
				page.records.iter().map(|record| record.id).collect()
			};
			let all = |source: &SourceId| RecordId { source: *source, index: 0 };
			// Capped at MaxPageSize (5): the first five, with a cursor to the rest.
			let first = DataRegistry::records_by_hash(digest("reading-1"), None, 100);
			assert_eq!(ids(&first), sources[..5].iter().map(all).collect::<Vec<_>>());
			assert_eq!(first.next, Some(all(&sources[4])));
			let rest = DataRegistry::records_by_hash(digest("reading-1"), first.next, 100);
			assert_eq!(ids(&rest), sources[5..].iter().map(all).collect::<Vec<_>>());
			assert_eq!(rest.next, None);
			let three = DataRegistry::records_by_hash(digest("reading-1"), None, 3);
			assert_eq!(ids(&three).len(), 3);
			assert_eq!(three.next, Some(all(&sources[2])));
			let none = DataRegistry::records_by_hash(digest("never anchored"), None, 5);
			assert!(none.records.is_empty() && none.next.is_none());
			// A cursor that is no anchor of this digest gives an empty page.
			let wrong = DataRegistry::records_by_hash(digest("never anchored"), first.next, 5);
			assert!(wrong.records.is_empty());
		});
	}

	/// Issue 11: anyone may anchor a digest many times; the index used to answer in hash-key
	/// order, so later anchors could push the first one out of a page. The first anchor now
	/// always heads the first page, however many follow and from which source.
	#[test]
	fn the_first_anchor_of_a_digest_always_heads_the_first_page() {
		build_and_execute(|| {
			let late_source = register();
			System::set_block_number(2);
			let early_source = register();
			submit(early_source, 1);
			// Later blocks: another source (lower id) floods the same digest.
			for block in 3..20u64 {
				System::set_block_number(block);
				submit(late_source, 2 * block);
				assert_ok!(DataRegistry::submit_record(
					RuntimeOrigin::signed(DEVICE),
					late_source,
					RecordInput { content: input(1).content, ..input(2 * block + 1) }
				));
			}
			let page = DataRegistry::records_by_hash(digest("reading-1"), None, 1);
			assert_eq!(page.records[0].id, RecordId { source: early_source, index: 0 });
			assert_eq!(page.records[0].block, 2);
			// And the pages that follow list the flood in anchoring order, each anchor once.
			let mut seen = vec![page.records[0].id];
			let mut next = page.next;
			while let Some(after) = next {
				let page = DataRegistry::records_by_hash(digest("reading-1"), Some(after), 5);
				seen.extend(page.records.iter().map(|record| record.id));
				next = page.next;
			}
			assert_eq!(seen.len(), 18);
			let blocks: Vec<u64> =
				seen.iter().map(|id| DataRegistry::record(*id).unwrap().block).collect();
			assert!(blocks.windows(2).all(|pair| pair[0] < pair[1]), "{blocks:?}");
		});
	}

	#[test]
	fn source_answers_with_progress() {
		build_and_execute(|| {
			let source = register();
			submit(source, 4);
			submit(source, 9);
			let view = DataRegistry::source(source).unwrap();
			assert_eq!(view.owner, OWNER);
			assert_eq!(view.device, DEVICE);
			assert_eq!(view.format, OPEN_FORMAT);
			assert_eq!(view.retention, Parameters::get().default_retention);
			assert_eq!(view.record_count, 2);
			assert_eq!(view.last_sequence, Some(9));
			assert_eq!(DataRegistry::source(5), None);
		});
	}

	#[test]
	fn source_records_pages_by_index_sequence_and_time() {
		build_and_execute(|| {
			let source = register();
			// Sequence numbers 10, 20, ..., 120, one record per block, 3 s apart.
			for n in 1..=12u64 {
				System::set_block_number(n);
				pallet_timestamp::Now::<Test>::put(GENESIS_TIME + n * 3_000);
				submit(source, n * 10);
			}
			let page = DataRegistry::source_records(source, RecordCursor::Index(0), 100);
			assert_eq!(page.records.len(), 5, "capped at MaxPageSize");
			assert_eq!(page.next, Some(5));
			let page = DataRegistry::source_records(source, RecordCursor::Index(10), 5);
			assert_eq!(page.records.iter().map(|r| r.sequence).collect::<Vec<_>>(), vec![110, 120]);
			assert_eq!(page.next, None);

			let page = DataRegistry::source_records(source, RecordCursor::Sequence(35), 2);
			assert_eq!(page.records.iter().map(|r| r.sequence).collect::<Vec<_>>(), vec![40, 50]);
			assert_eq!(page.next, Some(5));
			let page = DataRegistry::source_records(source, RecordCursor::Sequence(121), 2);
			assert!(page.records.is_empty());
			assert_eq!(page.next, None);

			let page = DataRegistry::source_records(
				source,
				RecordCursor::ChainTime(GENESIS_TIME + 9_000),
				1,
			);
			assert_eq!(page.records[0].sequence, 30);
			assert_eq!(page.records[0].block, 3);
			let page = DataRegistry::source_records(source, RecordCursor::ChainTime(0), 1);
			assert_eq!(page.records[0].sequence, 10);
			assert!(DataRegistry::source_records(9, RecordCursor::Index(0), 5).records.is_empty());
		});
	}
}

#[test]
fn integrity_test_accepts_the_mock_bounds() {
	new_test_ext().execute_with(DataRegistry::integrity_test);
}

#[test]
fn try_state_catches_a_broken_index() {
	new_test_ext().execute_with(|| {
		let source = register();
		submit(source, 1);
		assert_ok!(DataRegistry::do_try_state());
		let block = Records::<Test>::get(RecordId { source, index: 0 }).unwrap().block;
		RecordsByHash::<Test>::remove(
			digest("reading-1"),
			AnchorKey::new(block, RecordId { source, index: 0 }),
		);
		assert!(DataRegistry::do_try_state().is_err());
	});
}

/// MON-3: the time sequence and liveness of each source, counted as records are anchored.
mod time_sequence {
	use super::*;
	use dmchain_primitives::{AnomalyPage, SourceAnomalies, EXPECTED_INTERVAL_MAX};

	fn at(time: u64) {
		pallet_timestamp::Now::<Test>::put(time);
	}

	fn timed(sequence: u64, device_time: u64) -> RecordInputOf<Test> {
		RecordInput { device_time, ..input(sequence) }
	}

	fn register_expecting(interval: Option<u64>) -> SourceId {
		let id = NextSourceId::<Test>::get();
		assert_ok!(DataRegistry::register_source(
			RuntimeOrigin::signed(OWNER),
			DEVICE,
			OPEN_FORMAT,
			description("{}"),
			interval,
		));
		id
	}

	#[test]
	fn an_expected_interval_must_be_positive_and_at_most_366_days() {
		build_and_execute(|| {
			for bad in [Some(0), Some(EXPECTED_INTERVAL_MAX + 1)] {
				assert_noop!(
					DataRegistry::register_source(
						RuntimeOrigin::signed(OWNER),
						DEVICE,
						OPEN_FORMAT,
						description(""),
						bad,
					),
					Error::<Test>::InvalidExpectedInterval
				);
			}
			let source = register_expecting(Some(EXPECTED_INTERVAL_MAX));
			assert_eq!(
				Sources::<Test>::get(source).unwrap().expected_interval,
				Some(EXPECTED_INTERVAL_MAX)
			);
			assert_noop!(
				DataRegistry::set_expected_interval(RuntimeOrigin::signed(OWNER), source, Some(0)),
				Error::<Test>::InvalidExpectedInterval
			);
		});
	}

	#[test]
	fn only_the_owner_changes_the_interval_of_a_live_source() {
		build_and_execute(|| {
			let source = register();
			assert_noop!(
				DataRegistry::set_expected_interval(RuntimeOrigin::none(), source, Some(1)),
				BadOrigin
			);
			assert_noop!(
				DataRegistry::set_expected_interval(RuntimeOrigin::signed(DEVICE), source, Some(1)),
				Error::<Test>::NotSourceOwner
			);
			assert_noop!(
				DataRegistry::set_expected_interval(RuntimeOrigin::signed(OWNER), 9, Some(1)),
				Error::<Test>::SourceNotFound
			);
			assert_ok!(DataRegistry::set_expected_interval(
				RuntimeOrigin::signed(OWNER),
				source,
				Some(60_000)
			));
			System::assert_last_event(
				Event::ExpectedIntervalSet { source, interval: Some(60_000) }.into(),
			);
			assert_eq!(DataRegistry::source(source).unwrap().expected_interval, Some(60_000));
			assert_ok!(DataRegistry::set_expected_interval(
				RuntimeOrigin::signed(OWNER),
				source,
				None
			));
			assert_eq!(Sources::<Test>::get(source).unwrap().expected_interval, None);
			submit(source, 1);
			assert_ok!(DataRegistry::retire_source(RuntimeOrigin::signed(OWNER), source));
			assert_noop!(
				DataRegistry::set_expected_interval(RuntimeOrigin::signed(OWNER), source, Some(1)),
				Error::<Test>::SourceRetired
			);
		});
	}

	#[test]
	fn gaps_clock_regressions_and_drift_are_counted_not_refused() {
		build_and_execute(|| {
			let source = register();
			let now = GENESIS_TIME;
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				timed(1, now - 1_000)
			));
			assert!(SourceStates::<Test>::get(source).unwrap().progress.anomalies.is_empty());
			// Sequence 2 and 3 are skipped, and the clock goes back 500 ms.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				timed(4, now - 1_500)
			));
			// In order, but further behind chain time than the skew bound allows.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				timed(5, now - MAX_CLOCK_SKEW - 1)
			));
			// A clean record after them changes no counter.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				timed(6, now)
			));
			let progress = SourceStates::<Test>::get(source).unwrap().progress;
			assert_eq!(
				progress.anomalies,
				SourceAnomalies {
					sequence_gaps: 1,
					missing_sequences: 2,
					// The drifted record is also earlier than the one before it.
					clock_regressions: 2,
					clock_drifts: 1,
					last_anomalous_record: Some(2),
				}
			);
			assert_eq!(progress.last_device_time, now);
			assert_eq!(progress.last_chain_time, now);
			assert_eq!(progress.record_count, 4);
		});
	}

	#[test]
	fn a_refused_batch_counts_nothing() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_noop!(
				DataRegistry::submit_records(
					RuntimeOrigin::signed(DEVICE),
					source,
					batch(vec![input(5), input(5)])
				),
				Error::<Test>::BatchRecordRejected {
					index: 1,
					reason: RecordRejection::SequenceReplayed
				}
			);
			assert!(SourceStates::<Test>::get(source).unwrap().progress.anomalies.is_empty());
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch(vec![input(3), input(7)])
			));
			let anomalies = SourceStates::<Test>::get(source).unwrap().progress.anomalies;
			assert_eq!((anomalies.sequence_gaps, anomalies.missing_sequences), (2, 4));
			assert_eq!(anomalies.last_anomalous_record, Some(2));
		});
	}

	#[test]
	fn the_anomaly_query_lists_anomalous_and_silent_sources_page_by_page() {
		build_and_execute(|| {
			let clean = register_expecting(Some(60_000));
			let gappy = register_expecting(None);
			let silent = register_expecting(Some(10_000));
			let paused = register_expecting(Some(10_000));
			submit(clean, 1);
			submit(gappy, 1);
			submit(gappy, 3);
			assert_ok!(DataRegistry::suspend_source(RuntimeOrigin::signed(OWNER), paused));
			// Nothing is silent yet.
			let page = DataRegistry::source_anomalies(None, 10);
			assert_eq!(page.sources.iter().map(|view| view.source).collect::<Vec<_>>(), [gappy]);
			assert_eq!(page.next, None);

			at(GENESIS_TIME + 10_001);
			let page = DataRegistry::source_anomalies(None, 10);
			let listed: Vec<_> = page.sources.iter().map(|view| view.source).collect();
			// The paused source is expected to be silent; the clean one has a minute.
			assert_eq!(listed, [gappy, silent]);
			let view = &page.sources[1];
			assert_eq!(view.silent_for, Some(10_001));
			assert_eq!(view.last_device_time, None);
			assert_eq!(view.record_count, 0);
			assert_eq!(page.sources[0].anomalies.missing_sequences, 1);
			assert_eq!(page.sources[0].silent_for, None);

			// Each page looks at `limit` sources, at most MaxPageSize (5 in the mock).
			let first = DataRegistry::source_anomalies(None, 2);
			assert_eq!(first.sources.len(), 1);
			assert_eq!(first.next, Some(gappy));
			let second = DataRegistry::source_anomalies(first.next, 2);
			assert_eq!(second.sources.iter().map(|view| view.source).collect::<Vec<_>>(), [silent]);
			assert_eq!(second.next, None);
			assert_eq!(
				DataRegistry::source_anomalies(Some(u32::MAX), 2),
				AnomalyPage { sources: Vec::new(), next: None }
			);
			for _ in 0..6 {
				register_expecting(None);
			}
			assert_eq!(DataRegistry::source_anomalies(None, 100).next, Some(4));
		});
	}

	#[test]
	fn silence_counts_from_approval_for_a_source_that_waited() {
		build_and_execute(|| {
			RequireApproval::set(true);
			let source = register_expecting(Some(10_000));
			at(GENESIS_TIME + 50_000);
			assert_ok!(DataRegistry::approve(source));
			assert!(DataRegistry::source_anomalies(None, 5).sources.is_empty());
			at(GENESIS_TIME + 60_001);
			assert_eq!(DataRegistry::source_anomalies(None, 5).sources[0].silent_for, Some(10_001));
			// A record ends the silence.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				timed(1, GENESIS_TIME + 60_000)
			));
			assert!(DataRegistry::source_anomalies(None, 5).sources.is_empty());
		});
	}

	#[test]
	fn a_record_under_an_upheld_case_says_so_in_every_answer() {
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			submit(source, 2);
			let id = RecordId { source, index: 1 };
			UpheldCases::set(vec![(id, 7)]);
			assert_eq!(DataRegistry::record(id).unwrap().upheld_case, Some(7));
			assert_eq!(
				DataRegistry::record(RecordId { source, index: 0 }).unwrap().upheld_case,
				None
			);
			let page = DataRegistry::source_records(source, RecordCursor::Index(0), 5);
			assert_eq!(
				page.records.iter().map(|view| view.upheld_case).collect::<Vec<_>>(),
				[None, Some(7)]
			);
			let anchors = DataRegistry::records_by_hash(digest("reading-2"), None, 5);
			assert_eq!(anchors.records[0].upheld_case, Some(7));
		});
	}

	#[test]
	fn record_facts_are_what_the_supervisor_reads() {
		use dmchain_primitives::RecordRegistry;
		build_and_execute(|| {
			let source = register();
			submit(source, 1);
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				RecordInput { replaces: Some(0), ..input(2) }
			));
			let facts = DataRegistry::record_facts(RecordId { source, index: 0 }).unwrap();
			assert_eq!(facts.content.digest, digest("reading-1"));
			assert_eq!(facts.block, 1);
			assert_eq!(facts.superseded_by, Some(1));
			assert_eq!(DataRegistry::record_facts(RecordId { source, index: 2 }), None);
		});
	}
}

mod record_path {
	//! Issue 12: what one record costs in state, what a submission reads, what it is charged.
	use super::*;
	use frame_support::dispatch::{Pays, PostDispatchInfo};
	use std::collections::BTreeMap;

	/// Every key of the registry's storage with the length of its value.
	fn registry_state() -> BTreeMap<Vec<u8>, usize> {
		let prefix = sp_io::hashing::twox_128(b"DataRegistry").to_vec();
		let mut state = BTreeMap::new();
		let mut key = prefix.clone();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(&prefix) {
				break;
			}
			let len = sp_io::storage::get(&next).map_or(0, |value| value.len());
			state.insert(next.clone(), len);
			key = next;
		}
		state
	}

	/// The bytes (keys and values) `change` adds to the registry's storage.
	fn state_added_by(change: impl FnOnce()) -> usize {
		let before = registry_state();
		change();
		registry_state()
			.into_iter()
			.map(|(key, len)| match before.get(&key) {
				None => key.len() + len,
				Some(old) => len.saturating_sub(*old),
			})
			.sum()
	}

	fn plain(sequence: u64) -> RecordInputOf<Test> {
		RecordInput { metadata: Default::default(), ..input(sequence) }
	}

	/// The target is at most 160 bytes of state per plain record (metadata aside; here the
	/// record has none, and its empty list's one byte is counted). A block number and a
	/// sequence number of a busy chain (both in the millions) and a device time of today.
	#[test]
	fn a_plain_record_adds_at_most_160_bytes_to_state() {
		build_and_execute(|| {
			let source = register();
			let submit = |record| {
				assert_ok!(DataRegistry::submit_record(
					RuntimeOrigin::signed(DEVICE),
					source,
					record
				));
			};
			// The source's first record (its progress then keeps a last sequence number).
			System::set_block_number(2_999_999);
			submit(plain(999_999));
			System::set_block_number(3_000_000);
			// The block's first record also writes the block's chain time, once per block.
			let first = state_added_by(|| submit(plain(1_000_000)));
			let counter = state_added_by(|| submit(plain(1_000_001)));
			// A device that numbers its records by its clock in ms (the jump is a sequence gap:
			// the source's progress notes its first anomaly once).
			submit(plain(GENESIS_TIME));
			let clock = state_added_by(|| submit(plain(GENESIS_TIME + 1)));
			let update = state_added_by(|| {
				submit(RecordInput { replaces: Some(0), ..plain(GENESIS_TIME + 2) })
			});
			println!(
				"state per record: plain {counter} B (sequence counter), {clock} B (sequence in \
				 ms), first of its block {first} B, update {update} B"
			);
			// 44 (record key) + 48 (record: digest, compact sequence, device time and block,
			// empty metadata) + 64 (digest index entry).
			assert_eq!(counter, 156);
			// A sequence number in ms takes 3 bytes more (compact).
			assert_eq!(clock, 159);
			assert!(counter <= 160 && clock <= 160);
			// The block's time: a 36-byte key and an 8-byte value, once per block.
			assert_eq!(first, counter + 44);
			// An update adds the two ends of its version link: 44-byte keys, 10-byte values.
			assert_eq!(update, clock + 108);
		});
	}

	#[test]
	fn records_without_metadata_never_load_the_format() {
		build_and_execute(|| {
			// A format that requires a field: a record without metadata is refused from the
			// source's terms alone.
			let strict = add_format(FormatSpec {
				fields: vec![FieldSpec {
					name: b"kwh".to_vec(),
					field_type: FieldType::Integer { min: 0, max: 10 },
					required: true,
				}],
				open: false,
				..open_format()
			});
			let id = NextSourceId::<Test>::get();
			assert_ok!(DataRegistry::register_source(
				RuntimeOrigin::signed(OWNER),
				DEVICE,
				strict,
				description(""),
				None
			));
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), id, plain(1)),
				Error::<Test>::MissingField
			);
			assert_eq!(format_loads(), 0);

			let source = register();
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch(vec![plain(1), plain(2), plain(3)])
			));
			assert_eq!(format_loads(), 0);
			// Records with metadata load the format once per call.
			assert_ok!(DataRegistry::submit_records(
				RuntimeOrigin::signed(DEVICE),
				source,
				batch(vec![input(4), plain(5), input(6)])
			));
			assert_eq!(format_loads(), 1);
		});
	}

	#[test]
	fn the_hash_algorithm_is_checked_without_metadata_too() {
		build_and_execute(|| {
			let source = register();
			let mut record = plain(1);
			record.content.algorithm = HashAlgorithm::Sha2_256;
			assert_noop!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, record),
				Error::<Test>::WrongHashAlgorithm
			);
			// The stored digest reads back with the source's algorithm.
			assert_ok!(DataRegistry::submit_record(
				RuntimeOrigin::signed(DEVICE),
				source,
				plain(2)
			));
			let view = DataRegistry::record(RecordId { source, index: 0 }).unwrap();
			assert_eq!(view.content, plain(2).content);
		});
	}

	#[test]
	fn the_block_time_is_written_once_per_block_and_refunded_after() {
		build_and_execute(|| {
			let source = register();
			System::set_block_number(7);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME + 6_000);
			let charged = DataRegistry::submit_record_weight(&plain(1));
			let write = <<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.writes(1);
			assert!(write.ref_time() > 0);
			let first =
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, plain(1));
			assert_eq!(
				first,
				Ok(PostDispatchInfo { actual_weight: Some(charged), pays_fee: Pays::Yes })
			);
			assert_eq!(DataRegistry::block_time(7), Some(GENESIS_TIME + 6_000));
			let second =
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, plain(2));
			assert_eq!(
				second,
				Ok(PostDispatchInfo { actual_weight: Some(charged - write), pays_fee: Pays::Yes })
			);
			// The same in a multi-record call.
			let records = batch(vec![plain(3), plain(4)]);
			let charged = DataRegistry::submit_records_weight(&records);
			assert_eq!(
				DataRegistry::submit_records(RuntimeOrigin::signed(DEVICE), source, records),
				Ok(PostDispatchInfo { actual_weight: Some(charged - write), pays_fee: Pays::Yes })
			);
			// The next block writes its own time.
			System::set_block_number(8);
			pallet_timestamp::Now::<Test>::put(GENESIS_TIME + 9_000);
			let charged = DataRegistry::submit_record_weight(&plain(5));
			assert_eq!(
				DataRegistry::submit_record(RuntimeOrigin::signed(DEVICE), source, plain(5)),
				Ok(PostDispatchInfo { actual_weight: Some(charged), pays_fee: Pays::Yes })
			);
			assert_eq!(DataRegistry::block_time(8), Some(GENESIS_TIME + 9_000));
			let page = DataRegistry::source_records(source, RecordCursor::Index(0), 10);
			let times: Vec<_> = page.records.iter().map(|r| r.chain_time).collect();
			assert_eq!(
				times,
				vec![GENESIS_TIME + 6_000; 4]
					.into_iter()
					.chain([GENESIS_TIME + 9_000])
					.collect::<Vec<_>>()
			);
		});
	}

	#[test]
	fn each_kind_of_record_is_charged_its_own_weight() {
		use crate::WeightInfo;
		build_and_execute(|| {
			let update =
				|sequence, replaces| RecordInput { replaces: Some(replaces), ..plain(sequence) };
			let checked_update =
				|sequence, replaces| RecordInput { replaces: Some(replaces), ..input(sequence) };
			assert_eq!(
				DataRegistry::submit_record_weight(&plain(1)),
				<() as WeightInfo>::submit_record(0, 0)
			);
			assert_eq!(
				DataRegistry::submit_record_weight(&checked_update(1, 0)),
				<() as WeightInfo>::submit_record(1, 1)
			);
			// A call of new records pays exactly their measured cost.
			assert_eq!(
				DataRegistry::submit_records_weight(&[plain(1), plain(2), plain(3)]),
				<() as WeightInfo>::submit_records(3)
			);
			assert_eq!(
				DataRegistry::submit_records_weight(&[plain(1), plain(2), update(3, 0)]),
				<() as WeightInfo>::submit_records(2)
					.saturating_add(<() as WeightInfo>::submit_record_updates(1))
			);
			// Two plain, one update, two with metadata of which one is an update too.
			let mixed = [plain(1), plain(2), update(3, 0), input(4), checked_update(5, 1)];
			assert_eq!(
				DataRegistry::submit_records_weight(&mixed),
				<() as WeightInfo>::submit_records(2)
					.saturating_add(<() as WeightInfo>::submit_record_updates(2))
					.saturating_add(<() as WeightInfo>::submit_records_with_metadata(2))
			);
			// A plain record is charged less than an update and than a checked record.
			let plain_time = <() as WeightInfo>::submit_record(0, 0).ref_time();
			assert!(plain_time < <() as WeightInfo>::submit_record(1, 0).ref_time());
			assert!(plain_time < <() as WeightInfo>::submit_record(0, 1).ref_time());
		});
	}
}
