//! # dmchain-client
//!
//! A Rust client for dmchain, the permissioned chain that anchors IoT and smart-city data
//! (ITU-T FG-DPM D3.7). It mirrors the chain's actors, one module each:
//!
//! - [`data_source`] ([`DataSource`]): an organisation or device that registers data sources,
//!   pauses, resumes and retires them, and anchors records (REP-1, REP-2, PRC-1, PRC-3), one at
//!   a time or many at once with managed nonces.
//! - [`data_user`] ([`DataUser`]): a data user that registers itself (SVC-1), reads records,
//!   verifies a file or hash against the chain (AUTH-1, SVC-4), lists a source's records and
//!   follows new ones as they are finalized (SVC-2, SVC-3); browses the data directory, asks
//!   for access to a dataset and asks the chain whether an access is allowed (GOV-1, MGMT-1,
//!   PRC-5), and registers the X25519 encryption key dataset keys are wrapped to (MGMT-2).
//! - [`dataset_owner`] ([`DatasetOwner`]): the owner of datasets: creates, re-labels, hands on
//!   and removes them, approves (as asked or narrower) or rejects requests, grants and revokes
//!   access (GOV-1, APP-2, MGMT-1, PRC-2).
//! - [`operator`] ([`Operator`]): an operator who decides on data users and data sources,
//!   registers, deprecates and removes data formats, sets the data-management parameters, adds
//!   and removes validators and keeps the node authorization list (CTL-1..5, SVC-1, ACQ-2).
//! - [`supervisor`] ([`Supervisor`]): audits the configuration (parameters, their history, the
//!   formats, the validator set, the node authorization list; CTL-4, CTL-5) and the data: source
//!   anomalies and silences (MON-3), flags, cases, findings, freezes and record verdicts (MON-1,
//!   MON-4); the types it answers with are in [`audit`].
//! - [`node_owner`] ([`NodeOwner`]): an organisation running a node: has it generate session
//!   keys and registers them, so that an operator can make it a validator (CTL-5).
//! - [`governance`] ([`Governance`]): appoints and dismisses operators and supervisors (root via
//!   sudo on dev and test chains).
//! - [`wallet`] ([`Wallet`]): any account that pays: transfers DMC, to fund a new device or
//!   owner account.
//! - [`load`]: the load benchmark: pre-signed transfers and record submissions from many
//!   accounts, handed to a node at a chosen rate, with finalized rates, latencies and block
//!   fullness per workload (`dmchain bench load`).
//!
//! What they share: [`connection`] (the [`Chain`] connection, and [`Chain::status`] in
//! [`status`]: the node's blocks, finality, peers, validators and pool), [`transaction`] (signing,
//! submitting and following a transaction), [`keys`] (sr25519 keys from a secret URI, a
//! mnemonic, a key file or a dev name), [`encryption`] (the accounts' X25519 encryption keys,
//! sealed payloads and wrapped dataset keys), [`content`] (content hashes of bytes and files),
//! [`error`], the client's own types in [`access`], [`records`], [`sources`], [`roles`],
//! [`formats`], [`parameters`] and [`validators`], and [`runtime`] (the types and calls
//! generated from the runtime's metadata).
//!
//! Every call works against a [`Chain`] connection with a time limit; every failure is an
//! [`Error`], whose [`Error::Registry`] carries the pallet's own error enum. Transactions report
//! in-block and finalized separately ([`WaitFor`]).
//!
//! ```no_run
//! # async fn example() -> dmchain_client::Result<()> {
//! use dmchain_client::{
//! 	keys, Chain, ContentHash, DataSource, DataUser, HashAlgorithm, Operator, RecordDraft,
//! };
//! use std::time::Duration;
//!
//! let chain = Chain::connect("ws://127.0.0.1:9944", Duration::from_secs(30)).await?;
//! let owner = DataSource::new(chain.clone(), keys::dev("alice")?);
//! let device = keys::dev("bob")?;
//! // Format 0 is the dev chain's open format; every new source waits for an operator.
//! let source = owner.register_source(&keys::account_of(&device), 0, b"").await?;
//! Operator::new(chain.clone(), keys::dev("alice")?).approve_source(source.source).await?;
//! let content = ContentHash::of_bytes(HashAlgorithm::Blake2b256, b"pm2.5=12");
//! let anchored = DataSource::new(chain.clone(), device)
//! 	.submit_record(source.source, RecordDraft::new(content, 1, 1_700_000_000_000))
//! 	.await?;
//! let found = DataUser::new(chain).verify_hash(content).await?;
//! assert_eq!(found.records[0].id, anchored.id);
//! # Ok(()) }
//! ```

pub mod access;
pub mod audit;
pub mod connection;
pub mod content;
pub mod data_source;
pub mod data_user;
pub mod dataset_owner;
pub mod encryption;
pub mod error;
pub mod formats;
pub mod governance;
pub mod keys;
pub mod load;
pub mod node_owner;
pub mod operator;
pub mod parameters;
pub mod query_latency;
pub mod records;
pub mod roles;
pub mod runtime;
pub mod sources;
pub mod status;
pub mod supervisor;
pub mod transaction;
pub mod validators;
pub mod wallet;

pub use access::{
	AccessAnswer, AccessBasis, AccessDecision, AccessDenial, AccessReceipt, AccessRequest,
	AccessTarget, AllowedVisibilities, Dataset, DatasetId, DatasetPage, Grant, KeyEpochs,
	Ownership, Provenance, ReceiptsOf, Scope, Visibility,
};
pub use audit::{
	Anomaly, AuditEvent, AuditPage, AuditReport, Case, CaseFilter, CaseId, CaseOutcome, CaseStatus,
	Flag, FlagId, ReasonCode, Subject, Verdict,
};
pub use connection::{Chain, DmchainConfig, DEFAULT_URL};
pub use content::{ContentHash, HashAlgorithm};
pub use data_source::{
	Anchored, BulkFailure, BulkProgress, BulkReport, DataSource, Registration, Retirement,
};
pub use data_user::{DataUser, Follower, ReceiptRecorded, Verification};
pub use dataset_owner::{
	DatasetCreated, DatasetDraft, DatasetOwner, EpochRotated, GrantIssued, KeyShared,
};
pub use error::{
	AccessError, AuditError, Error, OperatorError, RecordRejection, RegistryError, Result,
};
pub use formats::{Encoding, FieldSpec, FieldType, Format, FormatId, FormatSpec, FormatStatus};
pub use governance::Governance;
pub use node_owner::{NewSessionKeys, NodeOwner};
pub use operator::{FormatRegistration, Operator};
pub use parameters::{HistoryEntry, ParameterValue, Parameters, RateLimit, Retention};
pub use records::{MetadataValue, Record, RecordCursor, RecordDraft, RecordId, RecordPage};
pub use roles::{DataUserKind, DataUserRecord, DataUserStatus};
pub use sources::{Source, SourceHolds, SourceId, SourceStatus};
pub use status::NodeStatus;
pub use supervisor::{CaseOpened, Flagged, Supervisor};
pub use transaction::{Included, Receipt, WaitFor};
pub use validators::{AuthorizedNode, GeneratedKeys, NodeAuthorization, PeerId, ValidatorSet};
pub use wallet::Wallet;
