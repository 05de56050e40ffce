//! Call-sequence fuzzing of the supervisor audit (issue 11's adversarial suite): random
//! sequences of every call, from supervisors, a dismissed supervisor, strangers, root and the
//! penniless, on every subject (existing or not), against the mock runtime. After every call
//! the invariants (`try_state`) must hold and nothing may panic; a refused call must leave
//! storage as it was (`dmchain-call-fuzz`).

use crate::{mock::*, pallet::*};
use dmchain_primitives::{CaseOutcome, ReasonCode, RecordId, SourceHold, Subject};
use frame_support::{traits::UnfilteredDispatchable, BoundedVec};
use proptest::prelude::*;

fn origin(who: u8) -> RuntimeOrigin {
	match who % 7 {
		0 => RuntimeOrigin::root(),
		1 => RuntimeOrigin::none(),
		2 => RuntimeOrigin::signed(SUPERVISOR),
		3 => RuntimeOrigin::signed(SECOND),
		4 => RuntimeOrigin::signed(STRANGER),
		5 => RuntimeOrigin::signed(PAUPER),
		_ => RuntimeOrigin::signed(SUPERVISOR),
	}
}

fn subject() -> impl Strategy<Value = Subject> {
	prop_oneof![
		(0u32..4).prop_map(Subject::Source),
		(0u32..3, 0u64..3).prop_map(|(source, index)| Subject::Record(RecordId { source, index })),
	]
}

fn text() -> impl Strategy<Value = BoundedVec<u8, <Test as Config>::MaxTextLen>> {
	prop_oneof![
		1 => Just(vec![]),
		1 => Just(vec![0xff]),
		6 => proptest::collection::vec(b'a'..=b'z', 1..64),
	]
	.prop_map(BoundedVec::truncate_from)
}

#[derive(Clone, Debug)]
enum Step {
	Call(u8, RuntimeCall),
	/// Another authority puts its hold on a source (the registry stand-in).
	OperatorHold(u32),
	NextBlock,
}

fn step() -> impl Strategy<Value = Step> {
	let who = prop_oneof![6 => 2u8..4, 1 => 0u8..7];
	let case = 0u32..6;
	let flags = proptest::collection::vec(0u32..8, 0..5).prop_map(BoundedVec::truncate_from);
	let reason = prop_oneof![Just(ReasonCode::SequenceAnomaly), Just(ReasonCode::Other)];
	let outcome = prop_oneof![Just(CaseOutcome::Upheld), Just(CaseOutcome::Dismissed)];
	let evidence = proptest::option::of(any::<[u8; 32]>());
	let calls = prop_oneof![
		4 => (subject(), reason, text(), evidence.clone()).prop_map(|(subject, reason, text, evidence)| {
			RuntimeCall::from(Call::flag { subject, reason, text, evidence })
		}),
		3 => (subject(), flags, text())
			.prop_map(|(subject, flags, summary)| Call::open_case { subject, flags, summary }.into()),
		2 => (case.clone(), text(), evidence)
			.prop_map(|(case, text, evidence)| Call::add_finding { case, text, evidence }.into()),
		2 => (case.clone(), outcome, text())
			.prop_map(|(case, outcome, reason)| Call::resolve_case { case, outcome, reason }.into()),
		1 => (0u32..4, proptest::option::of(case))
			.prop_map(|(source, case)| Call::freeze_source { source, case }.into()),
		1 => (0u32..4).prop_map(|source| Call::unfreeze_source { source }.into()),
	];
	prop_oneof![
		10 => (who, calls).prop_map(|(who, call)| Step::Call(who, call)),
		1 => (0u32..2).prop_map(Step::OperatorHold),
		1 => Just(Step::NextBlock),
	]
}

fn run(steps: &[Step]) {
	new_test_ext().execute_with(|| {
		for step in steps {
			match step.clone() {
				Step::Call(who, call) => {
					if who % 7 == 6 {
						dismiss(SECOND);
					}
					dmchain_call_fuzz::dispatch(
						|| {
							call.dispatch_bypass_filter(origin(who))
								.map(|_| ())
								.map_err(|e| e.error)
						},
						Audit::do_try_state,
					)
				},
				Step::OperatorHold(source) => put_hold(source, SourceHold::OperatorSuspension),
				Step::NextBlock => System::set_block_number(System::block_number() + 1),
			}
		}
	});
}

#[test]
fn random_call_sequences_keep_every_invariant() {
	dmchain_call_fuzz::run(
		"supervisor-audit",
		proptest::collection::vec(step(), 1..60),
		10,
		|steps| run(steps),
	);
}
