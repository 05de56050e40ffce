//! # Supervisor Audit Pallet
//!
//! D3.7's data-monitoring entity (clause 7.2, MON-1..4, PROC-MONITOR) on dmchain: supervisors,
//! appointed by governance in the operator pallet ([`Config::Roles`]), see what happens to
//! data and act on what is wrong, apart from operators and data owners.
//!
//! ## Overview
//!
//! - **Flags** (MON-1, MON-4): a supervisor flags a record or a source with a reason code, a
//!   text and the hash of off-chain evidence.
//! - **Cases** (MON-4): a supervisor opens a case about a subject on flags raised about it,
//!   adds findings while it is open, and resolves it: upheld or dismissed, with a reason. A
//!   record under an upheld case (about the record or about its source) reads as invalid in
//!   every registry answer ([`dmchain_primitives::RecordStanding`], which the runtime hands to
//!   the registry) and in the record verdict; the record itself stays visible, unchanged.
//! - **Freezes** (MON-1, CTL-3): a supervisor freezes a source through the registry's
//!   [`dmchain_primitives::SourceControl`]: the registry refuses the frozen source's
//!   submissions with its own error, and only a supervisor lifts the freeze (an operator's
//!   suspension and the owner's pause are holds of their own).
//! - **Verdicts** (MON-4, SVC-4): [`Pallet::record_verdict`] answers whether a record can be
//!   relied on, each part its own field.
//!
//! Every supervisory action is an event naming the supervisor; the block it is in says when.
//! Flags, cases and findings are kept for ever as the audit trail, so each pays a fee for its
//! storage (burnt, like the registry's record fee). Flags and cases are queryable by subject
//! and cases by status, page by page, through the runtime API in
//! `pallet-supervisor-audit-runtime-api` and the node's `audit_*` JSON-RPC methods.
//!
//! ## Pallet API
//!
//! ### Dispatchable Functions (all by a supervisor)
//!
//! - [`Pallet::flag`], [`Pallet::open_case`], [`Pallet::add_finding`],
//!   [`Pallet::resolve_case`]: the audit trail.
//! - [`Pallet::freeze_source`], [`Pallet::unfreeze_source`]: the supervisor's hold.
//!
//! ## Assumptions
//!
//! - Datasets (issue 14) are not subjects yet: [`dmchain_primitives::Subject`] gains a variant
//!   when they exist.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod cases;
#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod mock;
mod queries;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need that production code does not offer: a supervisor, an active
/// source and an anchored record to act on. The runtime implements it with its own pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` a supervisor.
	fn appoint_supervisor(who: &AccountId);
	/// An active source under no hold.
	fn active_source() -> dmchain_primitives::SourceId;
	/// An anchored record.
	fn anchored_record() -> dmchain_primitives::RecordId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dmchain_primitives::{
		CaseId, CaseOutcome, FlagId, ReasonCode, RecordRegistry, Roles, SourceControl, SourceId,
		Subject,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate},
	};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency the audit trail's storage fees are burnt from.
		type Currency: Inspect<Self::AccountId> + Mutate<Self::AccountId>;

		/// Who is a supervisor (the operator pallet in the runtime).
		type Roles: Roles<Self::AccountId>;

		/// The registry's sources: existence, status, and the supervisor's freeze.
		type Sources: SourceControl<Self::AccountId>;

		/// The registry's records, as a verdict and a flag read them.
		type Records: RecordRegistry<BlockNumberFor<Self>>;

		/// The fee burnt per flag, case, finding or resolution: it is kept for ever.
		#[pallet::constant]
		type EntryFee: Get<BalanceOf<Self>>;

		/// The fee burnt per byte of an entry's text.
		#[pallet::constant]
		type ByteFee: Get<BalanceOf<Self>>;

		/// The longest text of a flag, a case summary, a finding or a resolution, in bytes.
		#[pallet::constant]
		type MaxTextLen: Get<u32>;

		/// The most flags a case can be opened on.
		#[pallet::constant]
		type MaxFlagsPerCase: Get<u32>;

		/// The most findings a case can gather.
		#[pallet::constant]
		type MaxFindingsPerCase: Get<u32>;

		/// The most flags or cases one query answers with.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Set-up for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next flag gets.
	#[pallet::storage]
	pub type NextFlagId<T: Config> = StorageValue<_, FlagId, ValueQuery>;

	/// The id the next case gets.
	#[pallet::storage]
	pub type NextCaseId<T: Config> = StorageValue<_, CaseId, ValueQuery>;

	/// Every flag raised, by id.
	///
	/// TWOX-NOTE: flag ids are assigned by the pallet.
	#[pallet::storage]
	pub type Flags<T: Config> = StorageMap<_, Twox64Concat, FlagId, FlagOf<T>>;

	/// Every case opened, by id.
	///
	/// TWOX-NOTE: case ids are assigned by the pallet.
	#[pallet::storage]
	pub type Cases<T: Config> = StorageMap<_, Twox64Concat, CaseId, CaseOf<T>>;

	/// The findings of each case, by case and position (from 0, in the order they were added).
	///
	/// TWOX-NOTE: both keys are assigned by the pallet.
	#[pallet::storage]
	pub type Findings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, CaseId, Twox64Concat, u32, FindingOf<T>>;

	/// The flags about each subject, in id order ([`IdKey`]).
	///
	/// IDENTITY-NOTE: the second key is a flag id, assigned by the pallet.
	#[pallet::storage]
	pub type FlagsBySubject<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Subject, Identity, IdKey, (), OptionQuery>;

	/// The cases about each subject, in id order.
	///
	/// IDENTITY-NOTE: the second key is a case id, assigned by the pallet.
	#[pallet::storage]
	pub type CasesBySubject<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Subject, Identity, IdKey, (), OptionQuery>;

	/// The cases in each status, in id order.
	///
	/// IDENTITY-NOTE: the second key is a case id, assigned by the pallet.
	#[pallet::storage]
	pub type CasesByStatus<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		dmchain_primitives::CaseStatus,
		Identity,
		IdKey,
		(),
		OptionQuery,
	>;

	/// For a record with an upheld case about it, the first such case.
	///
	/// TWOX-NOTE: record ids are assigned by the registry, and only anchored records get here.
	#[pallet::storage]
	pub type UpheldRecords<T: Config> =
		StorageMap<_, Twox64Concat, dmchain_primitives::RecordId, CaseId>;

	/// For a source with an upheld case about it, the first such case.
	///
	/// TWOX-NOTE: source ids are assigned by the registry.
	#[pallet::storage]
	pub type UpheldSources<T: Config> = StorageMap<_, Twox64Concat, SourceId, CaseId>;

	/// Events of the supervisor audit: every supervisory action, with who took it.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A supervisor flagged a record or a source.
		Flagged {
			/// The new flag.
			flag: FlagId,
			/// What it is about.
			subject: Subject,
			/// Why, as a code.
			reason: ReasonCode,
			/// The supervisor.
			by: T::AccountId,
		},
		/// A supervisor opened a case.
		CaseOpened {
			/// The new case.
			case: CaseId,
			/// What it is about.
			subject: Subject,
			/// How many flags it was opened on.
			flags: u32,
			/// The supervisor.
			by: T::AccountId,
		},
		/// A supervisor added a finding to an open case.
		FindingAdded {
			/// The case.
			case: CaseId,
			/// The finding's position in the case (from 0).
			finding: u32,
			/// The supervisor.
			by: T::AccountId,
		},
		/// A supervisor resolved a case.
		CaseResolved {
			/// The case.
			case: CaseId,
			/// Upheld or dismissed.
			outcome: CaseOutcome,
			/// The supervisor.
			by: T::AccountId,
		},
		/// A supervisor froze a source: it cannot submit until a supervisor unfreezes it.
		SourceFrozen {
			/// The source.
			source: SourceId,
			/// The case the freeze belongs to, if any.
			case: Option<CaseId>,
			/// The supervisor.
			by: T::AccountId,
		},
		/// A supervisor lifted the freeze of a source; other holds stay.
		SourceUnfrozen {
			/// The source.
			source: SourceId,
			/// The supervisor.
			by: T::AccountId,
		},
	}

	/// Errors of the supervisor audit. Refusals about the source itself (not found, already
	/// frozen, not frozen, retired) are the registry's own errors.
	#[pallet::error]
	pub enum Error<T> {
		/// Only a supervisor may do this.
		NotSupervisor,
		/// The record or source named as the subject does not exist.
		SubjectNotFound,
		/// A text must not be empty.
		EmptyText,
		/// A text must be valid UTF-8.
		InvalidUtf8,
		/// A case must be opened on at least one flag.
		NoFlags,
		/// No flag has this id.
		FlagNotFound,
		/// A flag the case names is about another subject than the case.
		FlagOnOtherSubject,
		/// A flag the case names is already part of a case.
		FlagAlreadyInCase,
		/// The case names the same flag twice.
		DuplicateFlag,
		/// No case has this id.
		CaseNotFound,
		/// The case is resolved: it takes no more findings and cannot be resolved again.
		CaseNotOpen,
		/// The case has `MaxFindingsPerCase` findings already.
		TooManyFindings,
		/// The case a freeze names is about another source (or its records).
		CaseOnOtherSource,
		/// No more flag ids are left.
		FlagIdsExhausted,
		/// No more case ids are left.
		CaseIdsExhausted,
		/// The supervisor cannot pay the entry's storage fee.
		InsufficientFee,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxTextLen::get() > 0, "MaxTextLen must be positive");
			assert!(T::MaxFlagsPerCase::get() > 0, "MaxFlagsPerCase must be positive");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Flags a record or a source (MON-1, MON-4): a reason code, a text and optionally the
		/// hash of the supervisor's off-chain evidence. The fee `EntryFee + ByteFee × text
		/// length` is burnt from the supervisor.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::Flagged`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`].
		/// - [`Error::SubjectNotFound`]: the record or source does not exist.
		/// - [`Error::EmptyText`], [`Error::InvalidUtf8`].
		/// - [`Error::FlagIdsExhausted`], [`Error::InsufficientFee`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::flag())]
		pub fn flag(
			origin: OriginFor<T>,
			subject: Subject,
			reason: ReasonCode,
			text: TextOf<T>,
			evidence: Option<[u8; 32]>,
		) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_flag(who, subject, reason, text, evidence).map(|_| ())
		}

		/// Opens a case about `subject` on flags raised about it (at least one, none already in
		/// a case), with a summary.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::CaseOpened`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`], [`Error::SubjectNotFound`].
		/// - [`Error::NoFlags`], [`Error::FlagNotFound`], [`Error::FlagOnOtherSubject`],
		///   [`Error::FlagAlreadyInCase`], [`Error::DuplicateFlag`].
		/// - [`Error::EmptyText`], [`Error::InvalidUtf8`]: the summary.
		/// - [`Error::CaseIdsExhausted`], [`Error::InsufficientFee`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::open_case())]
		pub fn open_case(
			origin: OriginFor<T>,
			subject: Subject,
			flags: BoundedVec<FlagId, T::MaxFlagsPerCase>,
			summary: TextOf<T>,
		) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_open_case(who, subject, flags, summary).map(|_| ())
		}

		/// Adds a finding to an open case: what the supervisor found and the hash of its
		/// evidence.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::FindingAdded`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`], [`Error::CaseNotFound`], [`Error::CaseNotOpen`].
		/// - [`Error::TooManyFindings`].
		/// - [`Error::EmptyText`], [`Error::InvalidUtf8`], [`Error::InsufficientFee`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::add_finding())]
		pub fn add_finding(
			origin: OriginFor<T>,
			case: CaseId,
			text: TextOf<T>,
			evidence: Option<[u8; 32]>,
		) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_add_finding(who, case, text, evidence)
		}

		/// Resolves an open case, upheld or dismissed, with a reason. Upheld, the subject's
		/// records read as invalid from now on (the case's subject record, or every record of
		/// its subject source), in every query answer and verdict.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::CaseResolved`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`], [`Error::CaseNotFound`], [`Error::CaseNotOpen`].
		/// - [`Error::EmptyText`], [`Error::InvalidUtf8`], [`Error::InsufficientFee`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::resolve_case())]
		pub fn resolve_case(
			origin: OriginFor<T>,
			case: CaseId,
			outcome: CaseOutcome,
			reason: TextOf<T>,
		) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_resolve_case(who, case, outcome, reason)
		}

		/// Freezes `source` (the supervisor's hold, MON-1): the registry refuses its
		/// submissions with `SourceFrozen` until a supervisor unfreezes it. An operator's
		/// suspension and the owner's pause are separate holds and cannot lift it. `case`, if
		/// given, is the case about the source (or one of its records) the freeze belongs to.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::SourceFrozen`] (and the registry's `SourceHeld`) if successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`], [`Error::CaseNotFound`], [`Error::CaseOnOtherSource`].
		/// - The registry's `SourceNotFound`, `SourceAlreadyFrozen`, `SourceRetired`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::freeze_source())]
		pub fn freeze_source(
			origin: OriginFor<T>,
			source: SourceId,
			case: Option<CaseId>,
		) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_freeze(who, source, case)
		}

		/// Lifts the supervisor's freeze of `source`. Other holds (an operator's suspension,
		/// the owner's pause) stay.
		///
		/// The dispatch origin for this call must be _Signed_ by a supervisor.
		///
		/// Emits [`Event::SourceUnfrozen`] (and the registry's `SourceHoldLifted`) if
		/// successful.
		///
		/// ## Errors
		/// - [`Error::NotSupervisor`].
		/// - The registry's `SourceNotFound`, `SourceNotFrozen`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unfreeze_source())]
		pub fn unfreeze_source(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let who = Self::ensure_supervisor(origin)?;
			Self::do_unfreeze(who, source)
		}
	}
}
