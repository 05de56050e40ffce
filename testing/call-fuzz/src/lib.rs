//! Call-sequence fuzzing of dmchain's pallets (issue 11's adversarial suite), the part every
//! pallet shares: [`dispatch`] runs one call the way a block would (in a storage layer of its
//! own, rolled back when refused), checks that a refusal changed nothing and that the pallet's
//! invariants hold after it, and tallies how the call ended; [`run`] drives random sequences
//! from a proptest strategy and prints the tally.
//!
//! `DMCHAIN_FUZZ_CASES` sets the number of sequences (default 64, a few seconds per pallet).

use frame_support::storage::with_transaction_unchecked;
use proptest::{
	strategy::Strategy,
	test_runner::{Config, TestRunner},
};
use sp_runtime::{DispatchError, TransactionOutcome, TryRuntimeError};
use std::{cell::RefCell, collections::BTreeMap, fmt::Debug};

thread_local! {
	static OUTCOMES: RefCell<BTreeMap<String, u64>> = const { RefCell::new(BTreeMap::new()) };
}

/// The name a call's outcome is tallied under: `ok`, the module error's name, or the error.
pub fn outcome_name(result: &Result<(), DispatchError>) -> String {
	match result {
		Ok(()) => "ok".into(),
		Err(DispatchError::Module(error)) => error.message.unwrap_or("module error").to_string(),
		Err(other) => format!("{other:?}"),
	}
}

/// Runs `call` in a storage layer of its own, as a dispatch would (a refused call is rolled
/// back); panics if a refusal changed storage or if `invariants` fail afterwards; tallies the
/// outcome. Call inside test externalities.
pub fn dispatch(
	call: impl FnOnce() -> Result<(), DispatchError>,
	invariants: impl FnOnce() -> Result<(), TryRuntimeError>,
) {
	let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
	let result = with_transaction_unchecked(|| {
		let result = call();
		match result {
			Ok(()) => TransactionOutcome::Commit(result),
			Err(_) => TransactionOutcome::Rollback(result),
		}
	});
	if result.is_err() {
		let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
		assert_eq!(before, after, "a refused call changed storage: {result:?}");
	}
	if let Err(broken) = invariants() {
		panic!("an invariant broke after {result:?}: {broken:?}");
	}
	OUTCOMES.with(|o| *o.borrow_mut().entry(outcome_name(&result)).or_default() += 1);
}

/// Runs `DMCHAIN_FUZZ_CASES` sequences (default 64) drawn from `sequences` through `run`,
/// prints how many calls were made and how each ended (as `name fuzz: …`), and checks that
/// some succeeded and that at least `min_outcomes` different outcomes were reached.
pub fn run<S>(name: &str, sequences: S, min_outcomes: usize, run: impl Fn(&S::Value))
where
	S: Strategy,
	S::Value: Debug,
{
	let cases = std::env::var("DMCHAIN_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
	let mut runner = TestRunner::new(Config { cases, ..Config::default() });
	OUTCOMES.with(|o| o.borrow_mut().clear());
	let started = std::time::Instant::now();
	runner
		.run(&sequences, |steps| {
			run(&steps);
			Ok(())
		})
		.expect("no call sequence breaks an invariant");
	let outcomes = OUTCOMES.with(|o| o.borrow().clone());
	let calls: u64 = outcomes.values().sum();
	println!(
		"{name} fuzz: {cases} sequences, {calls} calls in {:.1} s, no panic, try_state held \
		 after each; outcomes:",
		started.elapsed().as_secs_f64()
	);
	for (outcome, count) in &outcomes {
		println!("  {outcome}: {count}");
	}
	assert!(outcomes.get("ok").copied().unwrap_or(0) > 0, "some calls succeed");
	assert!(
		outcomes.len() >= min_outcomes,
		"the calls reach many different outcomes: {outcomes:?}"
	);
}
