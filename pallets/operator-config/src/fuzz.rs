//! Call-sequence fuzzing of the operator pallet (issue 11's adversarial suite): random sequences
//! of every call, from random origins (root, roles, strangers, the penniless) with random
//! inputs, against the mock runtime. After every call the invariants (`try_state`) must hold
//! and nothing may panic; a refused call must leave storage as it was. The run prints how many
//! calls it made and how each ended.
//!
//! `DMCHAIN_FUZZ_CASES` sets the number of sequences (default 64).

use crate::{mock::*, pallet::*, types::*};
use dmchain_primitives::{
	DataFormats, Encoding, FieldSpec, FieldType, FormatSpec, HashAlgorithm, Parameter, RateLimit,
	RetentionClass, SourceControl, SourceHold, SourceStatus,
};
use frame_support::{traits::UnfilteredDispatchable, BoundedVec};
use proptest::prelude::*;
use std::{cell::RefCell, collections::BTreeMap};

/// Who signs a step: root, or one of the accounts.
fn origin(who: u8) -> RuntimeOrigin {
	match who {
		0 => RuntimeOrigin::root(),
		1 => RuntimeOrigin::none(),
		n => RuntimeOrigin::signed(account(n)),
	}
}

fn account(n: u8) -> AccountId {
	[OPERATOR, SUPERVISOR, USER, STRANGER, PAUPER, 10, 11, 20, 21, CANDIDATE][usize::from(n) % 10]
}

/// A peer id: a valid identity multihash for some seeds, garbage for others.
fn peer_id(seed: u8) -> PeerIdBytes {
	let mut id = match seed % 3 {
		0 => vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20],
		1 => vec![0x00, 0x05],
		_ => vec![],
	};
	id.extend(std::iter::repeat_n(seed, 32));
	BoundedVec::truncate_from(id)
}

fn format(name: u8, version: u32, fields: &[(u8, u8, i64, i64)]) -> FormatSpecOf<Test> {
	let fields = fields
		.iter()
		.map(|(field, kind, low, high)| FieldSpec {
			name: BoundedVec::truncate_from(vec![b'f', *field]),
			field_type: match kind % 4 {
				0 => FieldType::Integer { min: *low, max: *high },
				1 => FieldType::Text { max_len: (*high).clamp(0, 1000) as u32 },
				2 => FieldType::Bool,
				_ => FieldType::Enum(BoundedVec::truncate_from(vec![
					BoundedVec::truncate_from(vec![b'a']),
					BoundedVec::truncate_from(vec![field % 2 + b'a']),
				])),
			},
			required: low % 2 == 0,
		})
		.collect::<Vec<_>>();
	FormatSpec {
		name: BoundedVec::truncate_from(if name == 0 { vec![] } else { vec![b'n', name % 3] }),
		version,
		hash_algorithm: HashAlgorithm::Sha2_256,
		fields: BoundedVec::truncate_from(fields),
		open: name % 2 == 0,
		max_payload_size: 1024,
		encoding: Encoding::Json,
	}
}

/// One call, by which origin and with which inputs.
fn call() -> impl Strategy<Value = (u8, RuntimeCall)> {
	// Root, none, mostly the operator (index 10 is OPERATOR), or anyone else.
	let who = prop_oneof![1 => Just(0u8), 1 => Just(1u8), 5 => Just(10u8), 3 => 2u8..12];
	let target = 0u8..12;
	let source = prop_oneof![0u32..4, Just(u32::MAX)];
	let calls = prop_oneof![
		target.clone().prop_map(|t| Call::appoint_operator { who: account(t) }),
		target.clone().prop_map(|t| Call::dismiss_operator { who: account(t) }),
		target.clone().prop_map(|t| Call::appoint_supervisor { who: account(t) }),
		target.clone().prop_map(|t| Call::dismiss_supervisor { who: account(t) }),
		(any::<bool>(), proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(person, name)| {
			Call::register_data_user {
				kind: if person { DataUserKind::Person } else { DataUserKind::Organisation },
				name: BoundedVec::truncate_from(name),
				identity_document: [1; 32],
			}
		}),
		target.clone().prop_map(|t| Call::approve_data_user { who: account(t) }),
		target.clone().prop_map(|t| Call::suspend_data_user { who: account(t) }),
		target.clone().prop_map(|t| Call::reinstate_data_user { who: account(t) }),
		target.clone().prop_map(|t| Call::remove_data_user { who: account(t) }),
		Just(Call::deregister_data_user {}),
		source.clone().prop_map(|source| Call::approve_source { source }),
		(source.clone(), any::<bool>())
			.prop_map(|(source, bad)| Call::reject_source { source, reason: reason(bad) }),
		(source.clone(), any::<bool>())
			.prop_map(|(source, bad)| Call::suspend_source { source, reason: reason(bad) }),
		source.prop_map(|source| Call::lift_source_suspension { source }),
		(0u8..4, 0u32..4, proptest::collection::vec((0u8..4, 0u8..4, -5i64..5, -5i64..5), 0..5))
			.prop_map(|(name, version, fields)| Call::register_format {
				spec: format(name, version, &fields)
			}),
		(0u32..4).prop_map(|format| Call::deprecate_format { format }),
		(0u32..4).prop_map(|format| Call::remove_format { format }),
		prop_oneof![
			any::<u64>().prop_map(Parameter::MaxClockSkew),
			(any::<u32>(), any::<u32>())
				.prop_map(|(records, window)| Parameter::RateLimit(RateLimit { records, window })),
			any::<u32>().prop_map(Parameter::MaxMetadataBytes),
			proptest::option::of(any::<u32>()).prop_map(|days| Parameter::DefaultRetention(
				days.map_or(RetentionClass::Permanent, |days| RetentionClass::Days(days))
			)),
		]
		.prop_map(|value| Call::set_parameter { value }),
		target.clone().prop_map(|t| Call::add_validator { who: account(t) }),
		target.clone().prop_map(|t| Call::remove_validator { who: account(t) }),
		(any::<u8>(), target).prop_map(|(seed, t)| Call::authorize_node {
			peer_id: peer_id(seed),
			owner: account(t)
		}),
		any::<u8>().prop_map(|seed| Call::revoke_node { peer_id: peer_id(seed) }),
		any::<bool>().prop_map(|enforced| Call::set_node_authorization { enforced }),
	];
	(who, calls.prop_map(RuntimeCall::OperatorConfig))
}

fn reason(bad: bool) -> ReasonOf<Test> {
	BoundedVec::truncate_from(if bad { vec![0xff, 0xfe] } else { b"why".to_vec() })
}

/// A step: a call, a source appearing in the stand-in registry, a supervisor's hold on one,
/// or time passing.
#[derive(Clone, Debug)]
enum Step {
	Call(u8, RuntimeCall),
	NewSource { pending: bool },
	Freeze { source: u32, on: bool },
	Bind { format: u32, on: bool },
	NextBlock,
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		8 => call().prop_map(|(who, call)| Step::Call(who, call)),
		1 => any::<bool>().prop_map(|pending| Step::NewSource { pending }),
		1 => (0u32..4, any::<bool>()).prop_map(|(source, on)| Step::Freeze { source, on }),
		1 => (0u32..4, any::<bool>()).prop_map(|(format, on)| Step::Bind { format, on }),
		1 => Just(Step::NextBlock),
	]
}

thread_local! {
	/// Formats the stand-in sources have bound, so that unbinding never goes below zero.
	static BOUND: RefCell<BTreeMap<u32, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Dispatches `call` from `who` as a block would and checks the pallet's invariants after it.
fn dispatch(who: u8, call: RuntimeCall) {
	dmchain_call_fuzz::dispatch(
		|| call.dispatch_bypass_filter(origin(who)).map(|_| ()).map_err(|e| e.error),
		OperatorConfig::do_try_state,
	);
}

fn run(steps: &[Step]) {
	new_test_ext().execute_with(|| {
		BOUND.with(|b| b.borrow_mut().clear());
		for step in steps {
			match step.clone() {
				Step::Call(who, call) => dispatch(who, call),
				Step::NewSource { pending } => {
					let status =
						if pending { SourceStatus::PendingApproval } else { SourceStatus::Active };
					MockSources::add(USER, status);
				},
				Step::Freeze { source, on } => {
					let _ = if on {
						MockSources::hold(source, SourceHold::SupervisorFreeze)
					} else {
						MockSources::lift(source, SourceHold::SupervisorFreeze)
					};
				},
				Step::Bind { format, on } => {
					let bound = BOUND.with(|b| b.borrow().get(&format).copied().unwrap_or(0));
					if on {
						if <OperatorConfig as DataFormats>::bind_source(format).is_ok() {
							BOUND.with(|b| *b.borrow_mut().entry(format).or_default() += 1);
						}
					} else if bound > 0 {
						<OperatorConfig as DataFormats>::unbind_source(format);
						BOUND.with(|b| *b.borrow_mut().entry(format).or_default() -= 1);
					}
					OperatorConfig::do_try_state().expect("invariants hold after a binding");
				},
				Step::NextBlock => System::set_block_number(System::block_number() + 1),
			}
		}
		// The pallet's count of each format's sources is exactly what bound it.
		for (format, bound) in BOUND.with(|b| b.borrow().clone()) {
			if let Some(info) = Formats::<Test>::get(format) {
				assert_eq!(info.sources, bound, "format {format} counts its sources wrong");
			}
		}
	});
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	dmchain_call_fuzz::run(
		"operator-config",
		proptest::collection::vec(step(), 1..60),
		11,
		|steps| run(steps),
	);
}
