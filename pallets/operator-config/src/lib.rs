//! # Operator Configuration Pallet
//!
//! The data-controlling entity of ITU-T FG-DPM D3.7 (clause 8.4): who may do what on dmchain.
//! This pallet holds the roles, the admission decisions, the data formats and the
//! data-management parameters with their history.
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
//! - **Data sources** (CTL-3): an operator can also suspend any source; the source is then
//!   frozen and only an operator or supervisor, never its owner, lifts it.
//! - **Data formats** (ACQ-2, CTL-2, CTL-4): operators register versioned formats (name,
//!   version, hash algorithm, typed metadata fields with bounds, required or optional, largest
//!   payload, encoding) and deprecate them. A format is never changed; a new version is a new
//!   format. The registry checks every record against its source's format through
//!   [`dmchain_primitives::DataFormats`], which this pallet implements.
//! - **Parameters** (CTL-2, CTL-4, REP-4): clock skew, per-source rate limit, metadata size
//!   bound and default retention class, with safe defaults in genesis. An operator changes one
//!   at a time; a value outside its bounds is refused with an error naming the bound; every
//!   change is kept in the configuration history (who, when, old, new), which the runtime API in
//!   `pallet-operator-config-runtime-api` and the node's `config_*` JSON-RPC methods answer.
//!   The registry reads them through [`dmchain_primitives::CurrentParameters`].
//! - **Validators** (CTL-5): operators add and remove the accounts whose nodes author blocks
//!   (Aura) and vote on finality (GRANDPA). An account must first register its node's session
//!   keys (`Session::set_keys`); a change applies from the session after the next one, through
//!   the runtime's session manager, which calls [`Pallet::plan_session`]. The genesis set is the
//!   chain spec's session keys, read through [`Config::Sessions`].
//! - **Node authorization** (CTL-5): operators list the peer ids of the nodes that may join the
//!   network, with the organisation that runs each, and switch enforcement on and off. Every
//!   node's offchain worker hands the list to its networking layer: while enforced, a node keeps
//!   peers only among the listed nodes (full nodes run `--offchain-worker always` for that).
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
//! [`Pallet::reject_source`], [`Pallet::suspend_source`], [`Pallet::lift_source_suspension`],
//! [`Pallet::register_format`], [`Pallet::deprecate_format`], [`Pallet::set_parameter`],
//! [`Pallet::add_validator`], [`Pallet::remove_validator`], [`Pallet::authorize_node`],
//! [`Pallet::revoke_node`], [`Pallet::set_node_authorization`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod data_users;
mod formats;
#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod mock;
pub mod nodes;
mod parameters;
mod roles;
mod sources;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
mod validators;
pub mod weights;

pub use parameters::MAX_HISTORY_PAGE;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dmchain_primitives::{
		DataParameters, FieldSpec, FormatId, FormatSpec, Parameter, SessionValidators,
		SourceControl, SourceId,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			EnsureOrigin, UnixTime,
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

		/// Chain time, for the configuration history (pallet-timestamp in the runtime).
		type UnixTime: UnixTime;

		/// The deposit held from a data user for its registration.
		#[pallet::constant]
		type DataUserDeposit: Get<BalanceOf<Self>>;

		/// The deposit held from the operator who registers a data format (formats are kept
		/// for ever: sources and records refer to them).
		#[pallet::constant]
		type FormatDeposit: Get<BalanceOf<Self>>;

		/// The longest format name, field name or enum variant, in bytes.
		#[pallet::constant]
		type MaxFormatNameLen: Get<u32>;

		/// The most metadata fields a format may list.
		#[pallet::constant]
		type MaxFormatFields: Get<u32>;

		/// The most variants an enum field may list.
		#[pallet::constant]
		type MaxEnumVariants: Get<u32>;

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

		/// The consensus layer's sessions: who has session keys, who validates now (CTL-5).
		type Sessions: SessionValidators<Self::AccountId>;

		/// The most validators at a time (at most the consensus pallets' `MaxAuthorities`).
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The fewest validators the set may shrink to.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most nodes the authorization list may hold.
		#[pallet::constant]
		type MaxAuthorizedNodes: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A data user's registration deposit.
		DataUserDeposit,
		/// The deposit for a registered data format.
		FormatDeposit,
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

	/// The registered data formats (ACQ-2), by id.
	///
	/// TWOX-NOTE: format ids are assigned by the pallet.
	#[pallet::storage]
	pub type Formats<T: Config> = StorageMap<_, Twox64Concat, FormatId, FormatInfoOf<T>>;

	/// The id the next registered format gets.
	#[pallet::storage]
	pub type NextFormatId<T: Config> = StorageValue<_, FormatId, ValueQuery>;

	/// For each format name, its latest version and that version's id: a new version must be
	/// above it.
	#[pallet::storage]
	pub type LatestFormatVersion<T: Config> =
		StorageMap<_, Blake2_128Concat, FormatNameOf<T>, (u32, FormatId)>;

	/// The data-management parameters in force (CTL-2).
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, DataParameters, ValueQuery>;

	/// The configuration history (CTL-4): every parameter change, by position, kept for ever.
	///
	/// TWOX-NOTE: positions are assigned by the pallet.
	#[pallet::storage]
	pub type ParameterHistory<T: Config> = StorageMap<_, Twox64Concat, u32, ParameterChangeOf<T>>;

	/// How many entries the configuration history has.
	#[pallet::storage]
	pub type ParameterHistoryLength<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The validator set operators plan (CTL-5): from genesis the chain spec's validators; the
	/// sessions take it over as [`Pallet::plan_session`] describes.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since the last session was planned.
	#[pallet::storage]
	pub type ValidatorSetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The nodes that may join the network (CTL-5), by peer id.
	#[pallet::storage]
	pub type AuthorizedNodes<T: Config> =
		StorageMap<_, Blake2_128Concat, PeerIdBytes, AuthorizedNodeOf<T>>;

	/// How many nodes [`AuthorizedNodes`] holds (at most `MaxAuthorizedNodes`).
	#[pallet::storage]
	pub type AuthorizedNodeCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Whether nodes keep peers only among [`AuthorizedNodes`].
	#[pallet::storage]
	pub type NodeAuthorizationEnforced<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// What a new chain starts with: roles, data formats and parameters. The validators come
	/// from the consensus layer's genesis (the chain spec's session keys), not from here.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first operators.
		pub operators: alloc::vec::Vec<T::AccountId>,
		/// The first supervisors.
		pub supervisors: alloc::vec::Vec<T::AccountId>,
		/// The first data formats, ids from 0 in this order.
		pub formats: alloc::vec::Vec<GenesisFormat>,
		/// The parameters in force from the first block (must keep their bounds).
		pub parameters: DataParameters,
		/// The nodes that may join the network from the start: peer id (binary) and owner.
		pub authorized_nodes: alloc::vec::Vec<(alloc::vec::Vec<u8>, T::AccountId)>,
		/// Whether the list is enforced from the start (needs at least one node).
		pub enforce_node_authorization: bool,
	}

	/// A data format of the genesis configuration (names as plain byte vectors).
	pub type GenesisFormat = FormatSpec<
		alloc::vec::Vec<u8>,
		alloc::vec::Vec<FieldSpec<alloc::vec::Vec<u8>, alloc::vec::Vec<alloc::vec::Vec<u8>>>>,
	>;

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
			for format in &self.formats {
				let spec = formats::bounded_spec::<T>(format.clone())
					.expect("genesis formats fit the pallet's bounds");
				Pallet::<T>::do_register_format(None, spec).expect("genesis formats are well made");
			}
			self.parameters.check().expect("genesis parameters keep their bounds");
			Parameters::<T>::put(self.parameters);
			Pallet::<T>::adopt_genesis_validators();
			for (peer_id, owner) in &self.authorized_nodes {
				let peer_id = PeerIdBytes::try_from(peer_id.clone())
					.expect("genesis peer ids are at most 64 bytes");
				Pallet::<T>::do_authorize_node(None, peer_id, owner.clone())
					.expect("genesis nodes are valid, distinct and few enough");
			}
			if self.enforce_node_authorization {
				assert!(!self.authorized_nodes.is_empty(), "enforcement needs authorized nodes");
				NodeAuthorizationEnforced::<T>::put(true);
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
		/// A data user deregistered itself; its deposit was released.
		DataUserDeregistered {
			/// The former data user.
			who: T::AccountId,
		},
		/// An operator removed a deprecated format no source uses; its deposit went back to the
		/// operator who registered it.
		FormatRemoved {
			/// The format.
			format: FormatId,
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
		/// An operator suspended a data source (the operators' hold, beside the owner's pause
		/// and a supervisor's freeze); only an operator lifts it.
		SourceSuspended {
			/// The source.
			source: SourceId,
			/// The operator.
			by: T::AccountId,
			/// Why.
			reason: ReasonOf<T>,
		},
		/// An operator lifted the operators' suspension of a source; other holds stay.
		SourceSuspensionLifted {
			/// The source.
			source: SourceId,
			/// The operator.
			by: T::AccountId,
		},
		/// A data format was registered.
		FormatRegistered {
			/// Its id.
			format: FormatId,
			/// Its name.
			name: FormatNameOf<T>,
			/// Its version.
			version: u32,
			/// The operator; `None` at genesis.
			by: Option<T::AccountId>,
		},
		/// A data format was deprecated: new sources cannot take it.
		FormatDeprecated {
			/// The format.
			format: FormatId,
			/// The operator.
			by: T::AccountId,
		},
		/// A data-management parameter changed; the change is entry `index` of the history.
		ParameterChanged {
			/// The change's position in the configuration history.
			index: u32,
			/// The operator.
			by: T::AccountId,
			/// The value before.
			old: Parameter,
			/// The value now.
			new: Parameter,
		},
		/// An operator added a validator; it validates from the session after the next one.
		ValidatorAdded {
			/// The validator's account (its session keys name its node's keys).
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// An operator removed a validator; it stops from the session after the next one.
		ValidatorRemoved {
			/// The former validator.
			who: T::AccountId,
			/// The operator.
			by: T::AccountId,
		},
		/// The changed validator set was handed to the sessions: it becomes active when session
		/// `session` starts.
		ValidatorSetPlanned {
			/// The session that brings the set in.
			session: u32,
			/// How many validators the set has.
			validators: u32,
		},
		/// A node may join the network.
		NodeAuthorized {
			/// Its peer id (binary).
			peer_id: PeerIdBytes,
			/// The organisation that runs it.
			owner: T::AccountId,
			/// The operator; `None` at genesis.
			by: Option<T::AccountId>,
		},
		/// A node was taken off the authorization list.
		NodeRevoked {
			/// Its peer id (binary).
			peer_id: PeerIdBytes,
			/// The operator.
			by: T::AccountId,
		},
		/// Operators switched the enforcement of the authorization list on or off.
		NodeAuthorizationSet {
			/// Whether nodes now keep peers only among the listed ones.
			enforced: bool,
			/// The operator.
			by: T::AccountId,
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
		/// The account cannot pay the deposit (data user or data format).
		InsufficientDeposit,
		/// The format's name already has this or a later version.
		FormatVersionNotNewer,
		/// No more format ids are left.
		FormatIdsExhausted,
		/// No data format has this id.
		FormatNotFound,
		/// The format is deprecated already.
		FormatAlreadyDeprecated,
		/// Only a deprecated format can be removed.
		FormatNotDeprecated,
		/// Sources still use the format (retired sources keep their format for their records).
		FormatInUse,
		/// A suspended data user cannot deregister (an operator decides first).
		DataUserSuspended,
		/// Two fields of the format have the same name.
		DuplicateField,
		/// An enum field lists no variant.
		EmptyEnum,
		/// An enum field lists a variant twice.
		DuplicateVariant,
		/// A field's lower bound is above its upper bound.
		InvalidFieldBounds,
		/// The parameter already has this value.
		ParameterUnchanged,
		/// The configuration history has no room for another entry.
		HistoryFull,
		/// The clock skew is above the limit (`MAX_CLOCK_SKEW_LIMIT`, one hour).
		ClockSkewAboveMaximum,
		/// The rate limit allows no record per window.
		RateLimitRecordsZero,
		/// The rate limit allows more records per window than `RATE_LIMIT_MAX_RECORDS`.
		RateLimitRecordsAboveMaximum,
		/// The rate-limit window is zero blocks.
		RateLimitWindowZero,
		/// The rate-limit window is longer than `RATE_LIMIT_MAX_WINDOW` blocks.
		RateLimitWindowAboveMaximum,
		/// The metadata size bound is below `METADATA_BYTES_MIN`.
		MetadataBytesBelowMinimum,
		/// The metadata size bound is above `METADATA_BYTES_MAX`.
		MetadataBytesAboveMaximum,
		/// The retention period is zero days.
		RetentionDaysZero,
		/// The retention period is longer than `RETENTION_DAYS_MAX` days.
		RetentionDaysAboveMaximum,
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NoSuchValidator,
		/// `MaxValidators` validate already.
		TooManyValidators,
		/// The set would shrink below `MinValidators`.
		TooFewValidators,
		/// The account has not registered its node's session keys (`Session::set_keys`).
		SessionKeysNotSet,
		/// The bytes are not a libp2p peer id (a multihash of a public key).
		InvalidPeerId,
		/// The node is authorized already.
		NodeAlreadyAuthorized,
		/// The node is not on the authorization list.
		NodeNotAuthorized,
		/// `MaxAuthorizedNodes` are authorized already.
		TooManyAuthorizedNodes,
		/// Enforcement needs at least one authorized node: the list is empty, or the call would
		/// empty it while it is enforced.
		NoAuthorizedNodes,
		/// Node authorization is enforced (or not) already.
		NodeAuthorizationUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxOperators::get() > 0, "MaxOperators must allow at least one operator");
			assert!(T::MaxSupervisors::get() > 0, "MaxSupervisors must allow one supervisor");
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxFormatNameLen::get() > 0, "MaxFormatNameLen must allow a name");
			assert!(T::MaxEnumVariants::get() > 0, "MaxEnumVariants must allow a variant");
			assert!(T::MinValidators::get() > 0, "MinValidators must keep one validator");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not be above MaxValidators"
			);
		}

		/// Hands the node authorization list to this node's network (see [`nodes`]).
		fn offchain_worker(now: BlockNumberFor<T>) {
			Self::apply_node_authorization(now);
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

		/// Suspends the data source `source`, whatever its owner wants, for `reason` (CTL-3): it
		/// cannot submit, and its owner can neither resume nor retire it, until an operator
		/// lifts the suspension with [`Pallet::lift_source_suspension`]. The registry shows it
		/// as frozen.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::SourceSuspended`] if successful (and the registry `SourceHeld`).
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::InvalidUtf8`] (the reason); the registry's
		///   `SourceNotFound`, `SourceRetired` and `SourceAlreadySuspendedByOperator`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::suspend_source())]
		pub fn suspend_source(
			origin: OriginFor<T>,
			source: SourceId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_suspend_source(operator, source, reason)
		}

		/// Lifts the operators' suspension of `source`. The owner's pause and a supervisor's
		/// freeze, if on, stay: an operator cannot lift them, and the source's life cycle
		/// (pending approval, active) is unchanged.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::SourceSuspensionLifted`] if successful (and the registry
		/// `SourceHoldLifted`).
		///
		/// ## Errors
		/// - [`Error::NotOperator`]; the registry's `SourceNotFound` and
		///   `SourceNotSuspendedByOperator`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::lift_source_suspension())]
		pub fn lift_source_suspension(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_lift_source_suspension(operator, source)
		}

		/// Registers a data format (ACQ-2): `spec` gives its name and version (above every
		/// version of that name so far), hash algorithm, metadata fields, whether unknown fields
		/// are allowed, largest payload and encoding. Holds [`Config::FormatDeposit`] from the
		/// operator. The format never changes afterwards.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::FormatRegistered`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`].
		/// - [`Error::EmptyName`], [`Error::InvalidUtf8`], [`Error::DuplicateField`],
		///   [`Error::EmptyEnum`], [`Error::DuplicateVariant`], [`Error::InvalidFieldBounds`]:
		///   the format is not well made.
		/// - [`Error::FormatVersionNotNewer`]: the name has this or a later version already.
		/// - [`Error::FormatIdsExhausted`], [`Error::InsufficientDeposit`].
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::register_format())]
		pub fn register_format(origin: OriginFor<T>, spec: FormatSpecOf<T>) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_register_format(Some(operator), spec).map(|_| ())
		}

		/// Deprecates the data format `format`: sources that have it keep it and keep being
		/// checked against it; new sources cannot take it (CTL-4: a format in use is
		/// deprecated, never changed).
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::FormatDeprecated`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::FormatNotFound`], [`Error::FormatAlreadyDeprecated`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::deprecate_format())]
		pub fn deprecate_format(origin: OriginFor<T>, format: FormatId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_deprecate_format(operator, format)
		}

		/// Sets one data-management parameter (CTL-2) to `value`, after checking it against its
		/// bounds, and appends the change (who, when, old, new) to the configuration history
		/// (CTL-4). The registry applies it from the next submission on.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::ParameterChanged`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`].
		/// - One error per bound: [`Error::ClockSkewAboveMaximum`],
		///   [`Error::RateLimitRecordsZero`], [`Error::RateLimitRecordsAboveMaximum`],
		///   [`Error::RateLimitWindowZero`], [`Error::RateLimitWindowAboveMaximum`],
		///   [`Error::MetadataBytesBelowMinimum`], [`Error::MetadataBytesAboveMaximum`],
		///   [`Error::RetentionDaysZero`], [`Error::RetentionDaysAboveMaximum`].
		/// - [`Error::ParameterUnchanged`]: the parameter has this value already.
		/// - [`Error::HistoryFull`].
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_parameter())]
		pub fn set_parameter(origin: OriginFor<T>, value: Parameter) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_set_parameter(operator, value)
		}

		/// Adds `who` to the validator set (CTL-5): its node authors blocks and votes on
		/// finality from the session after the next one. `who` must have registered its node's
		/// session keys first (`Session::set_keys`, signed by `who`).
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::ValidatorAdded`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::AlreadyValidator`], [`Error::SessionKeysNotSet`],
		///   [`Error::TooManyValidators`].
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_add_validator(operator, who)
		}

		/// Removes `who` from the validator set (CTL-5): it stops authoring and voting from the
		/// session after the next one. Its session keys stay registered until it purges them.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::ValidatorRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::NoSuchValidator`], [`Error::TooFewValidators`].
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_remove_validator(operator, who)
		}

		/// Authorizes the node `peer_id` (a libp2p peer id in binary form: the base58 text
		/// `12D3KooW…` decoded), run by the organisation `owner`, to join the network (CTL-5).
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::NodeAuthorized`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::InvalidPeerId`], [`Error::NodeAlreadyAuthorized`],
		///   [`Error::TooManyAuthorizedNodes`].
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::authorize_node())]
		pub fn authorize_node(
			origin: OriginFor<T>,
			peer_id: PeerIdBytes,
			owner: T::AccountId,
		) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_authorize_node(Some(operator), peer_id, owner)
		}

		/// Takes the node `peer_id` off the authorization list: while the list is enforced, the
		/// other nodes drop it from their next block on.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::NodeRevoked`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::NodeNotAuthorized`], [`Error::NoAuthorizedNodes`]
		///   (the last node of an enforced list).
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::revoke_node())]
		pub fn revoke_node(origin: OriginFor<T>, peer_id: PeerIdBytes) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_revoke_node(operator, peer_id)
		}

		/// Switches the enforcement of the authorization list on or off: while on, every node
		/// keeps peers only among the listed nodes. Authorize every node of the network first.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::NodeAuthorizationSet`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::NodeAuthorizationUnchanged`],
		///   [`Error::NoAuthorizedNodes`] (switching on with an empty list).
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::set_node_authorization())]
		pub fn set_node_authorization(origin: OriginFor<T>, enforced: bool) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_set_node_authorization(operator, enforced)
		}

		/// Deregisters the caller as a data user (SVC-1) and releases its deposit. A pending or
		/// approved data user may leave; a suspended one waits for an operator's decision.
		///
		/// The dispatch origin for this call must be _Signed_ by the data user.
		///
		/// Emits [`Event::DataUserDeregistered`] if successful.
		///
		/// ## Errors
		/// - [`Error::DataUserNotFound`]: the caller is no data user.
		/// - [`Error::DataUserSuspended`]: the caller is suspended.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::deregister_data_user())]
		pub fn deregister_data_user(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_data_user(who)
		}

		/// Removes a deprecated data format that no source uses and releases its deposit to the
		/// operator who registered it (ACQ-2). Its name and version stay taken.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::FormatRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::FormatNotFound`].
		/// - [`Error::FormatNotDeprecated`]: deprecate it first.
		/// - [`Error::FormatInUse`]: a source (active, held or retired) still names it.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::remove_format())]
		pub fn remove_format(origin: OriginFor<T>, format: FormatId) -> DispatchResult {
			let operator = Self::ensure_operator(origin)?;
			Self::do_remove_format(operator, format)
		}
	}
}
