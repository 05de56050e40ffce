//! Call-sequence fuzzing of the registry (issue 11's adversarial suite): random sequences of
//! every call, from random origins with random inputs, against the mock runtime. After every
//! call the storage invariants (`try_state`) must hold, and no call may panic; a refused call
//! must leave storage exactly as it was. At the end the run prints how many calls it made and
//! how each ended.
//!
//! `DMCHAIN_FUZZ_CASES` sets the number of sequences (default 64, a few seconds; the long run
//! in `docs/benchmarks.md` uses 25,000 sequences of up to 60 calls, over a million calls).

use crate::{mock::*, types::*};
use dmchain_primitives::{
	ContentHash, DataParameters, HashAlgorithm, MetadataEntry, MetadataValue, RateLimit,
	SourceControl, SourceHold,
};
use frame_support::BoundedVec;
use proptest::prelude::*;
use sp_runtime::DispatchError;

/// One step of a call sequence.
#[derive(Clone, Debug)]
enum Step {
	Register { owner: u64, device: u64, format: u32, description: u8 },
	Pause { who: u64, source: u32 },
	Resume { who: u64, source: u32 },
	Retire { who: u64, source: u32 },
	Hold { source: u32, hold: u8, on: bool },
	Approve { source: u32 },
	Reject { source: u32 },
	Submit { who: u64, source: u32, record: Input },
	SubmitMany { who: u64, source: u32, records: Vec<Input> },
	NextBlock { blocks: u8, millis: u32 },
	Admission { pending: bool },
	RateLimit { records: u32, window: u32 },
}

/// A record as the fuzzer draws it.
#[derive(Clone, Debug)]
struct Input {
	payload: u8,
	algorithm: u8,
	sequence: u64,
	time_offset: i64,
	replaces: Option<u64>,
	metadata: Vec<(Vec<u8>, u8, Vec<u8>)>,
}

/// Mostly the funded owner and device, so that sequences get far; sometimes anyone else.
fn account() -> impl Strategy<Value = u64> {
	prop_oneof![4 => Just(OWNER), 5 => Just(DEVICE), 1 => Just(STRANGER), 1 => Just(PAUPER), 1 => 5u64..8]
}

fn source() -> impl Strategy<Value = u32> {
	prop_oneof![9 => 0u32..3, 1 => Just(u32::MAX)]
}

fn input() -> impl Strategy<Value = Input> {
	(
		0u8..6,
		0u8..4,
		prop_oneof![0u64..12, Just(u64::MAX), any::<u64>()],
		prop_oneof![-60_000i64..60_000, Just(i64::MAX / 2), Just(i64::MIN / 2)],
		proptest::option::of(prop_oneof![0u64..6, Just(u64::MAX)]),
		proptest::collection::vec(
			(
				proptest::collection::vec(prop_oneof![Just(b'k'), Just(0xffu8), Just(b'x')], 0..5),
				0u8..7,
				proptest::collection::vec(any::<u8>(), 0..10),
			),
			0..5,
		),
	)
		.prop_map(|(payload, algorithm, sequence, time_offset, replaces, metadata)| Input {
			payload,
			algorithm,
			sequence,
			time_offset,
			replaces,
			metadata,
		})
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		3 => (account(), account(), prop_oneof![6 => Just(OPEN_FORMAT), 1 => 1u32..3], any::<u8>())
			.prop_map(|(owner, device, format, description)| Step::Register {
				owner, device, format, description
			}),
		1 => (account(), source()).prop_map(|(who, source)| Step::Pause { who, source }),
		1 => (account(), source()).prop_map(|(who, source)| Step::Resume { who, source }),
		1 => (account(), source()).prop_map(|(who, source)| Step::Retire { who, source }),
		2 => (source(), 0u8..3, any::<bool>()).prop_map(|(source, hold, on)| Step::Hold {
			source, hold, on
		}),
		1 => source().prop_map(|source| Step::Approve { source }),
		1 => source().prop_map(|source| Step::Reject { source }),
		6 => (account(), source(), input()).prop_map(|(who, source, record)| Step::Submit {
			who, source, record
		}),
		3 => (account(), source(), proptest::collection::vec(input(), 0..10)).prop_map(
			|(who, source, records)| Step::SubmitMany { who, source, records }
		),
		2 => (0u8..30, 0u32..20_000).prop_map(|(blocks, millis)| Step::NextBlock { blocks, millis }),
		1 => any::<bool>().prop_map(|pending| Step::Admission { pending }),
		1 => (0u32..4, 0u32..12).prop_map(|(records, window)| Step::RateLimit { records, window }),
	]
}

fn record_input(input: &Input) -> Option<RecordInputOf<Test>> {
	let algorithm = match input.algorithm {
		0 => HashAlgorithm::Blake2b256,
		1 => HashAlgorithm::Sha2_256,
		_ => HashAlgorithm::Keccak256,
	};
	let metadata = input
		.metadata
		.iter()
		.map(|(key, kind, bytes)| {
			let value = match kind {
				0 => MetadataValue::Int(i64::from(bytes.first().copied().unwrap_or(0)) - 100),
				1 => MetadataValue::Uint(u64::from(bytes.len() as u8)),
				2 => MetadataValue::Bool(bytes.is_empty()),
				3 => MetadataValue::Time(u64::MAX),
				4 => MetadataValue::Decimal { mantissa: i64::MIN, scale: u8::MAX },
				5 => MetadataValue::Text(BoundedVec::truncate_from(bytes.clone())),
				_ => MetadataValue::Bytes(BoundedVec::truncate_from(bytes.clone())),
			};
			MetadataEntry { key: BoundedVec::truncate_from(key.clone()), value }
		})
		.collect::<Vec<_>>();
	let now = pallet_timestamp::Now::<Test>::get() as i64;
	Some(RecordInput {
		content: ContentHash { algorithm, digest: [input.payload; 32] },
		sequence: input.sequence,
		device_time: now.saturating_add(input.time_offset).max(0) as u64,
		replaces: input.replaces,
		metadata: BoundedVec::try_from(metadata).ok()?,
	})
}

/// Runs `call` as a dispatch would and checks the registry's invariants after it.
fn dispatch(call: impl FnOnce() -> Result<(), DispatchError>) {
	dmchain_call_fuzz::dispatch(call, DataRegistry::do_try_state);
}

fn run(steps: &[Step]) {
	new_test_ext().execute_with(|| {
		// Two sources to start from (0 and 1, Owner's, signed for by Device), so that most
		// steps reach past "no such source".
		for _ in 0..2 {
			dispatch(|| {
				DataRegistry::register_source(
					RuntimeOrigin::signed(OWNER),
					DEVICE,
					OPEN_FORMAT,
					Default::default(),
					None,
				)
			});
		}
		for step in steps {
			match step.clone() {
				Step::Register { owner, device, format, description } => dispatch(|| {
					let metadata = BoundedVec::truncate_from(vec![b'd'; usize::from(description)]);
					DataRegistry::register_source(
						RuntimeOrigin::signed(owner),
						device,
						format,
						metadata,
						None,
					)
				}),
				Step::Pause { who, source } => {
					dispatch(|| DataRegistry::suspend_source(RuntimeOrigin::signed(who), source))
				},
				Step::Resume { who, source } => {
					dispatch(|| DataRegistry::resume_source(RuntimeOrigin::signed(who), source))
				},
				Step::Retire { who, source } => {
					dispatch(|| DataRegistry::retire_source(RuntimeOrigin::signed(who), source))
				},
				Step::Hold { source, hold, on } => {
					let hold = match hold {
						0 => SourceHold::OwnerPause,
						1 => SourceHold::OperatorSuspension,
						_ => SourceHold::SupervisorFreeze,
					};
					dispatch(|| {
						if on {
							DataRegistry::hold(source, hold)
						} else {
							DataRegistry::lift(source, hold)
						}
					})
				},
				Step::Approve { source } => dispatch(|| DataRegistry::approve(source)),
				Step::Reject { source } => dispatch(|| DataRegistry::reject(source)),
				Step::Submit { who, source, record } => {
					let Some(record) = record_input(&record) else { continue };
					dispatch(|| {
						DataRegistry::submit_record(RuntimeOrigin::signed(who), source, record)
							.map(|_| ())
							.map_err(|e| e.error)
					})
				},
				Step::SubmitMany { who, source, records } => {
					let records: Vec<_> = records.iter().filter_map(record_input).collect();
					let records = BoundedVec::truncate_from(records);
					dispatch(|| {
						DataRegistry::submit_records(RuntimeOrigin::signed(who), source, records)
							.map(|_| ())
							.map_err(|e| e.error)
					})
				},
				Step::NextBlock { blocks, millis } => {
					System::set_block_number(System::block_number() + u64::from(blocks));
					pallet_timestamp::Now::<Test>::mutate(|now| *now += u64::from(millis));
				},
				Step::Admission { pending } => RequireApproval::set(pending),
				Step::RateLimit { records, window } => Parameters::set(DataParameters {
					rate_limit: RateLimit { records, window },
					..Parameters::get()
				}),
			}
		}
	});
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	dmchain_call_fuzz::run("registry", proptest::collection::vec(step(), 1..60), 11, |steps| {
		run(steps)
	});
}
