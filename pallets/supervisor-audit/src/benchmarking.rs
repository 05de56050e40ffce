//! Benchmarks of the supervisor audit (v2 syntax). Every call is measured at its largest input:
//! the longest texts, a case on the most flags, a case with findings up to the last one.
//! Set-up goes through [`crate::BenchmarkHelper`].

use super::*;
use crate::pallet::{Call, Cases, Config, Event, NextCaseId, NextFlagId, Pallet};
use alloc::vec;
use dmchain_primitives::{CaseOutcome, CaseStatus, ReasonCode, Subject};
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::Get, traits::fungible::Mutate, BoundedVec};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

/// A funded supervisor.
fn supervisor<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("supervisor", 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	T::BenchmarkHelper::appoint_supervisor(&who);
	who
}

/// The longest text.
fn longest<T: Config>() -> TextOf<T> {
	BoundedVec::truncate_from(vec![b't'; T::MaxTextLen::get() as usize])
}

/// A record subject (checking it reads the registry's record): a newly anchored record.
fn subject<T: Config>() -> Subject {
	Subject::Record(T::BenchmarkHelper::anchored_record())
}

/// An open case about a new [`subject`] on the most flags it can take.
fn case_on_full_flags<T: Config>(who: &T::AccountId) -> Result<u32, BenchmarkError> {
	let subject = subject::<T>();
	let flags = full_flags::<T>(who, subject)?;
	Ok(Pallet::<T>::do_open_case(who.clone(), subject, flags, longest::<T>())?)
}

/// `MaxFlagsPerCase` new flags about `subject`.
fn full_flags<T: Config>(
	who: &T::AccountId,
	subject: Subject,
) -> Result<BoundedVec<u32, T::MaxFlagsPerCase>, BenchmarkError> {
	let mut flags = vec![];
	for _ in 0..T::MaxFlagsPerCase::get() {
		flags.push(Pallet::<T>::do_flag(
			who.clone(),
			subject,
			ReasonCode::Other,
			longest::<T>(),
			Some([1; 32]),
		)?);
	}
	BoundedVec::try_from(flags).map_err(|_| BenchmarkError::Stop("too many flags"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn flag() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let id = NextFlagId::<T>::get();
		let subject = subject::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			subject,
			ReasonCode::SuspectedTampering,
			longest::<T>(),
			Some([9; 32]),
		);

		assert_last_event::<T>(Event::Flagged {
			flag: id,
			subject,
			reason: ReasonCode::SuspectedTampering,
			by: who,
		});
		Ok(())
	}

	#[benchmark]
	fn open_case() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let subject = subject::<T>();
		let flags = full_flags::<T>(&who, subject)?;
		let count = flags.len() as u32;
		let case = NextCaseId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), subject, flags, longest::<T>());

		assert_last_event::<T>(Event::CaseOpened { case, subject, flags: count, by: who });
		Ok(())
	}

	#[benchmark]
	fn add_finding() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let case = case_on_full_flags::<T>(&who)?;
		let last = T::MaxFindingsPerCase::get().saturating_sub(1);
		for _ in 0..last {
			Pallet::<T>::do_add_finding(who.clone(), case, longest::<T>(), None)?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), case, longest::<T>(), Some([3; 32]));

		assert_last_event::<T>(Event::FindingAdded { case, finding: last, by: who });
		Ok(())
	}

	/// The worst case: upheld, which also writes the subject's upheld index.
	#[benchmark]
	fn resolve_case() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let case = case_on_full_flags::<T>(&who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), case, CaseOutcome::Upheld, longest::<T>());

		assert_last_event::<T>(Event::CaseResolved { case, outcome: CaseOutcome::Upheld, by: who });
		assert_eq!(Cases::<T>::get(case).map(|case| case.status), Some(CaseStatus::Upheld));
		Ok(())
	}

	/// The worst case: with a case to check the source against.
	#[benchmark]
	fn freeze_source() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let source = T::BenchmarkHelper::active_source();
		let case = Pallet::<T>::do_open_case(
			who.clone(),
			Subject::Source(source),
			BoundedVec::truncate_from(vec![Pallet::<T>::do_flag(
				who.clone(),
				Subject::Source(source),
				ReasonCode::Other,
				longest::<T>(),
				None,
			)?]),
			longest::<T>(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), source, Some(case));

		assert_last_event::<T>(Event::SourceFrozen { source, case: Some(case), by: who });
		Ok(())
	}

	#[benchmark]
	fn unfreeze_source() -> Result<(), BenchmarkError> {
		let who = supervisor::<T>();
		let source = T::BenchmarkHelper::active_source();
		Pallet::<T>::do_freeze(who.clone(), source, None)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), source);

		assert_last_event::<T>(Event::SourceUnfrozen { source, by: who });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
