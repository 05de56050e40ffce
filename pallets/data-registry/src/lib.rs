//! # Data Registry Pallet
//!
//! The data registry anchors IoT and smart-city data on dmchain the way ITU-T FG-DPM D3.7
//! describes its data blockchain representation (clause 8.1) and data processing (clause 8.2):
//! data sources are registered and bound to an owner, a device key and a registered data
//! format; the device submits records (a content hash, typed metadata, its own time-stamp and a sequence
//! number), singly or many at once; the chain adds its time-stamp and block number; an update is
//! a new version that points to the one it replaces. Payloads stay off chain.
//!
//! ## Overview
//!
//! - **Sources** (REP-1): an owner registers a source naming the device account that will sign
//!   its submissions, a registered data format ([`Config::Formats`]; not a deprecated one) and a
//!   description. A deposit proportional to the entry's size is held from the owner. Whether a
//!   new source starts active or waits for an operator's approval is decided by
//!   [`Config::SourceAdmission`]; operators approve and reject sources through the
//!   [`dmchain_primitives::SourceControl`] trait this pallet implements. The owner retires a
//!   source (or withdraws one still waiting for approval, getting the deposit back).
//! - **Holds** (CTL-3, MON-1): three authorities can stop a source, each with a hold of its
//!   own: the owner pauses it, an operator suspends it, a supervisor freezes it
//!   ([`dmchain_primitives::SourceHold`]). Holds stack; each is lifted only by its own
//!   authority, and lifting one leaves the others and the life cycle as they are, so no role
//!   can undo another's decision or activate a source nobody approved.
//! - **Records** (REP-2, REP-3, ACQ-1, PRC-1, PRC-3, AUTH-1): only the source's device may
//!   submit. Sequence numbers strictly increase per source (a replay and an out-of-order number
//!   are each refused with their own error, MON-3); a device time-stamp further in the future
//!   than the operators' clock-skew bound is refused, as are metadata above their size bound
//!   and records beyond their per-source rate limit ([`Config::Parameters`], CTL-2, REP-4).
//!   Every record is checked against its source's data format: a missing field, a wrong type,
//!   an out-of-bounds value, an unknown field and a wrong hash algorithm are each refused with
//!   their own error (ACQ-2, CTL-4). A multi-record call is all or nothing and names the
//!   offending record's position when it fails. Records are never changed or deleted.
//! - **Time sequence and liveness** (MON-3): per source the registry keeps the last sequence
//!   number, device time and chain time, and counts what anchored records show without refusing
//!   them: sequence gaps, a device clock going back, a device time lagging chain time beyond the
//!   clock-skew bound. An owner gives a source an expected reporting interval; the anomaly query
//!   ([`Pallet::source_anomalies`]) lists anomalous sources and active sources silent for longer
//!   than their interval, looking at a bounded number of sources per call.
//! - **Verdicts** (MON-4): every record answer says whether a supervisor upheld a case about
//!   the record or its source ([`Config::Standing`]); such a record reads as invalid.
//! - **Indexes** (SVC-2..4): by record id, by content hash (who anchored this payload, when, in
//!   which block), and by source in anchoring order with paging from an index, a sequence
//!   number or a chain time. The queries are served by the runtime API in
//!   `pallet-data-registry-runtime-api` and the node's `registry_*` JSON-RPC methods.
//!
//! ## Pallet API
//!
//! ### Dispatchable Functions
//!
//! By a source's owner:
//! - [`Pallet::register_source`]: registers a source (holds the deposit).
//! - [`Pallet::suspend_source`], [`Pallet::resume_source`]: pause and resume submissions.
//! - [`Pallet::retire_source`]: ends the source for good; its records stay.
//! - [`Pallet::set_expected_interval`]: how often the source is expected to report (MON-3).
//!
//! By a source's device:
//! - [`Pallet::submit_record`]: anchors one record (or a new version of one).
//! - [`Pallet::submit_records`]: anchors many records in one call.
//!
//! ### Terminology
//!
//! - *Record id*: a source id and the record's position among that source's records.
//! - *Version*: a record whose `replaces` names an earlier record of the same source. History
//!   is linear: a record can be replaced once; the new version can be replaced in turn.
//!
//! ## Assumptions
//!
//! - Chain time comes from [`Config::UnixTime`] (pallet-timestamp in the runtime) and does not
//!   go backwards, so records of a source are ordered by chain time as well as by index.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod mock;
mod queries;
mod records;
mod sources;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dmchain_primitives::{
		CurrentParameters, DataFormats, FormatId, Millis, RecordId, RecordIndex, RecordStanding,
		SourceAdmission, SourceHold, SourceId, SourceStatus,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;

	/// The in-code storage version. Version 1 is the record layout of issue 12 (records keyed
	/// by id, the digest index without the digest in its key, the chain time per block, the
	/// version links and the source's hot state apart). No chain runs version 0, so there is
	/// no migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency source deposits are held in and record fees are paid from.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Chain time (REP-3): pallet-timestamp in the runtime.
		type UnixTime: UnixTime;

		/// Decides whether a new source starts active or waits for an operator's approval.
		type SourceAdmission: SourceAdmission<Self::AccountId>;

		/// The registered data formats sources name and records are checked against (the
		/// operator pallet in the runtime).
		type Formats: DataFormats;

		/// The data-management parameters in force: clock skew, rate limit, metadata size,
		/// default retention (the operator pallet in the runtime).
		type Parameters: CurrentParameters;

		/// The deposit held for a source entry, whatever its size.
		#[pallet::constant]
		type SourceDepositBase: Get<BalanceOf<Self>>;

		/// The deposit held per byte of a source's description.
		#[pallet::constant]
		type SourceDepositPerByte: Get<BalanceOf<Self>>;

		/// The fee burnt per anchored record: records are kept for ever, so their storage is
		/// paid once, on top of the transaction fee. Covers the record's keys and indexes.
		#[pallet::constant]
		type RecordFee: Get<BalanceOf<Self>>;

		/// The fee burnt per byte of a record's stored entry (its encoded value: hash,
		/// time-stamps, block, version link, metadata), so that larger records pay for the
		/// state they take for ever.
		#[pallet::constant]
		type RecordByteFee: Get<BalanceOf<Self>>;

		/// The longest source description, in bytes.
		#[pallet::constant]
		type MaxSourceMetadataLen: Get<u32>;

		/// The most metadata entries a record may carry.
		#[pallet::constant]
		type MaxMetadataEntries: Get<u32>;

		/// The longest metadata key, in bytes.
		#[pallet::constant]
		type MaxMetadataKeyLen: Get<u32>;

		/// The longest text or bytes metadata value, in bytes.
		#[pallet::constant]
		type MaxMetadataValueLen: Get<u32>;

		/// The most records one [`Pallet::submit_records`] call may carry (at most 65,535, so
		/// that a rejected record's position fits the error).
		#[pallet::constant]
		type MaxRecordsPerCall: Get<u32>;

		/// The most records one query answers with.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// Supervisors' verdicts on records (the supervisor pallet in the runtime): a record
		/// under an upheld case reads as invalid in every query answer (MON-4).
		type Standing: RecordStanding;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a source entry.
		SourceDeposit,
	}

	/// The id the next registered source gets.
	#[pallet::storage]
	pub type NextSourceId<T: Config> = StorageValue<_, SourceId, ValueQuery>;

	/// The registered sources' descriptions: owner, retention, description, expected reporting
	/// interval, deposit. No submission reads them.
	///
	/// TWOX-NOTE: source ids are assigned by the pallet, not chosen by users.
	#[pallet::storage]
	pub type Sources<T: Config> = StorageMap<_, Twox64Concat, SourceId, SourceInfoOf<T>>;

	/// What every submission of a source reads and writes, in one small item: its device, its
	/// format and the terms it keeps of it, its life cycle and holds, and its progress (record
	/// count, last sequence number, device and chain time, rate-limit window, the anomalies
	/// noticed in its submissions, MON-3). Exists exactly for the sources in [`Sources`].
	///
	/// TWOX-NOTE: source ids are assigned by the pallet.
	#[pallet::storage]
	pub type SourceStates<T: Config> = StorageMap<_, Twox64Concat, SourceId, SourceStateOf<T>>;

	/// The anchored records, by record id (source and position). A source's records are read
	/// by position, never iterated, so the key is the id itself (12 bytes).
	///
	/// IDENTITY-NOTE: record ids are assigned by the pallet (source id and position).
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Identity, RecordId, RecordOf<T>>;

	/// Every record anchoring a content digest: the verification index (SVC-4). Under one
	/// digest the anchors iterate in the order they were anchored ([`AnchorKey`]). The digest
	/// is hashed without being kept in the key (it is only ever looked up, never listed), so
	/// an entry takes 64 bytes.
	///
	/// BLAKE2-NOTE: digests are chosen by users; Blake2_128 keeps the trie balanced.
	/// IDENTITY-NOTE: the second key is assigned by the chain (block, source, position).
	#[pallet::storage]
	pub type RecordsByHash<T: Config> =
		StorageDoubleMap<_, Blake2_128, [u8; 32], Identity, AnchorKey, (), OptionQuery>;

	/// The version links of records that are updates or were replaced (PRC-3); a plain record
	/// has no entry.
	///
	/// IDENTITY-NOTE: record ids are assigned by the pallet.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageMap<_, Identity, RecordId, VersionLinks>;

	/// The chain time of each block that anchored a record (REP-3), written once per block
	/// instead of once per record.
	///
	/// IDENTITY-NOTE: block numbers are assigned by the chain.
	#[pallet::storage]
	pub type BlockTimes<T: Config> = StorageMap<_, Identity, u32, Millis>;

	/// Events of the data registry.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A data source was registered.
		SourceRegistered {
			/// The new source's id.
			source: SourceId,
			/// The account that owns it.
			owner: T::AccountId,
			/// The device account that signs its submissions.
			device: T::AccountId,
			/// The status it starts in.
			status: SourceStatus,
			/// The deposit held from the owner.
			deposit: BalanceOf<T>,
		},
		/// A source's life-cycle status changed: approved (pending to active) or retired.
		SourceStatusChanged {
			/// The source.
			source: SourceId,
			/// Its status before.
			from: SourceStatus,
			/// Its status now.
			to: SourceStatus,
		},
		/// A hold was put on a source: its owner paused it, an operator suspended it or a
		/// supervisor froze it. It cannot submit until every hold is lifted.
		SourceHeld {
			/// The source.
			source: SourceId,
			/// Whose hold.
			hold: SourceHold,
		},
		/// A hold was lifted from a source by its own authority; the other holds stay.
		SourceHoldLifted {
			/// The source.
			source: SourceId,
			/// Whose hold.
			hold: SourceHold,
		},
		/// The owner withdrew a source that was still waiting for approval: its entry is gone
		/// and the deposit released.
		SourceWithdrawn {
			/// The source.
			source: SourceId,
			/// Its owner.
			owner: T::AccountId,
			/// The deposit released.
			deposit: BalanceOf<T>,
		},
		/// One record was anchored by [`Pallet::submit_record`].
		RecordAnchored {
			/// The record's id.
			id: RecordId,
			/// The anchored content hash.
			content: dmchain_primitives::ContentHash,
			/// The record's sequence number.
			sequence: u64,
		},
		/// Records were anchored by [`Pallet::submit_records`]: positions `first` to
		/// `first + count - 1` of `source`.
		RecordsAnchored {
			/// The source.
			source: SourceId,
			/// The position of the first record of the call.
			first: RecordIndex,
			/// How many records the call anchored.
			count: u32,
		},
		/// A source waiting for approval was rejected: its entry is gone and its owner's
		/// deposit released.
		SourceRejected {
			/// The source.
			source: SourceId,
			/// Its owner, whose deposit was released.
			owner: T::AccountId,
		},
		/// A source's owner set how often it is expected to report (MON-3).
		ExpectedIntervalSet {
			/// The source.
			source: SourceId,
			/// The interval in ms, or `None` for a source with no expected rhythm.
			interval: Option<Millis>,
		},
		/// A record was replaced by a new version.
		RecordSuperseded {
			/// The replaced record.
			previous: RecordId,
			/// The new version.
			by: RecordId,
		},
	}

	/// Errors of the data registry.
	#[pallet::error]
	pub enum Error<T> {
		/// No source has this id.
		SourceNotFound,
		/// Only the source's owner may do this.
		NotSourceOwner,
		/// Only the source's device account may submit its records.
		NotSourceDevice,
		/// The source waits for an operator's approval.
		SourcePendingApproval,
		/// The source is paused by its owner.
		SourceSuspended,
		/// The source is suspended by an operator.
		SourceSuspendedByOperator,
		/// The source is frozen by a supervisor.
		SourceFrozen,
		/// The source is retired.
		SourceRetired,
		/// The source is already paused by its owner.
		SourceAlreadySuspended,
		/// The source is not paused by its owner, so it cannot be resumed.
		SourceNotSuspended,
		/// The source is already suspended by an operator.
		SourceAlreadySuspendedByOperator,
		/// The source is not suspended by an operator.
		SourceNotSuspendedByOperator,
		/// The source is not waiting for approval.
		SourceNotPendingApproval,
		/// The source is not frozen by a supervisor.
		SourceNotFrozen,
		/// The source is already frozen by a supervisor.
		SourceAlreadyFrozen,
		/// No data format has this id.
		FormatNotFound,
		/// The data format is deprecated: new sources cannot take it.
		FormatDeprecated,
		/// No more source ids are left.
		SourceIdsExhausted,
		/// The owner cannot pay the source deposit.
		InsufficientDeposit,
		/// The device cannot pay the record fee.
		InsufficientRecordFee,
		/// A multi-record call carried no record.
		EmptyBatch,
		/// An expected reporting interval must be above 0 and at most 366 days.
		InvalidExpectedInterval,
		/// The sequence number equals the source's last one: a replay.
		SequenceReplayed,
		/// The sequence number is below the source's last one.
		SequenceOutOfOrder,
		/// The device time-stamp is later than chain time plus the allowed clock skew.
		DeviceTimeInFuture,
		/// A metadata key is empty.
		EmptyMetadataKey,
		/// Two metadata entries have the same key.
		DuplicateMetadataKey,
		/// A metadata key or text value is not valid UTF-8.
		InvalidUtf8,
		/// The record named in `replaces` does not exist in this source.
		ReplacedRecordNotFound,
		/// The record named in `replaces` has already been replaced by another version.
		ReplacedRecordSuperseded,
		/// The metadata is larger than the operators' bound (`max_metadata_bytes`).
		MetadataTooLarge,
		/// The source has anchored as many records as the rate limit allows in this window.
		RateLimitExceeded,
		/// A field the source's format requires is missing.
		MissingField,
		/// A field's value has another type than the format gives it.
		WrongFieldType,
		/// A field's value lies outside the bounds the format gives it.
		FieldOutOfBounds,
		/// A field the source's (strict) format does not list.
		UnknownField,
		/// The content hash was made with another algorithm than the format's.
		WrongHashAlgorithm,
		/// A record of a multi-record call was refused: `index` is its position in the call
		/// (from 0), `reason` why.
		BatchRecordRejected {
			/// The position of the refused record in the call.
			index: u16,
			/// Why it was refused.
			reason: RecordRejection,
		},
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRecordsPerCall::get() > 0, "MaxRecordsPerCall must be positive");
			assert!(
				T::MaxRecordsPerCall::get() <= u16::MAX as u32,
				"MaxRecordsPerCall must fit the u16 position of BatchRecordRejected"
			);
			assert!(T::MaxMetadataKeyLen::get() > 0, "MaxMetadataKeyLen must be positive");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");

			// The largest `submit_records` call must fit one block, in length and in weight, or
			// a device could sign a call no block can take.
			let records = T::MaxRecordsPerCall::get();
			let call_len = u64::from(records)
				.saturating_mul(RecordInputOf::<T>::max_encoded_len() as u64)
				.saturating_add(16);
			let length = <T as frame_system::Config>::BlockLength::get();
			let max_len = u64::from(*length.max.get(DispatchClass::Normal));
			assert!(
				call_len <= max_len,
				"the largest submit_records call ({call_len} bytes) is longer than a block's \
				 normal length ({max_len} bytes): lower MaxRecordsPerCall or the metadata bounds"
			);
			let weights = <T as frame_system::Config>::BlockWeights::get();
			let normal = weights.get(DispatchClass::Normal);
			let max_extrinsic = normal.max_extrinsic.unwrap_or(weights.max_block);
			// Whichever kind of record costs most decides the heaviest call.
			let heaviest = [
				T::WeightInfo::submit_records(records),
				T::WeightInfo::submit_record_updates(records),
				T::WeightInfo::submit_records_with_metadata(records),
			];
			for weight in heaviest {
				assert!(
					weight.all_lte(max_extrinsic),
					"the largest submit_records call ({weight:?}) weighs more than one extrinsic \
					 may ({max_extrinsic:?}): lower MaxRecordsPerCall"
				);
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a data source bound to its owner (the caller), a device account and a
		/// registered data format (REP-1, ACQ-2). A deposit of `SourceDepositBase +
		/// SourceDepositPerByte × description length` is held from the owner. The source starts
		/// active or pending an operator's approval, as [`Config::SourceAdmission`] decides, and
		/// takes the operators' default retention class.
		///
		/// The dispatch origin for this call must be _Signed_ by the owner.
		///
		/// - `device`: the account whose signature every submission of the source will carry.
		/// - `format`: the id of the data format its records will follow.
		/// - `metadata`: the owner's description of the source (opaque bytes).
		/// - `expected_interval`: how often, in ms, the source is expected to report, for the
		///   liveness check (MON-3); `None` for a source without a rhythm.
		///
		/// Emits [`Event::SourceRegistered`] if successful.
		///
		/// ## Errors
		/// - [`Error::InvalidExpectedInterval`]: the interval is 0 or above 366 days.
		/// - [`Error::FormatNotFound`], [`Error::FormatDeprecated`]: the format is unusable.
		/// - [`Error::SourceIdsExhausted`]: no source id is left.
		/// - [`Error::InsufficientDeposit`]: the owner cannot pay the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_source(metadata.len() as u32))]
		pub fn register_source(
			origin: OriginFor<T>,
			device: T::AccountId,
			format: FormatId,
			metadata: SourceMetadataOf<T>,
			expected_interval: Option<Millis>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_source(owner, device, format, metadata, expected_interval).map(|_| ())
		}

		/// Pauses a source (the owner's hold): its device cannot submit until the owner resumes
		/// it. The pause stacks with an operator's suspension and a supervisor's freeze; each is
		/// lifted only by its own authority.
		///
		/// The dispatch origin for this call must be _Signed_ by the source's owner.
		///
		/// Emits [`Event::SourceHeld`] if successful.
		///
		/// ## Errors
		/// - [`Error::SourceNotFound`], [`Error::NotSourceOwner`].
		/// - [`Error::SourceAlreadySuspended`]: the owner's pause is already on.
		/// - [`Error::SourceRetired`]: a retired source takes no hold.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::suspend_source())]
		pub fn suspend_source(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_owner_action(&who, source, sources::OwnerAction::Pause)
		}

		/// Lifts the owner's pause. An operator's suspension or a supervisor's freeze, if on,
		/// stays: the source submits again only when no hold is left.
		///
		/// The dispatch origin for this call must be _Signed_ by the source's owner.
		///
		/// Emits [`Event::SourceHoldLifted`] if successful.
		///
		/// ## Errors
		/// - [`Error::SourceNotFound`], [`Error::NotSourceOwner`].
		/// - [`Error::SourceNotSuspended`]: the owner's pause is not on.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::resume_source())]
		pub fn resume_source(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_owner_action(&who, source, sources::OwnerAction::Resume)
		}

		/// Retires a source for good: it can never submit again; its records stay queryable
		/// and its entry (and so its deposit) stays, since the records refer to it. A source
		/// still waiting for approval has no records: retiring it withdraws it instead (its
		/// entry goes and the deposit is released).
		///
		/// The dispatch origin for this call must be _Signed_ by the source's owner.
		///
		/// Emits [`Event::SourceStatusChanged`], or [`Event::SourceWithdrawn`] for a source
		/// that was waiting for approval.
		///
		/// ## Errors
		/// - [`Error::SourceNotFound`], [`Error::NotSourceOwner`].
		/// - [`Error::SourceFrozen`]: a frozen source stays until a supervisor decides.
		/// - [`Error::SourceRetired`]: the source is already retired.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_source())]
		pub fn retire_source(origin: OriginFor<T>, source: SourceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_owner_action(&who, source, sources::OwnerAction::Retire)
		}

		/// Anchors one record of `source` (REP-2, PRC-1): its content hash, typed metadata,
		/// device time-stamp and sequence number; the chain adds its time-stamp and block
		/// number. With `record.replaces` set, the record is a new version of an earlier record
		/// of the same source (PRC-3); the earlier one is kept unchanged.
		///
		/// The dispatch origin for this call must be _Signed_ by the source's device account.
		///
		/// Emits [`Event::RecordAnchored`], and [`Event::RecordSuperseded`] for an update.
		///
		/// ## Errors
		/// - [`Error::SourceNotFound`], [`Error::NotSourceDevice`].
		/// - [`Error::SourcePendingApproval`], [`Error::SourceRetired`]: the source's life cycle
		///   does not allow submissions; [`Error::SourceFrozen`],
		///   [`Error::SourceSuspendedByOperator`], [`Error::SourceSuspended`]: a hold is on (the
		///   error names the hold of the highest authority).
		/// - [`Error::SequenceReplayed`], [`Error::SequenceOutOfOrder`]: the sequence number is
		///   not above the source's last one.
		/// - [`Error::DeviceTimeInFuture`]: the device time-stamp is too far ahead.
		/// - [`Error::RateLimitExceeded`]: the source's rate limit is used up in this window.
		/// - [`Error::EmptyMetadataKey`], [`Error::DuplicateMetadataKey`],
		///   [`Error::InvalidUtf8`], [`Error::MetadataTooLarge`]: the metadata is malformed.
		/// - [`Error::WrongHashAlgorithm`], [`Error::UnknownField`], [`Error::WrongFieldType`],
		///   [`Error::FieldOutOfBounds`], [`Error::MissingField`]: the record does not follow
		///   the source's data format.
		/// - [`Error::ReplacedRecordNotFound`], [`Error::ReplacedRecordSuperseded`]: the
		///   version link is wrong.
		/// - [`Error::InsufficientRecordFee`]: the device cannot pay the record fee
		///   (`RecordFee + RecordByteFee × the stored record's bytes`, burnt).
		///
		/// ## Weight
		/// Measured for an update or a plain record, with or without metadata (a record with
		/// metadata is charged the costliest format check); the write of the block's chain
		/// time is refunded when an earlier call of the block made it.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::submit_record_weight(record))]
		pub fn submit_record(
			origin: OriginFor<T>,
			source: SourceId,
			record: RecordInputOf<T>,
		) -> DispatchResultWithPostInfo {
			let device = ensure_signed(origin)?;
			let weight = Self::submit_record_weight(&record);
			let timed = Self::do_submit_record(&device, source, record)?;
			Ok(Self::unless_block_timed(weight, timed))
		}

		/// Anchors many records of `source` in one call (D3.7 8.1: one or many operations per
		/// submission), each stored and indexed exactly as [`Pallet::submit_record`] would.
		/// All or nothing: the first refused record fails the whole call.
		///
		/// The dispatch origin for this call must be _Signed_ by the source's device account.
		///
		/// - `records`: at most `MaxRecordsPerCall` records, sequence numbers increasing.
		///
		/// Emits [`Event::RecordsAnchored`], and [`Event::RecordSuperseded`] per update.
		///
		/// ## Errors
		/// - [`Error::EmptyBatch`]: no record.
		/// - [`Error::SourceNotFound`], [`Error::NotSourceDevice`], and the source-status errors
		///   of [`Pallet::submit_record`].
		/// - [`Error::BatchRecordRejected`]: the record at `index` was refused for `reason`.
		/// - [`Error::InsufficientRecordFee`]: the device cannot pay the record fees.
		///
		/// ## Weight
		/// Measured for calls of new records, of updates and of records with metadata (checked
		/// against the costliest format); a call mixing kinds pays each kind's part. The write
		/// of the block's chain time is refunded when an earlier call of the block made it.
		///
		/// ## Complexity
		/// - O(n) in the number of records.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::submit_records_weight(records))]
		pub fn submit_records(
			origin: OriginFor<T>,
			source: SourceId,
			records: BoundedVec<RecordInputOf<T>, T::MaxRecordsPerCall>,
		) -> DispatchResultWithPostInfo {
			let device = ensure_signed(origin)?;
			let weight = Self::submit_records_weight(&records);
			let timed = Self::do_submit_records(&device, source, records)?;
			Ok(Self::unless_block_timed(weight, timed))
		}

		/// Sets how often `source` is expected to report (MON-3): the anomaly query lists an
		/// active source under no hold as silent once nothing came from it for longer.
		///
		/// The dispatch origin for this call must be _Signed_ by the source's owner.
		///
		/// - `interval`: ms, above 0 and at most 366 days; `None` drops the expectation.
		///
		/// Emits [`Event::ExpectedIntervalSet`] if successful.
		///
		/// ## Errors
		/// - [`Error::SourceNotFound`], [`Error::NotSourceOwner`].
		/// - [`Error::InvalidExpectedInterval`]: the interval is 0 or above 366 days.
		/// - [`Error::SourceRetired`]: a retired source reports no more.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_expected_interval())]
		pub fn set_expected_interval(
			origin: OriginFor<T>,
			source: SourceId,
			interval: Option<Millis>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_expected_interval(&who, source, interval)
		}
	}
}
