//! # Access Permissions Pallet
//!
//! Who may use which data on dmchain (D3.7 GOV-1, APP-2, CTL-3, MGMT-1, MGMT-2, PRC-2, PRC-5):
//! a data directory of datasets, access requests and grants that expire by themselves, and the
//! encryption keys content keys are wrapped for.
//!
//! ## Overview
//!
//! - **Datasets** (GOV-1, APP-2): an approved data user, or the owner of every source it
//!   groups, creates a dataset: title, description, data format, visibility and sources, and
//!   optionally the datasets it was derived from (lineage). Its deposit is held from the owner
//!   and comes back when the owner removes it. Ownership can be transferred; every owner so far
//!   is kept with the block it became owner in. [`Pallet::provenance`] walks the lineage,
//!   bounded by [`Config::MaxProvenance`].
//! - **Visibility rules** (CTL-3): operators set which visibilities each data format allows
//!   ([`Pallet::set_format_visibilities`]); a dataset whose visibility its format does not
//!   allow is refused when it is created or changed.
//! - **Requests and grants** (MGMT-1, PRC-2, PRC-5): an approved data user requests a scope
//!   ([`dmchain_primitives::Scope`]) on a dataset for a purpose until a block; the owner
//!   approves it as asked or narrower (smaller scope, earlier expiry), rejects it with a reason,
//!   or grants directly, and revokes at any time. A grant stops counting at its expiry block
//!   with no transaction: [`Pallet::access`] compares it with the block it is asked at. Expired
//!   grants leave storage through a queue the pallet works through in `on_idle`, at most
//!   [`Config::MaxExpiriesPerBlock`] a block and only with weight to spare (a block whose
//!   hooks take all its weight, such as pallet-session's rotation block, leaves the work to
//!   the next), or at once through the permissionless [`Pallet::remove_expired_grant`]; both
//!   return the grant's deposit.
//! - **Encryption keys** (MGMT-2): every account that receives content keys registers an X25519
//!   public key with a signature by the account over the key and the chain's genesis hash
//!   ([`Pallet::key_proof_message`]), so anyone can check the binding without trusting the
//!   submitter.
//! - **Key epochs and wrapped keys** (MGMT-2, GOV-2, SEC-1): each dataset has a key epoch;
//!   records are encrypted (by the client) under a key derived from that epoch's dataset key.
//!   The owner stores the epoch's key wrapped for each key holder's registered key
//!   ([`Pallet::set_wrapped_keys`]): itself, the owners of the dataset's sources (who write its
//!   records) and holders of a grant that reads and still counts. When such a grant ends
//!   (revoked, expired and cleaned up, or replaced by one that cannot read) the epoch moves on
//!   by itself ([`Event::KeyEpochRotated`]); the owner may also rotate by hand. A former
//!   grantee keeps what it was given for earlier epochs and gets nothing for later ones.
//! - **Access receipts** (MON-2): the grantee, or the owner who served it, records what was
//!   delivered ([`Pallet::record_receipt`]); a receipt is refused unless the grantee may do
//!   that scope at that block. Receipts are listed per dataset and per grantee by block range
//!   ([`Pallet::receipts_page`]) and pruned, oldest first, after `ReceiptRetention`
//!   ([`Pallet::prune_receipts`]).
//! - **The access question**: [`Pallet::access`] answers "may user U do scope S on dataset D
//!   (or on record R read as part of D) at this block, and if not, why not", served as a
//!   runtime API (`pallet-access-permissions-runtime-api`).
//!
//! Every deposit is `DepositBase + DepositPerByte × bytes stored` and has a way back: removing
//! the dataset, cancelling or settling the request, revoking or cleaning up the grant, removing
//! the key or the wrapped key, pruning the receipt.
//!
//! ## Pallet API
//!
//! ### Dispatchable Functions
//!
//! - Owners: [`Pallet::create_dataset`], [`Pallet::set_visibility`],
//!   [`Pallet::transfer_dataset`], [`Pallet::remove_dataset`], [`Pallet::approve_request`],
//!   [`Pallet::reject_request`], [`Pallet::grant_access`], [`Pallet::revoke_access`],
//!   [`Pallet::set_wrapped_keys`], [`Pallet::remove_wrapped_keys`],
//!   [`Pallet::rotate_key_epoch`].
//! - Data users: [`Pallet::request_access`], [`Pallet::cancel_request`].
//! - Grantees and owners: [`Pallet::record_receipt`].
//! - Operators: [`Pallet::set_format_visibilities`].
//! - Anyone: [`Pallet::remove_expired_grant`], [`Pallet::register_encryption_key`],
//!   [`Pallet::remove_encryption_key`], [`Pallet::prune_receipts`].
//!
//! ## Assumptions
//!
//! - Payloads are encrypted and keys wrapped by the client (`dmchain-client`'s `encryption`
//!   module); the chain stores wrapped keys as opaque bytes and cannot check them. The chain's
//!   own payload storage is a later part of issue 14.
//! - Reading chain state is open to everyone on a ledger: receipts and wrapped keys are
//!   public; only the keys' holders can unwrap them.
//! - Tightening a format's visibility rule does not change existing datasets; it applies when
//!   a dataset is created or its visibility changed.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod datasets;
mod epochs;
mod grants;
mod keys;
#[cfg(test)]
mod mock;
mod queries;
mod receipts;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", test))]
mod try_state;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need that production code does not offer: roles, sources and formats
/// to build datasets on, and a signature for an encryption key. The runtime implements it with
/// its own pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// Makes `who` an approved data user.
	fn approve_data_user(who: &AccountId);
	/// Makes `who` an operator.
	fn appoint_operator(who: &AccountId);
	/// A registered data format.
	fn format() -> dmchain_primitives::FormatId;
	/// `count` registered sources owned by `owner`.
	fn sources(owner: &AccountId, count: u32) -> alloc::vec::Vec<dmchain_primitives::SourceId>;
	/// An account that can sign (a key in the benchmark's keystore).
	fn key_account() -> AccountId;
	/// `who`'s signature over `message`; `who` is [`BenchmarkHelper::key_account`].
	fn sign(who: &AccountId, message: &[u8]) -> Signature;
	/// A record anchored in a registered source (of any owner).
	fn anchored_record() -> dmchain_primitives::RecordId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use dmchain_primitives::{
		AccessTarget, DataFormats, DatasetId, FormatId, RecordRegistry, Roles, Scope,
		SourceControl, Visibilities, Visibility,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{IdentifyAccount, Verify};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// The pallet's configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who is an operator and who an approved data user (the operator pallet).
		type Roles: Roles<Self::AccountId>;

		/// The registry's sources: existence and owner.
		type Sources: SourceControl<Self::AccountId>;

		/// The registry's records, for access questions about one record.
		type Records: RecordRegistry<BlockNumberFor<Self>>;

		/// The operators' data formats.
		type Formats: DataFormats;

		/// The signature an account proves its encryption key with.
		type Signature: Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>> + Parameter;

		/// Held per stored item (dataset, request, grant, key).
		#[pallet::constant]
		type DepositBase: Get<BalanceOf<Self>>;

		/// Held per byte of a stored item.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// The longest dataset title, in bytes.
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;

		/// The longest dataset description, in bytes.
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest purpose of a request or grant, or reason of a rejection, in bytes.
		#[pallet::constant]
		type MaxPurposeLen: Get<u32>;

		/// The most sources a dataset groups.
		#[pallet::constant]
		type MaxSources: Get<u32>;

		/// The most datasets a dataset is derived from.
		#[pallet::constant]
		type MaxParents: Get<u32>;

		/// The most owners a dataset's history keeps (its creator included): transfers stop
		/// at this bound.
		#[pallet::constant]
		type MaxOwners: Get<u32>;

		/// The most requests that may wait on one dataset.
		#[pallet::constant]
		type MaxPendingRequests: Get<u32>;

		/// The longest a grant may run, in blocks from the block it is granted in.
		#[pallet::constant]
		type MaxGrantPeriod: Get<BlockNumberFor<Self>>;

		/// The most ancestors [`Pallet::provenance`] answers with.
		#[pallet::constant]
		type MaxProvenance: Get<u32>;

		/// The most expired grants `on_idle` removes in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// The most datasets or grants one query answers with.
		#[pallet::constant]
		type MaxPageSize: Get<u32>;

		/// The most recipients one call wraps (or removes) a dataset key for.
		#[pallet::constant]
		type MaxKeyRecipients: Get<u32>;

		/// How long an access receipt is kept before anyone may prune it, in blocks.
		#[pallet::constant]
		type ReceiptRetention: Get<BlockNumberFor<Self>>;

		/// The most receipts one `prune_receipts` call removes.
		#[pallet::constant]
		type MaxReceiptsPruned: Get<u32>;

		/// The chain's clock, for the time on a receipt.
		type Time: frame_support::traits::UnixTime;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Set-up for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a dataset and its owner history, held from its owner.
		DatasetDeposit,
		/// The deposit for a waiting access request, held from the requester.
		RequestDeposit,
		/// The deposit for a grant, held from the owner who granted it.
		GrantDeposit,
		/// The deposit for a registered encryption key.
		KeyDeposit,
		/// The deposit for a wrapped dataset key, held from the owner who stored it.
		WrappedKeyDeposit,
		/// The deposit for an access receipt, held from whoever recorded it.
		ReceiptDeposit,
	}

	/// The id the next dataset gets.
	#[pallet::storage]
	pub type NextDatasetId<T: Config> = StorageValue<_, DatasetId, ValueQuery>;

	/// Every dataset, by id.
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Twox64Concat, DatasetId, DatasetOf<T>>;

	/// Each dataset's owners, by position (0 is its creator, the last its current owner).
	///
	/// TWOX-NOTE: both keys are assigned by the pallet.
	#[pallet::storage]
	pub type Owners<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DatasetId,
		Twox64Concat,
		u32,
		OwnerEntry<T::AccountId, BlockNumberFor<T>>,
	>;

	/// The visibilities each data format allows; a format not here allows every visibility.
	///
	/// TWOX-NOTE: format ids are assigned by the operator pallet.
	#[pallet::storage]
	pub type FormatVisibilities<T: Config> = StorageMap<_, Twox64Concat, FormatId, Visibilities>;

	/// Access requests waiting for the dataset's owner, by dataset and requester.
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet.
	#[pallet::storage]
	pub type Requests<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Blake2_128Concat, T::AccountId, RequestOf<T>>;

	/// Grants, by dataset and grantee. An expired grant stays until it is cleaned up but no
	/// longer counts.
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet.
	#[pallet::storage]
	pub type Grants<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Blake2_128Concat, T::AccountId, GrantOf<T>>;

	/// The expiry queue: every grant under its expiry block, earliest first ([`ExpiryKey`]).
	///
	/// IDENTITY-NOTE: the first key is a block number, chosen within `MaxGrantPeriod` of the
	/// granting block by an owner who pays a deposit for the grant.
	#[pallet::storage]
	pub type GrantExpiries<T: Config> = StorageDoubleMap<
		_,
		Identity,
		ExpiryKey,
		Blake2_128Concat,
		(DatasetId, T::AccountId),
		(),
		OptionQuery,
	>;

	/// Registered X25519 public encryption keys, by account.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EncryptionKeyOf<T>>;

	/// Each dataset's key epochs: the current epoch and how many wrapped keys it holds.
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet.
	#[pallet::storage]
	pub type DatasetKeyEpochs<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, KeyEpochs, ValueQuery>;

	/// Dataset keys wrapped per recipient, by (dataset, epoch) and recipient (MGMT-2).
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet, epochs count up from 0.
	#[pallet::storage]
	pub type WrappedKeys<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(DatasetId, u32),
		Blake2_128Concat,
		T::AccountId,
		WrappedKeyOf<T>,
	>;

	/// The id the next access receipt gets.
	#[pallet::storage]
	pub type NextReceiptId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The id of the oldest receipt still kept: receipts `OldestReceipt..NextReceiptId` exist.
	#[pallet::storage]
	pub type OldestReceipt<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Access receipts, by id (MON-2).
	///
	/// TWOX-NOTE: receipt ids are assigned by the pallet.
	#[pallet::storage]
	pub type Receipts<T: Config> = StorageMap<_, Twox64Concat, u64, ReceiptOf<T>>;

	/// Each dataset's receipts in order: position → receipt id.
	///
	/// TWOX-NOTE: both keys are assigned by the pallet.
	#[pallet::storage]
	pub type DatasetReceipts<T: Config> =
		StorageDoubleMap<_, Twox64Concat, DatasetId, Twox64Concat, u64, u64>;

	/// The positions [`DatasetReceipts`] holds for each dataset.
	///
	/// TWOX-NOTE: dataset ids are assigned by the pallet.
	#[pallet::storage]
	pub type DatasetReceiptRange<T: Config> =
		StorageMap<_, Twox64Concat, DatasetId, IndexRange, ValueQuery>;

	/// Each grantee's receipts in order: position → receipt id.
	///
	/// TWOX-NOTE: the position is assigned by the pallet.
	#[pallet::storage]
	pub type UserReceipts<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u64, u64>;

	/// The positions [`UserReceipts`] holds for each grantee.
	#[pallet::storage]
	pub type UserReceiptRange<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, IndexRange, ValueQuery>;

	/// Events of the access pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was created.
		DatasetCreated {
			/// The new dataset.
			dataset: DatasetId,
			/// Its owner.
			owner: T::AccountId,
			/// Its data format.
			format: FormatId,
			/// Its visibility.
			visibility: Visibility,
		},
		/// A dataset's owner changed its visibility.
		VisibilityChanged {
			/// The dataset.
			dataset: DatasetId,
			/// The new visibility.
			visibility: Visibility,
		},
		/// A dataset changed owner.
		DatasetTransferred {
			/// The dataset.
			dataset: DatasetId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// A dataset's owner removed it; its deposit was released.
		DatasetRemoved {
			/// The dataset.
			dataset: DatasetId,
			/// Its last owner.
			owner: T::AccountId,
		},
		/// An operator set the visibilities a data format allows.
		FormatVisibilitiesSet {
			/// The format.
			format: FormatId,
			/// The visibilities it allows.
			allowed: Visibilities,
			/// The operator.
			by: T::AccountId,
		},
		/// A data user requested access to a dataset.
		AccessRequested {
			/// The dataset.
			dataset: DatasetId,
			/// The requester.
			user: T::AccountId,
			/// The scope asked for.
			scope: Scope,
			/// The latest expiry asked for.
			expires_at: BlockNumberFor<T>,
		},
		/// A data user withdrew its request.
		RequestCancelled {
			/// The dataset.
			dataset: DatasetId,
			/// The requester.
			user: T::AccountId,
		},
		/// The owner rejected a request.
		RequestRejected {
			/// The dataset.
			dataset: DatasetId,
			/// The requester.
			user: T::AccountId,
			/// The owner's reason.
			reason: PurposeOf<T>,
		},
		/// The owner granted access (on a request or directly); a grant the user held before
		/// is replaced.
		AccessGranted {
			/// The dataset.
			dataset: DatasetId,
			/// The grantee.
			user: T::AccountId,
			/// What the grantee may do.
			scope: Scope,
			/// The first block at which the grant no longer counts.
			expires_at: BlockNumberFor<T>,
		},
		/// The owner revoked a grant.
		AccessRevoked {
			/// The dataset.
			dataset: DatasetId,
			/// The former grantee.
			user: T::AccountId,
		},
		/// An expired grant was removed from storage and its deposit released.
		ExpiredGrantRemoved {
			/// The dataset.
			dataset: DatasetId,
			/// The former grantee.
			user: T::AccountId,
			/// The block it expired at.
			expired_at: BlockNumberFor<T>,
		},
		/// An account registered (or replaced) its encryption key.
		EncryptionKeyRegistered {
			/// The account.
			who: T::AccountId,
			/// The X25519 public key.
			key: [u8; 32],
		},
		/// An account removed its encryption key.
		EncryptionKeyRemoved {
			/// The account.
			who: T::AccountId,
		},
		/// A dataset's key epoch moved on: new records are encrypted under the new epoch's
		/// key, which the owner wraps for the remaining key holders.
		KeyEpochRotated {
			/// The dataset.
			dataset: DatasetId,
			/// The new epoch.
			epoch: u32,
		},
		/// The owner stored the key of a dataset's epoch, wrapped for a recipient.
		DatasetKeyWrapped {
			/// The dataset.
			dataset: DatasetId,
			/// The epoch.
			epoch: u32,
			/// The recipient.
			recipient: T::AccountId,
		},
		/// A wrapped key was removed and its deposit released.
		WrappedKeyRemoved {
			/// The dataset.
			dataset: DatasetId,
			/// The epoch.
			epoch: u32,
			/// The recipient.
			recipient: T::AccountId,
		},
		/// A receipt recorded that a grantee was served data (MON-2).
		ReceiptRecorded {
			/// The receipt's id.
			id: u64,
			/// The dataset (and record) served.
			target: AccessTarget,
			/// Who received it.
			grantee: T::AccountId,
			/// The hash of what was delivered.
			delivered: [u8; 32],
		},
		/// Receipts past their retention were removed and their deposits released.
		ReceiptsPruned {
			/// How many.
			count: u32,
			/// The id of the oldest receipt still kept (or the next id, if none is).
			oldest: u64,
		},
	}

	/// Errors of the access pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only an approved data user may do this (or receive this).
		NotApprovedDataUser,
		/// A dataset's owner must be an approved data user or own every source it groups.
		NotEligibleOwner,
		/// Only the dataset's owner may do this.
		NotOwner,
		/// Only an operator may do this.
		NotOperator,
		/// No dataset has this id.
		DatasetNotFound,
		/// No data format has this id.
		FormatNotFound,
		/// The dataset's data format does not allow this visibility.
		VisibilityNotAllowed,
		/// The dataset already has this visibility.
		VisibilityUnchanged,
		/// A dataset must group at least one source.
		NoSources,
		/// A source the dataset names does not exist.
		SourceNotFound,
		/// The dataset names the same source twice.
		DuplicateSource,
		/// A dataset it names as a parent does not exist.
		ParentNotFound,
		/// The dataset names the same parent twice.
		DuplicateParent,
		/// A title must not be empty.
		EmptyTitle,
		/// A purpose or a reason must not be empty.
		EmptyPurpose,
		/// A text must be valid UTF-8.
		InvalidUtf8,
		/// No more dataset ids are left.
		DatasetIdsExhausted,
		/// The account cannot pay the deposit.
		InsufficientDeposit,
		/// The dataset's owner history is full (`MaxOwners`).
		TooManyOwners,
		/// The dataset already belongs to that account.
		AlreadyOwner,
		/// Other datasets are derived from this one: it stays for their lineage.
		HasDerivatives,
		/// The dataset has grants: revoke them (or let them expire and be cleaned up) first.
		HasGrants,
		/// Requests wait on the dataset: approve or reject them first.
		HasRequests,
		/// The owner needs no grant on its own dataset.
		OwnerNeedsNoGrant,
		/// A public dataset is open to everyone: it takes no requests or grants.
		DatasetIsPublic,
		/// The user already has a request waiting on this dataset.
		RequestPending,
		/// `MaxPendingRequests` requests wait on this dataset already.
		TooManyRequests,
		/// The user has no request waiting on this dataset.
		RequestNotFound,
		/// An expiry must be a later block than the current one.
		ExpiryNotInFuture,
		/// An expiry may be at most `MaxGrantPeriod` blocks away.
		GrantTooLong,
		/// An approval may narrow a request's scope, never widen it.
		ScopeWiderThanRequested,
		/// An approval may bring a request's expiry forward, never push it back.
		ExpiryLaterThanRequested,
		/// The user holds no grant on this dataset.
		GrantNotFound,
		/// The grant has not expired: only its owner may revoke it.
		GrantNotExpired,
		/// The signature does not prove the key for this account and chain.
		InvalidKeyProof,
		/// An all-zero key is not an X25519 public key.
		InvalidKey,
		/// The account has no registered encryption key.
		KeyNotFound,
		/// The dataset has wrapped keys: remove them first.
		HasWrappedKeys,
		/// The dataset's key epoch has not reached this epoch yet.
		FutureEpoch,
		/// No more key epochs are left for this dataset.
		EpochsExhausted,
		/// A call must name at least one recipient.
		NoRecipients,
		/// The call names the same recipient twice.
		DuplicateRecipient,
		/// A recipient may not hold the dataset key: only the owner, the owners of the
		/// dataset's sources and holders of a grant that reads (read or derive) and still
		/// counts may.
		NotKeyHolder,
		/// No key of this epoch is wrapped for this recipient.
		WrappedKeyNotFound,
		/// Only the dataset's owner or whoever paid its deposit may remove a wrapped key.
		NotOwnerOrDepositor,
		/// Only the grantee itself or the dataset's owner may record a receipt.
		NotReceiptParty,
		/// The record is not anchored.
		RecordNotFound,
		/// The record's source is not one the dataset groups.
		RecordNotInDataset,
		/// The grantee may not do this scope on this data now: a receipt needs a grant that
		/// covers it and still counts (or ownership, or a public dataset).
		NoValidGrant,
		/// No more receipt ids are left.
		ReceiptIdsExhausted,
		/// No receipt is past its retention.
		NothingToPrune,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Removes expired grants, earliest first, while weight is left: at most
		/// `MaxExpiriesPerBlock`.
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::expire_grants(now, remaining)
		}

		fn integrity_test() {
			assert!(T::MaxTitleLen::get() > 0, "MaxTitleLen must be positive");
			assert!(T::MaxPurposeLen::get() > 0, "MaxPurposeLen must be positive");
			assert!(T::MaxSources::get() > 0, "MaxSources must be positive");
			assert!(T::MaxOwners::get() > 0, "MaxOwners must be positive");
			assert!(T::MaxPageSize::get() > 0, "MaxPageSize must be positive");
			assert!(T::MaxKeyRecipients::get() > 0, "MaxKeyRecipients must be positive");
			assert!(T::MaxReceiptsPruned::get() > 0, "MaxReceiptsPruned must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a dataset (GOV-1, APP-2): a title, a description, the data format of its
		/// records, its visibility, the sources it groups and the datasets it was derived from.
		/// The deposit for it is held from the caller, its owner.
		///
		/// The dispatch origin for this call must be _Signed_ by an approved data user or by
		/// the owner of every source in `sources`.
		///
		/// Emits [`Event::DatasetCreated`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotEligibleOwner`].
		/// - [`Error::EmptyTitle`], [`Error::InvalidUtf8`].
		/// - [`Error::FormatNotFound`], [`Error::VisibilityNotAllowed`].
		/// - [`Error::NoSources`], [`Error::SourceNotFound`], [`Error::DuplicateSource`].
		/// - [`Error::ParentNotFound`], [`Error::DuplicateParent`].
		/// - [`Error::DatasetIdsExhausted`], [`Error::InsufficientDeposit`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_dataset())]
		pub fn create_dataset(
			origin: OriginFor<T>,
			title: TitleOf<T>,
			description: DescriptionOf<T>,
			format: FormatId,
			visibility: Visibility,
			sources: SourcesOf<T>,
			derived_from: ParentsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_dataset(
				who,
				title,
				description,
				format,
				visibility,
				sources,
				derived_from,
			)
			.map(|_| ())
		}

		/// Changes a dataset's visibility, within what its data format allows (CTL-3).
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::VisibilityChanged`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`].
		/// - [`Error::VisibilityUnchanged`], [`Error::VisibilityNotAllowed`].
		/// - [`Error::HasGrants`], [`Error::HasRequests`]: to make it public, its grants and
		///   requests must be settled first.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_visibility())]
		pub fn set_visibility(
			origin: OriginFor<T>,
			dataset: DatasetId,
			visibility: Visibility,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_visibility(who, dataset, visibility)
		}

		/// Transfers a dataset to `to`, who must be eligible to own it (an approved data user
		/// or the owner of every source it groups). The deposit is released to the previous
		/// owner and held from the new one, with the new entry of the owner history. Grants
		/// stay as they are, their deposits with whoever paid them.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::DatasetTransferred`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::AlreadyOwner`].
		/// - [`Error::NotEligibleOwner`], [`Error::TooManyOwners`].
		/// - [`Error::InsufficientDeposit`]: the new owner cannot pay the deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::transfer_dataset())]
		pub fn transfer_dataset(
			origin: OriginFor<T>,
			dataset: DatasetId,
			to: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_dataset(who, dataset, to)
		}

		/// Removes a dataset with no grants, no waiting requests and no datasets derived from
		/// it, with its owner history, and releases its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::DatasetRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`].
		/// - [`Error::HasGrants`], [`Error::HasRequests`], [`Error::HasDerivatives`].
		/// - [`Error::HasWrappedKeys`]: remove its wrapped keys first.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_dataset())]
		pub fn remove_dataset(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_dataset(who, dataset)
		}

		/// Sets the visibilities datasets of data format `format` may have (CTL-3). Allowing
		/// all of them clears the rule. Existing datasets keep their visibility.
		///
		/// The dispatch origin for this call must be _Signed_ by an operator.
		///
		/// Emits [`Event::FormatVisibilitiesSet`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotOperator`], [`Error::FormatNotFound`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_format_visibilities())]
		pub fn set_format_visibilities(
			origin: OriginFor<T>,
			format: FormatId,
			allowed: Visibilities,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_format_visibilities(who, format, allowed)
		}

		/// Requests access to a dataset (PRC-2): a scope, a purpose and the latest expiry
		/// wanted. The deposit for the request is held until the owner settles it or the
		/// requester cancels it.
		///
		/// The dispatch origin for this call must be _Signed_ by an approved data user.
		///
		/// Emits [`Event::AccessRequested`] if successful.
		///
		/// ## Errors
		/// - [`Error::NotApprovedDataUser`], [`Error::DatasetNotFound`].
		/// - [`Error::OwnerNeedsNoGrant`], [`Error::DatasetIsPublic`].
		/// - [`Error::RequestPending`], [`Error::TooManyRequests`].
		/// - [`Error::EmptyPurpose`], [`Error::InvalidUtf8`].
		/// - [`Error::ExpiryNotInFuture`], [`Error::GrantTooLong`].
		/// - [`Error::InsufficientDeposit`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::request_access())]
		pub fn request_access(
			origin: OriginFor<T>,
			dataset: DatasetId,
			scope: Scope,
			purpose: PurposeOf<T>,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_access(who, dataset, scope, purpose, expires_at)
		}

		/// Withdraws the caller's waiting request and releases its deposit.
		///
		/// The dispatch origin for this call must be _Signed_ by the requester.
		///
		/// Emits [`Event::RequestCancelled`] if successful.
		///
		/// ## Errors
		/// - [`Error::RequestNotFound`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_request())]
		pub fn cancel_request(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_request(who, dataset)
		}

		/// Approves `user`'s request, as asked or narrower: `scope` at most the requested one,
		/// `expires_at` at most the requested expiry and later than now. The request's deposit
		/// goes back to the requester; the grant's is held from the owner.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::AccessGranted`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::RequestNotFound`].
		/// - [`Error::ScopeWiderThanRequested`], [`Error::ExpiryLaterThanRequested`],
		///   [`Error::ExpiryNotInFuture`].
		/// - [`Error::NotApprovedDataUser`]: the requester is no longer one.
		/// - [`Error::InsufficientDeposit`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::approve_request())]
		pub fn approve_request(
			origin: OriginFor<T>,
			dataset: DatasetId,
			user: T::AccountId,
			scope: Scope,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_approve_request(who, dataset, user, scope, expires_at)
		}

		/// Rejects `user`'s request with a reason; its deposit goes back to the requester.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::RequestRejected`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::RequestNotFound`].
		/// - [`Error::EmptyPurpose`], [`Error::InvalidUtf8`]: the reason.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::reject_request())]
		pub fn reject_request(
			origin: OriginFor<T>,
			dataset: DatasetId,
			user: T::AccountId,
			reason: PurposeOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reject_request(who, dataset, user, reason)
		}

		/// Grants `user` access without a request (MGMT-1): a scope, a purpose and an expiry.
		/// A grant `user` already holds is replaced. A waiting request of `user` stays.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::AccessGranted`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::DatasetIsPublic`].
		/// - [`Error::OwnerNeedsNoGrant`], [`Error::NotApprovedDataUser`].
		/// - [`Error::EmptyPurpose`], [`Error::InvalidUtf8`].
		/// - [`Error::ExpiryNotInFuture`], [`Error::GrantTooLong`].
		/// - [`Error::InsufficientDeposit`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::grant_access())]
		pub fn grant_access(
			origin: OriginFor<T>,
			dataset: DatasetId,
			user: T::AccountId,
			scope: Scope,
			purpose: PurposeOf<T>,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant_access(who, dataset, user, scope, purpose, expires_at)
		}

		/// Revokes `user`'s grant at once, expired or not; its deposit goes back to whoever
		/// paid it.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::AccessRevoked`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::GrantNotFound`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::revoke_access())]
		pub fn revoke_access(
			origin: OriginFor<T>,
			dataset: DatasetId,
			user: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_revoke_access(who, dataset, user)
		}

		/// Removes an expired grant from storage before `on_idle` gets to it; its deposit goes
		/// back to whoever paid it.
		///
		/// The dispatch origin for this call must be _Signed_ (by anyone).
		///
		/// Emits [`Event::ExpiredGrantRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::GrantNotFound`], [`Error::GrantNotExpired`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_expired_grant())]
		pub fn remove_expired_grant(
			origin: OriginFor<T>,
			dataset: DatasetId,
			user: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove_expired_grant(dataset, user)
		}

		/// Registers the caller's X25519 public encryption key (MGMT-2), replacing the one it
		/// had: `proof` is the caller's signature over [`Pallet::key_proof_message`]. The
		/// deposit for it is held from the caller.
		///
		/// The dispatch origin for this call must be _Signed_.
		///
		/// Emits [`Event::EncryptionKeyRegistered`] if successful.
		///
		/// ## Errors
		/// - [`Error::InvalidKey`], [`Error::InvalidKeyProof`], [`Error::InsufficientDeposit`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::register_encryption_key())]
		pub fn register_encryption_key(
			origin: OriginFor<T>,
			key: [u8; 32],
			proof: T::Signature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_key(who, key, proof)
		}

		/// Removes the caller's encryption key and releases its deposit.
		///
		/// The dispatch origin for this call must be _Signed_.
		///
		/// Emits [`Event::EncryptionKeyRemoved`] if successful.
		///
		/// ## Errors
		/// - [`Error::KeyNotFound`].
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::remove_encryption_key())]
		pub fn remove_encryption_key(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_key(who)
		}

		/// Stores the key of `dataset`'s epoch `epoch` (the current one or an earlier one),
		/// wrapped for each recipient's registered encryption key (MGMT-2). A key wrapped for
		/// a recipient before is replaced in place (its payer and deposit stay); the deposit for
		/// each new one is held from the caller.
		///
		/// A recipient must be the owner, the owner of one of the dataset's sources (they
		/// encrypt its records), or hold a grant that reads (scope read or derive) and still
		/// counts; and it must have registered an encryption key. The chain cannot check the
		/// wrapping itself: it is opaque.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::DatasetKeyWrapped`] for each recipient if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::FutureEpoch`].
		/// - [`Error::NoRecipients`], [`Error::DuplicateRecipient`].
		/// - [`Error::NotKeyHolder`], [`Error::KeyNotFound`]: a recipient.
		/// - [`Error::InsufficientDeposit`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_wrapped_keys(keys.len() as u32))]
		pub fn set_wrapped_keys(
			origin: OriginFor<T>,
			dataset: DatasetId,
			epoch: u32,
			keys: WrapsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_wrapped_keys(who, dataset, epoch, keys)
		}

		/// Removes the keys of `dataset`'s epoch `epoch` wrapped for `recipients`, and releases
		/// their deposits to whoever paid them. Removing a key takes back nothing a recipient
		/// already unwrapped.
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner or by
		/// whoever paid the deposit of every key named.
		///
		/// Emits [`Event::WrappedKeyRemoved`] for each recipient if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NoRecipients`], [`Error::DuplicateRecipient`].
		/// - [`Error::WrappedKeyNotFound`], [`Error::NotOwnerOrDepositor`].
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::remove_wrapped_keys(recipients.len() as u32))]
		pub fn remove_wrapped_keys(
			origin: OriginFor<T>,
			dataset: DatasetId,
			epoch: u32,
			recipients: RecipientsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_wrapped_keys(who, dataset, epoch, recipients)
		}

		/// Moves `dataset`'s key epoch on, for example after a key may have leaked: new
		/// records are encrypted under the new epoch's key once the owner has wrapped it for
		/// the key holders. (The epoch also moves on by itself when a grant that reads ends.)
		///
		/// The dispatch origin for this call must be _Signed_ by the dataset's owner.
		///
		/// Emits [`Event::KeyEpochRotated`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::NotOwner`], [`Error::EpochsExhausted`].
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::rotate_key_epoch())]
		pub fn rotate_key_epoch(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::owned(&who, dataset)?;
			Self::rotate_epoch(dataset)
		}

		/// Records an access receipt (MON-2): `grantee` was served `target` under `scope`,
		/// and `delivered` is the hash of the bytes it got. The grantee must be allowed
		/// `scope` on `target` at this block ([`Pallet::access`]). The deposit is held from
		/// the caller until the receipt is pruned after `ReceiptRetention` blocks.
		///
		/// The dispatch origin for this call must be _Signed_ by `grantee` or by the dataset's
		/// owner.
		///
		/// Emits [`Event::ReceiptRecorded`] if successful.
		///
		/// ## Errors
		/// - [`Error::DatasetNotFound`], [`Error::RecordNotFound`], [`Error::RecordNotInDataset`].
		/// - [`Error::NotReceiptParty`], [`Error::NoValidGrant`].
		/// - [`Error::ReceiptIdsExhausted`], [`Error::InsufficientDeposit`].
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::record_receipt())]
		pub fn record_receipt(
			origin: OriginFor<T>,
			target: AccessTarget,
			grantee: T::AccountId,
			scope: Scope,
			delivered: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_record_receipt(who, target, grantee, scope, delivered).map(|_| ())
		}

		/// Removes up to `count` (at most `MaxReceiptsPruned`) of the oldest receipts that are
		/// past their retention, and releases their deposits to whoever paid them.
		///
		/// The dispatch origin for this call must be _Signed_ (by anyone).
		///
		/// Emits [`Event::ReceiptsPruned`] if successful.
		///
		/// ## Errors
		/// - [`Error::NothingToPrune`]: the oldest receipt is not past its retention, or
		///   `count` is 0.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::prune_receipts((*count).min(T::MaxReceiptsPruned::get())))]
		pub fn prune_receipts(origin: OriginFor<T>, count: u32) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let pruned = Self::do_prune_receipts(count.min(T::MaxReceiptsPruned::get()))?;
			Ok(Some(T::WeightInfo::prune_receipts(pruned)).into())
		}
	}
}
