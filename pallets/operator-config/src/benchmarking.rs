//! Benchmarks of the operator-configuration pallet (v2 syntax), each at its largest input: the
//! longest name and reason; sources through the runtime's real [`Config::Sources`].

use super::*;
use crate::{
	pallet::{Call, Config, DataUsers, Event, Pallet},
	roles::Role,
};
use alloc::vec;
use dmchain_primitives::{SourceControl, SourceStatus};
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::Get,
	traits::{fungible::Mutate, EnsureOrigin},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(
		<T as frame_system::Config>::RuntimeEvent::from(event).into(),
	);
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn operator<T: Config>() -> T::AccountId {
	let who = funded::<T>("operator");
	Pallet::<T>::do_appoint(Role::Operator, who.clone()).expect("room for one operator");
	who
}

/// A data user registered with the longest name, in `status`.
fn data_user<T: Config>(status: DataUserStatus) -> T::AccountId {
	let who = funded::<T>("user");
	let name = BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize]);
	Pallet::<T>::do_register_data_user(who.clone(), DataUserKind::Organisation, name, [1; 32])
		.expect("a funded account registers");
	DataUsers::<T>::mutate(&who, |user| {
		if let Some(user) = user {
			user.status = status;
		}
	});
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn appoint_operator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("new", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_last_event::<T>(Event::OperatorAppointed { who });
		Ok(())
	}

	#[benchmark]
	fn dismiss_operator() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = operator::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_last_event::<T>(Event::OperatorDismissed { who });
		Ok(())
	}

	#[benchmark]
	fn appoint_supervisor() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("new", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_last_event::<T>(Event::SupervisorAppointed { who });
		Ok(())
	}

	#[benchmark]
	fn dismiss_supervisor() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("supervisor", 0, 0);
		Pallet::<T>::do_appoint(Role::Supervisor, who.clone()).expect("room for one supervisor");
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert_last_event::<T>(Event::SupervisorDismissed { who });
		Ok(())
	}

	#[benchmark]
	fn register_data_user() {
		let who = funded::<T>("user");
		let name = BoundedVec::truncate_from(vec![b'n'; T::MaxNameLen::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), DataUserKind::Person, name, [1; 32]);
		assert_last_event::<T>(Event::DataUserRegistered {
			who,
			kind: DataUserKind::Person,
			deposit: T::DataUserDeposit::get(),
		});
	}

	#[benchmark]
	fn approve_data_user() {
		let by = operator::<T>();
		let who = data_user::<T>(DataUserStatus::Pending);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::DataUserApproved { who, by });
	}

	#[benchmark]
	fn suspend_data_user() {
		let by = operator::<T>();
		let who = data_user::<T>(DataUserStatus::Approved);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::DataUserSuspended { who, by });
	}

	#[benchmark]
	fn reinstate_data_user() {
		let by = operator::<T>();
		let who = data_user::<T>(DataUserStatus::Suspended);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::DataUserReinstated { who, by });
	}

	#[benchmark]
	fn remove_data_user() {
		let by = operator::<T>();
		let who = data_user::<T>(DataUserStatus::Approved);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::DataUserRemoved { who, by });
	}

	#[benchmark]
	fn approve_source() {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source);
		assert_last_event::<T>(Event::SourceApproved { source, by });
		assert_eq!(T::Sources::status_of(source), Some(SourceStatus::Active));
	}

	#[benchmark]
	fn reject_source() {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		let reason: ReasonOf<T> =
			BoundedVec::truncate_from(vec![b'r'; T::MaxReasonLen::get() as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source, reason.clone());
		assert_last_event::<T>(Event::SourceRejected { source, by, reason });
		assert_eq!(T::Sources::status_of(source), None);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
