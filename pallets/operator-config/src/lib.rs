//! # Operator Configuration Pallet
//!
//! The data-controlling entity of ITU-T FG-DPM D3.7 (clause 8.4): who may do what on dmchain.
//! This pallet holds the roles and the admission decisions; later parts of it hold data formats
//! and data-management parameters.
//!
//! ## Overview
//!
//! - **Operators** (CTL-1) and **supervisors** (MON-1) are appointed and dismissed by
//!   [`Config::GovernanceOrigin`] (root on the dev chain; a council can take it over). Nobody
//!   holds both roles: supervisors audit what operators do.
//! - **Data users** (SVC-1) register themselves, bound to an organisation or person record (a
//!   name and the hash of an identity document), with a deposit held; an operator approves,
//!   suspends, reinstates or removes them. Removal releases the deposit.
//! - **Data sources** (CTL-3): when [`Config::RequireSourceApproval`] is set, a newly
//!   registered source waits for an operator, who approves it or rejects it with a reason
//!   (the registry then drops it and releases its owner's deposit). The pallet answers the
//!   registry through [`dmchain_primitives::SourceAdmission`] and acts on sources through
//!   [`Config::Sources`] ([`dmchain_primitives::SourceControl`]).
//! - Other pallets check roles through [`dmchain_primitives::Roles`], which this pallet
//!   implements.
//!
//! ## Pallet API
//!
//! ### Dispatchable Functions
//!
//! By governance: [`Pallet::appoint_operator`], [`Pallet::dismiss_operator`],
//! [`Pallet::appoint_supervisor`], [`Pallet::dismiss_supervisor`].
//!
//! By anyone signed: [`Pallet::register_data_user`].
//!
//! By an operator: [`Pallet::approve_data_user`], [`Pallet::suspend_data_user`],
//! [`Pallet::reinstate_data_user`], [`Pallet::remove_data_user`], [`Pallet::approve_source`],
//! [`Pallet::reject_source`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod data_users;
#[cfg(test)]
mod mock;
mod roles;
mod sources;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dmchain_primitives::{SourceControl, SourceId};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			EnsureOrigin,
		},
	};
	use frame_system::pallet_prelude::*;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the operator-configuration pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency data-user deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The origin that appoints and dismisses operators and supervisors (root on the dev
		/// chain; a council or referendum later).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// What the pallet may do to data sources (the data registry).
		type Sources: SourceControl<Self::AccountId>;

		/// Whether a newly registered data source waits for an operator's approval (CTL-3).
		#[pallet::constant]
		type RequireSourceApproval: Get<bool>;

		/// The deposit held from a data user for its registration.
		#[pallet::constant]
		type DataUserDeposit: Get<BalanceOf<Self>>;

		/// The most operators at a time.
		#[pallet::constant]
		type MaxOperators: Get<u32>;

		/// The most supervisors at a time.
		#[pallet::constant]
		type MaxSupervisors: Get<u32>;

		/// The longest data-user name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest reason an operator gives for a refusal, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A data user's registration deposit.
		DataUserDeposit,
	}

	/// The operators (CTL-1).
	///
	/// TWOX-NOTE: not used: keys are account ids chosen by governance, hashed with Blake2.
	#[pallet::storage]
	pub type Operators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// How many operators there are (at most `MaxOperators`).
	#[pallet::storage]
	pub type OperatorCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The supervisors (MON-1).
	#[pallet::storage]
	pub type Supervisors<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, ()>;

	/// How many supervisors there are (at most `MaxSupervisors`).
	#[pallet::storage]
	pub type SupervisorCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The registered data users (SVC-1), by account.
	#[pallet::storage]
	pub type DataUsers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, DataUserOf<T>>;

	/// The roles a new chain starts with.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first operators.
		pub operators: alloc::vec::Vec<T::AccountId>,
		/// The first supervisors.
		pub supervisors: alloc::vec::Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for who in &self.operators {
				Pallet::<T>::do_appoint(roles::Role::Operator, who.clone())
					.expect("genesis operators are distinct, few enough and not supervisors");
			}
			for who in &self.supervisors {
				Pallet::<T>::do_appoint(roles::Role::Supervisor, who.clone())
					.expect("genesis supervisors are distinct, few enough and not operators");
			}
		}
	}

	/// Events of the operator-configuration pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An operator was appointed.
		OperatorAppointed {
			/// The operator.
			who: T::AccountId,
		},
		/// An operator was dismissed.
		OperatorDismissed {
			/// The former operator.
			who: T::AccountId,
		},
		/// A supervisor was appointed.
		SupervisorAppointed {
			/// The supervisor.
			who: T::AccountId,
		},
		/// A supervisor was dismissed.
		SupervisorDismissed {
			/// The former supervisor.
			who: T::AccountId,
		},
		/// A data user registered and waits for approval.
		DataUserRegistered {
			/// The data user's account.
			who: T::AccountId,
			/// Organisation or person.
			kind: DataUserKind,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// An operator approved a data user.
		DataUserApproved {
			/// The data user.
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator suspended a data user.
		DataUserSuspended {
			/// The data user.
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator reinstated a suspended data user.
		DataUserReinstated {
			/// The data user.
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator removed a data user; its deposit was released.
		DataUserRemoved {
			/// The former data user.
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator approved a data source.
		SourceApproved {
			/// The source.
			source: SourceId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator rejected a data source; the registry dropped it.
		SourceRejected {
			/// The source.
			source: SourceId,
			/// The operator.
			by: T::AccountId,
			/// Why.
			reason: ReasonOf<T>,
		},
	}

	/// Errors of the operator-configuration pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only an operator may do this.
		NotOperator,
		/// The account is already an operator.
		AlreadyOperator,
		/// The account is not an operator.
		NoSuchOperator,
		/// `MaxOperators` are appointed already.
		TooManyOperators,
		/// The account is already a supervisor.
		AlreadySupervisor,
		/// The account is not a supervisor.
		NoSuchSupervisor,
		/// `MaxSupervisors` are appointed already.
		TooManySupervisors,
		/// An operator cannot be a supervisor, nor a supervisor an operator.
		RoleConflict,
		/// The account is registered as a data user already.
		AlreadyRegistered,
		/// No data user is registered under this account.
		DataUserNotFound,
		/// The data user is not waiting for approval.
		DataUserNotPending,
		/// The data user is not approved, so it cannot be suspended.
		DataUserNotApproved,
		/// The data user is not suspended, so it cannot be reinstated.
		DataUserNotSuspended,
		/// The name is empty.
		EmptyName,
		/// The name or the reason is not valid UTF-8.
		InvalidUtf8,
		/// The account cannot pay the data-user deposit.
		InsufficientDeposit,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOperators::get() > 0, "MaxOperators must allow at least one operator");
			assert!(T::MaxSupervisors::get() > 0, "MaxSupervisors must allow one supervisor");
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Appoints `who` as an operator (CTL-1).
		///
		/// The dispatch origin for this call must be [`Config::GovernanceOrigin`].
		///
		/// Emits [`Event::OperatorAppointed`] if successful.
		///
		/// ## Errors
		/// - [`Error::AlreadyOperator`], [`Error::RoleConflict`] (a supervisor),
		///   [`Error::TooManyOperators`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::appoint_operator())]
		pub fn appoint_operator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_appoint(roles::Role::Operator, who)
		}

		/// Dismisses the operator `who`.
		///
		/// The dispatch origin for this call must be [`Config::GovernanceOrigin`].
		///
		/// Emits [`Event::OperatorDismissed`] if successful.
		///
		/// ## Errors
		/// - [`Error::NoSuchOperator`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dismiss_operator())]
		pub fn dismiss_operator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_dismiss(roles::Role::Operator, who)
		}

		/// Appoints `who` as a supervisor (MON-1).
		///
		/// The dispatch origin for this call must be [`Config::GovernanceOrigin`].
		///
		/// Emits [`Event::SupervisorAppointed`] if successful.
		///
		/// ## Errors
		/// - [`Error::AlreadySupervisor`], [`Error::RoleConflict`] (an operator),
		///   [`Error::TooManySupervisors`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::appoint_supervisor())]
		pub fn appoint_supervisor(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_appoint(roles::Role::Supervisor, who)
		}

		/// Dismisses the supervisor `who`.
		///
		/// The dispatch origin for this call must be [`Config::GovernanceOrigin`].
		///
		/// Emits [`Event::SupervisorDismissed`] if successful.
		///
		/// ## Errors
		/// - [`Error::NoSuchSupervisor`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::dismiss_supervisor())]
		pub fn dismiss_supervisor(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_dismiss(roles::Role::Supervisor, who)
		}

		/// Registers the signer as a data user bound to an organisation or person (SVC-1):
		/// `name` and the hash of an identity document an operator will check. Holds
		/// [`Config::DataUserDeposit`]; the registration waits for an operator's approval.
		///
		/// The dispatch origin for this call must be _Signed_.
		///
		/// Emits [`Event::DataUserRegistered`] if successful.
		///
		/// ## Errors
		/// - [`Error::AlreadyRegistered`].
		/// - [`Error::EmptyName`], [`Error::InvalidUtf8`]: the name is unusable.
		/// - [`Error::InsufficientDeposit`]: the signer cannot pay the deposit.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_data_user())]
		pub fn register_data_user(
			origin: OriginFor<T>,
			kind: DataUserKind,
			name: NameOf<T>,
			identity_document: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_data_user(who, kind, name, identity_document)
		}

		/// Approves the data user `who`, waiting for approval.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::DataUserApproved`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::DataUserNotFound`], [`Error::DataUserNotPending`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::approve_data_user())]
		pub fn approve_data_user(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_data_user_decision(operator, who, data_users::Decision::Approve)
		}

		/// Suspends the approved data user `who`.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::DataUserSuspended`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::DataUserNotFound`], [`Error::DataUserNotApproved`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::suspend_data_user())]
		pub fn suspend_data_user(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_data_user_decision(operator, who, data_users::Decision::Suspend)
		}

		/// Reinstates the suspended data user `who`.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::DataUserReinstated`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::DataUserNotFound`],
		///   [`Error::DataUserNotSuspended`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::reinstate_data_user())]
		pub fn reinstate_data_user(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_data_user_decision(operator, who, data_users::Decision::Reinstate)
		}

		/// Removes the data user `who` (in any state) and releases its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::DataUserRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::DataUserNotFound`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_data_user())]
		pub fn remove_data_user(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_remove_data_user(operator, who)
		}

		/// Approves the data source `source`, waiting for approval: it may submit from now on
		/// (CTL-3).
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::SourceApproved`] if successful (and the registry its status change).
		///
		/// ## Errors
		/// - [`Error::NotOperator`]; the registry's errors for an unknown source or one that is
		///   not waiting for approval.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::approve_source())]
		pub fn approve_source(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_approve_source(operator, source)
		}

		/// Rejects the data source `source`, waiting for approval, for `reason`: the registry
		/// drops it and releases its owner's deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::SourceRejected`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::InvalidUtf8`] (the reason); the registry's errors
		///   for an unknown source or one that is not waiting for approval.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reject_source())]
		pub fn reject_source(
			origin: OriginFor<T>,
			source: SourceId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_reject_source(operator, source, reason)
		}
	}
}
