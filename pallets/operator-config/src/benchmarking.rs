//! Benchmarks of the operator-configuration pallet (v2 syntax), each at its largest input: the
//! longest name and reason, the largest format (every field an enum with every variant, all
//! names at their longest); sources through the runtime's real [`Config::Sources`].

use super::*;
use crate::{
	pallet::{
		Call, Config, DataUsers, Event, Formats, NextFormatId, NodeAuthorizationEnforced, Pallet,
		ParameterHistoryLength, Parameters, Validators,
	},
	roles::Role,
};
use alloc::vec;
use dmchain_primitives::{
	Encoding, FieldSpec, FieldType, FormatSpec, HashAlgorithm, Parameter, RateLimit,
	SessionValidators, SourceControl, SourceHold, SourceHolds, SourceStatus,
};
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

fn longest_reason<T: Config>() -> ReasonOf<T> {
	BoundedVec::truncate_from(vec![b'r'; T::MaxReasonLen::get() as usize])
}

/// A name of the longest length, distinct for each `n`: `n…n` then `n` in hex digits.
fn long_name<T: Config>(n: u32) -> FormatNameOf<T> {
	let mut name = vec![b'n'; T::MaxFormatNameLen::get() as usize];
	let hex = alloc::format!("{n:08x}");
	let tail = hex.len().min(name.len());
	let start = name.len() - tail;
	name[start..].copy_from_slice(&hex.as_bytes()[hex.len() - tail..]);
	BoundedVec::truncate_from(name)
}

/// The costliest format to check: every field an enum with every variant, all names longest.
fn largest_format<T: Config>(version: u32) -> FormatSpecOf<T> {
	let variants: VariantsOf<T> = BoundedVec::truncate_from(
		(0..T::MaxEnumVariants::get()).map(|v| long_name::<T>(1_000 + v)).collect(),
	);
	let fields = (0..T::MaxFormatFields::get())
		.map(|f| FieldSpec {
			name: long_name::<T>(f),
			field_type: FieldType::Enum(variants.clone()),
			required: true,
		})
		.collect::<alloc::vec::Vec<_>>();
	FormatSpec {
		name: long_name::<T>(u32::MAX),
		version,
		hash_algorithm: HashAlgorithm::Sha2_256,
		fields: BoundedVec::truncate_from(fields),
		open: false,
		max_payload_size: u64::MAX,
		encoding: Encoding::Binary,
	}
}

/// Plans a validator set of `n` distinct accounts (the largest sets cost the most to scan and
/// rewrite).
fn validators<T: Config>(n: u32) -> alloc::vec::Vec<T::AccountId> {
	let set: alloc::vec::Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(set.clone()));
	set
}

/// A peer id of the longest form the pallet accepts (an inlined 42-byte key), distinct per `n`.
fn peer_id(n: u8) -> PeerIdBytes {
	let mut bytes = vec![0x00, 42];
	bytes.extend([n; 42]);
	BoundedVec::truncate_from(bytes)
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
	fn deregister_data_user() {
		let who = data_user::<T>(DataUserStatus::Approved);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert_last_event::<T>(Event::DataUserDeregistered { who });
	}

	#[benchmark]
	fn approve_source() {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source);
		assert_last_event::<T>(Event::SourceApproved { source, by });
		assert_eq!(
			T::Sources::status_of(source),
			Some((SourceStatus::Active, SourceHolds::default()))
		);
	}

	#[benchmark]
	fn reject_source() {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		let reason = longest_reason::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source, reason.clone());
		assert_last_event::<T>(Event::SourceRejected { source, by, reason });
		assert_eq!(T::Sources::status_of(source), None);
	}

	#[benchmark]
	fn suspend_source() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		T::Sources::approve(source)?;
		let reason = longest_reason::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source, reason.clone());
		assert_last_event::<T>(Event::SourceSuspended { source, by, reason });
		let suspended = SourceHolds { operator_suspension: true, ..Default::default() };
		assert_eq!(T::Sources::status_of(source), Some((SourceStatus::Active, suspended)));
		Ok(())
	}

	#[benchmark]
	fn lift_source_suspension() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let owner = funded::<T>("owner");
		let source = T::Sources::pending_source_for_benchmark(&owner);
		T::Sources::approve(source)?;
		T::Sources::hold(source, SourceHold::OperatorSuspension)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), source);
		assert_last_event::<T>(Event::SourceSuspensionLifted { source, by });
		assert_eq!(
			T::Sources::status_of(source),
			Some((SourceStatus::Active, SourceHolds::default()))
		);
		Ok(())
	}

	#[benchmark]
	fn register_format() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let v1 = largest_format::<T>(1);
		Pallet::<T>::do_register_format(Some(by.clone()), v1)?;
		let spec = largest_format::<T>(2);
		let format = NextFormatId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), spec.clone());
		assert_last_event::<T>(Event::FormatRegistered {
			format,
			name: spec.name,
			version: 2,
			by: Some(by),
		});
		Ok(())
	}

	#[benchmark]
	fn deprecate_format() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let format = Pallet::<T>::do_register_format(Some(by.clone()), largest_format::<T>(1))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), format);
		assert_last_event::<T>(Event::FormatDeprecated { format, by });
		Ok(())
	}

	/// The worst case: the largest format an operator can register (reading it decodes all of
	/// it) with its deposit released.
	#[benchmark]
	fn remove_format() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let format = Pallet::<T>::do_register_format(Some(by.clone()), largest_format::<T>(1))?;
		Pallet::<T>::do_deprecate_format(by.clone(), format)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), format);
		assert_last_event::<T>(Event::FormatRemoved { format, by });
		assert!(Formats::<T>::get(format).is_none());
		Ok(())
	}

	#[benchmark]
	fn set_parameter() {
		let by = operator::<T>();
		let old = Parameter::RateLimit(Parameters::<T>::get().rate_limit);
		let new = Parameter::RateLimit(RateLimit { records: 1, window: 1 });
		let index = ParameterHistoryLength::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), new);
		assert_last_event::<T>(Event::ParameterChanged { index, by, old, new });
	}

	#[benchmark]
	fn add_validator() {
		let by = operator::<T>();
		validators::<T>(T::MaxValidators::get() - 1);
		let who: T::AccountId = account("new validator", 0, 0);
		T::Sessions::set_session_keys_for_benchmark(&who);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::ValidatorAdded { who, by });
	}

	#[benchmark]
	fn remove_validator() {
		let by = operator::<T>();
		let set = validators::<T>(T::MaxValidators::get());
		let who = set.last().expect("MaxValidators is above MinValidators, so above 0").clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), who.clone());
		assert_last_event::<T>(Event::ValidatorRemoved { who, by });
	}

	#[benchmark]
	fn authorize_node() {
		let by = operator::<T>();
		let owner: T::AccountId = account("node owner", 0, 0);
		let peer = peer_id(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), peer.clone(), owner.clone());
		assert_last_event::<T>(Event::NodeAuthorized { peer_id: peer, owner, by: Some(by) });
	}

	#[benchmark]
	fn revoke_node() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		let owner: T::AccountId = account("node owner", 0, 0);
		Pallet::<T>::do_authorize_node(None, peer_id(1), owner.clone())?;
		Pallet::<T>::do_authorize_node(None, peer_id(2), owner)?;
		NodeAuthorizationEnforced::<T>::put(true);
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), peer_id(2));
		assert_last_event::<T>(Event::NodeRevoked { peer_id: peer_id(2), by });
		Ok(())
	}

	#[benchmark]
	fn set_node_authorization() -> Result<(), BenchmarkError> {
		let by = operator::<T>();
		Pallet::<T>::do_authorize_node(None, peer_id(1), account("node owner", 0, 0))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(by.clone()), true);
		assert_last_event::<T>(Event::NodeAuthorizationSet { enforced: true, by });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
