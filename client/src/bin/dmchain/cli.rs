//! The command line: global options and one subcommand group per actor.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dmchain_client::{HashAlgorithm, RecordId};
use std::path::PathBuf;

/// dmchain: anchor, find and verify IoT and smart-city data on a dmchain network.
#[derive(Parser, Debug)]
#[command(name = "dmchain", version, propagate_version = true)]
#[command(after_help = EXIT_CODES)]
pub struct Cli {
	#[command(flatten)]
	pub global: Global,
	#[command(subcommand)]
	pub command: Command,
}

/// The exit codes, printed under `--help`.
pub const EXIT_CODES: &str = "Exit codes: 0 done; 1 not found or not anchored (verify, get); \
2 usage error; 3 refused by the chain or its transaction pool; 4 node unreachable, connection \
lost or timed out; 5 bad local input (file, CSV, key); 6 other client error.";

/// Options every command takes.
#[derive(Args, Debug)]
pub struct Global {
	/// The node's WebSocket address.
	#[arg(long, global = true, env = "DMCHAIN_URL", default_value = dmchain_client::DEFAULT_URL)]
	pub url: String,
	/// The signing key as a secret URI or mnemonic (`//Alice` on a dev chain); `-` reads it
	/// from standard input (one line), so it stays out of the process list and shell history.
	#[arg(
		long,
		global = true,
		env = "DMCHAIN_SURI",
		hide_env_values = true,
		conflicts_with = "key_file"
	)]
	pub suri: Option<String>,
	/// A file holding the signing key's secret URI or mnemonic (mode 600).
	#[arg(long, global = true, env = "DMCHAIN_KEY_FILE")]
	pub key_file: Option<PathBuf>,
	/// Print machine-readable JSON instead of tables.
	#[arg(long, global = true)]
	pub json: bool,
	/// Seconds to wait for the node to answer a request.
	#[arg(long, global = true, default_value_t = 30)]
	pub timeout: u64,
	/// Which stage of a transaction to wait for.
	#[arg(long, global = true, value_enum, default_value_t = WaitArg::Finalized)]
	pub wait: WaitArg,
}

/// `--wait` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum WaitArg {
	/// Included in a best block (fast, may still be retracted).
	InBlock,
	/// Included in a finalized block.
	Finalized,
}

/// The actors' command groups.
#[derive(Subcommand, Debug)]
pub enum Command {
	/// Register and manage data sources (as their owner).
	#[command(subcommand)]
	Source(SourceCommand),
	/// Anchor, find, verify and follow records.
	#[command(subcommand)]
	Record(RecordCommand),
	/// Register as a data user and look up registrations.
	#[command(subcommand)]
	User(UserCommand),
	/// Decide on data users and sources, register formats, set parameters (as an operator).
	#[command(subcommand)]
	Operator(OperatorCommand),
	/// Audit the configuration: parameters, their history, data formats (as a supervisor or
	/// anyone).
	#[command(subcommand)]
	Config(ConfigCommand),
	/// The data directory: create, show, list and hand on datasets (as their owner; the
	/// reads as anyone).
	#[command(subcommand)]
	Dataset(DatasetCommand),
	/// Ask for, grant, revoke and check access to datasets (data users and dataset owners).
	#[command(subcommand)]
	Access(AccessCommand),
	/// Your X25519 encryption key, to which dataset owners wrap dataset keys: derived from
	/// your account's secret (or a key file), shown, registered on chain, removed.
	#[command(subcommand)]
	Key(KeyCommand),
	/// Supervise the data: anomalies and silences, flags, cases, freezes and record verdicts
	/// (as a supervisor; the reads as anyone).
	#[command(subcommand)]
	Audit(AuditCommand),
	/// Appoint and dismiss operators and supervisors (the sudo key on dev chains).
	#[command(subcommand)]
	Governance(GovernanceCommand),
	/// Offer your node as a validator: generate and register its session keys (as the node's
	/// owner, connected to your own node).
	#[command(subcommand)]
	Validator(ValidatorCommand),
	/// Show the node's status: best and finalized block, finality lag, peers, validators,
	/// transaction pool, health and version (`health` is `ok` or says what is wrong).
	Status {
		/// Refresh every this many seconds until interrupted.
		#[arg(long)]
		watch: Option<u64>,
	},
	/// Measure the node: the load benchmark (issue 12).
	#[command(subcommand)]
	Bench(BenchCommand),
	/// Show the account of the signing key.
	Account,
	/// Transfer DMC from the signer to an account (funds a new device or owner account).
	Transfer {
		/// The receiving account (SS58 or a dev secret URI such as //Dave).
		to: String,
		/// How much, in DMC (for example 10 or 0.5).
		amount: String,
	},
	/// Print a shell completion script: `dmchain completions bash > ~/.local/share/bash-completion/completions/dmchain`.
	Completions {
		/// bash, zsh, fish, elvish or powershell.
		shell: clap_complete::Shell,
	},
}

/// `dmchain bench …`
#[derive(Subcommand, Debug)]
pub enum BenchCommand {
	/// Load the node with transactions signed before the clock starts, one workload after the
	/// other, and report per workload the finalized transactions and records per second, the
	/// in-block and finalized latency (p50, p95, p99), pool refusals and block fullness, with
	/// the product's targets. The signer funds the load accounts and, for record workloads,
	/// registers and approves a source for each (an operator: //Alice on a dev chain).
	Load {
		/// Load accounts: each signs its own transactions and is the device of its own source.
		#[arg(long, default_value_t = 64)]
		accounts: u32,
		/// The workloads, in order, as KIND[@RATE][xCOUNT]: KIND is transfers, records or
		/// batch:N (N records a call); RATE is max (the default), half (half the rate the same
		/// kind reached earlier in the run) or transactions per second; COUNT transactions.
		#[arg(
			long = "workload",
			default_values_t = [
				"transfers".to_string(),
				"records".to_string(),
				"batch:100x400".to_string(),
				"batch:1000x100".to_string(),
				"records@halfx3000".to_string(),
			]
		)]
		workloads: Vec<String>,
		/// Transactions of a workload that does not give its COUNT.
		#[arg(long, default_value_t = 12000)]
		transactions: u32,
		/// Also write the report as JSON to this file.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Time the registry's JSON-RPC queries against the chain's state as it is:
	/// `registry_record` and `registry_recordsByHash` for records drawn at random from every
	/// source, one request at a time, at one finalized block; prints p50/p95/p99 against the
	/// product's target (p99 at most 2 ms with a million records in state). Needs no account.
	Queries {
		/// Requests of each method.
		#[arg(long, default_value_t = 2000)]
		samples: u32,
		/// Seed of the draws: the same seed asks for the same records.
		#[arg(long, default_value_t = 1)]
		seed: u64,
		/// Also write the report as JSON to this file.
		#[arg(long)]
		out: Option<PathBuf>,
	},
}

/// `dmchain user …`
#[derive(Subcommand, Debug)]
pub enum UserCommand {
	/// Register the signer as a data user bound to an organisation or person.
	Register {
		/// organisation or person.
		#[arg(long)]
		kind: dmchain_client::DataUserKind,
		/// The organisation's or person's name.
		#[arg(long)]
		name: String,
		/// A file holding the identity document (its BLAKE2b-256 hash goes on chain).
		#[arg(long, conflicts_with = "identity_hash", required_unless_present = "identity_hash")]
		identity_file: Option<PathBuf>,
		/// The identity document's hash (64 hex digits), if hashed elsewhere.
		#[arg(long)]
		identity_hash: Option<String>,
	},
	/// Deregister the signer as a data user and get its deposit back (not while suspended).
	Deregister,
	/// Show a data user's registration (exit code 1 if there is none).
	Show {
		/// The account (SS58 or a dev secret URI such as //Charlie); default: the signer.
		account: Option<String>,
	},
}

/// `dmchain operator …`
#[derive(Subcommand, Debug)]
pub enum OperatorCommand {
	/// Approve a data user waiting for approval.
	ApproveUser {
		/// The data user's account.
		account: String,
	},
	/// Suspend an approved data user.
	SuspendUser {
		/// The data user's account.
		account: String,
	},
	/// Reinstate a suspended data user.
	ReinstateUser {
		/// The data user's account.
		account: String,
	},
	/// Remove a data user and release its deposit.
	RemoveUser {
		/// The data user's account.
		account: String,
	},
	/// Approve a data source waiting for approval.
	ApproveSource {
		/// The source id.
		source: u32,
	},
	/// Reject a data source waiting for approval, with a reason.
	RejectSource {
		/// The source id.
		source: u32,
		/// Why.
		#[arg(long)]
		reason: String,
	},
	/// Suspend any data source, with a reason; its owner cannot lift the suspension.
	SuspendSource {
		/// The source id.
		source: u32,
		/// Why.
		#[arg(long)]
		reason: String,
	},
	/// Lift a source's suspension.
	LiftSuspension {
		/// The source id.
		source: u32,
	},
	/// Register a data format read from a JSON file (layout: `dmchain_client::formats`).
	RegisterFormat {
		/// The JSON file.
		file: std::path::PathBuf,
	},
	/// Set which visibilities datasets of a data format may have (CTL-3).
	FormatVisibilities {
		/// The format id.
		format: u32,
		/// The visibilities allowed, comma-separated (public, consortium, private).
		#[arg(long, value_enum, value_delimiter = ',', required = true)]
		allow: Vec<dmchain_client::Visibility>,
	},
	/// Deprecate a data format: sources that have it keep it, new ones cannot take it.
	DeprecateFormat {
		/// The format id.
		format: u32,
	},
	/// Remove a deprecated format no source names; its deposit goes back to its registrant.
	RemoveFormat {
		/// The format id.
		format: u32,
	},
	/// Set a data-management parameter: max-clock-skew=MS, rate-limit=RECORDS/BLOCKS,
	/// max-metadata-bytes=N, default-retention=permanent|DAYS.
	Set {
		/// NAME=VALUE.
		assignment: String,
	},
	/// Add a validator (its owner registered session keys first); it validates from the
	/// session after the next one.
	AddValidator {
		/// The validator's account.
		account: String,
	},
	/// Remove a validator, from the session after the next one.
	RemoveValidator {
		/// The validator's account.
		account: String,
	},
	/// Authorize a node to join the network, by its peer id (`12D3KooW…`, logged by the node
	/// as its local identity).
	AuthorizeNode {
		/// The node's peer id.
		peer_id: String,
		/// The account of the organisation that runs it.
		#[arg(long)]
		owner: String,
	},
	/// Take a node off the authorization list.
	RevokeNode {
		/// The node's peer id.
		peer_id: String,
	},
	/// Switch the enforcement of the node authorization list on or off (authorize every node
	/// first: while on, nodes keep peers only among the listed ones).
	NodeAuthorization {
		/// on or off.
		#[arg(value_enum)]
		state: Switch,
	},
}

/// `on` or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
	/// Enforced.
	On,
	/// Not enforced.
	Off,
}

/// `dmchain validator …` (the node owner, connected to its own node with --url).
#[derive(Subcommand, Debug)]
pub enum ValidatorCommand {
	/// Have the node generate new session keys and register them under the signer's account;
	/// then ask an operator to `add-validator` the account.
	SetKeys,
	/// Have the node generate new session keys and print them with their proof (nothing goes on
	/// chain).
	GenerateKeys,
	/// Remove the signer's session keys and release the key deposit (after an operator removed
	/// the validator).
	PurgeKeys,
}

/// `dmchain config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
	/// The data-management parameters in force.
	Parameters,
	/// The configuration history: who changed which parameter when, from what to what.
	History {
		/// The first entry to show.
		#[arg(long, default_value_t = 0)]
		from: u32,
		/// The most entries to show.
		#[arg(long, default_value_t = 100)]
		limit: u32,
	},
	/// Every registered data format.
	Formats,
	/// One data format with its fields.
	Format {
		/// The format id.
		format: u32,
	},
	/// The validator set: the current session's validators and the set operators planned.
	Validators,
	/// The node authorization list and whether it is enforced.
	Nodes,
}

/// `dmchain governance …`
#[derive(Subcommand, Debug)]
pub enum GovernanceCommand {
	/// Appoint an operator.
	AppointOperator {
		/// The account.
		account: String,
	},
	/// Dismiss an operator.
	DismissOperator {
		/// The account.
		account: String,
	},
	/// Appoint a supervisor.
	AppointSupervisor {
		/// The account.
		account: String,
	},
	/// Dismiss a supervisor.
	DismissSupervisor {
		/// The account.
		account: String,
	},
}

/// `dmchain source …`
#[derive(Subcommand, Debug)]
pub enum SourceCommand {
	/// Register a data source owned by the signer, whose records a device key signs.
	Register {
		/// The device's account: SS58 address, or a dev secret URI such as `//Bob`.
		#[arg(long)]
		device: String,
		/// The id of the data format its records follow (`dmchain config formats` lists them;
		/// 0 is the dev chains' open format).
		#[arg(long)]
		format: u32,
		/// A description of the source.
		#[arg(long, default_value = "")]
		description: String,
		/// How often the source is expected to report, in seconds: `audit anomalies` lists it
		/// as silent once nothing came for longer (MON-3).
		#[arg(long)]
		expect_every: Option<u64>,
	},
	/// Set (or with no --every, drop) how often a source is expected to report.
	Expect {
		/// The source id.
		source: u32,
		/// The interval in seconds.
		#[arg(long)]
		every: Option<u64>,
	},
	/// Show a source: owner, device, format, status, record count.
	Show {
		/// The source id.
		source: u32,
	},
	/// Suspend a source: its device cannot submit until resumed.
	Suspend {
		/// The source id.
		source: u32,
	},
	/// Resume a suspended source.
	Resume {
		/// The source id.
		source: u32,
	},
	/// Retire a source for good; its records stay.
	Retire {
		/// The source id.
		source: u32,
	},
}

/// Where a record's content hash comes from.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct ContentArg {
	/// Hash this file.
	#[arg(long)]
	pub file: Option<PathBuf>,
	/// Use this digest (64 hex digits) as the content hash.
	#[arg(long)]
	pub hash: Option<String>,
}

/// The hash algorithm option.
#[derive(Args, Debug)]
pub struct AlgorithmArg {
	/// The hash algorithm: blake2b-256, sha2-256, sha3-256 or keccak-256.
	#[arg(long, default_value_t = HashAlgorithm::Blake2b256)]
	pub algorithm: HashAlgorithm,
}

/// What a submitted record carries besides its content.
#[derive(Args, Debug)]
pub struct RecordFields {
	/// The source id.
	#[arg(long)]
	pub source: u32,
	/// The sequence number (default: one above the source's last).
	#[arg(long)]
	pub sequence: Option<u64>,
	/// The device time-stamp in ms since the Unix epoch (default: now).
	#[arg(long)]
	pub device_time: Option<u64>,
	/// A metadata entry KEY=VALUE; VALUE may be typed: int:, uint:, dec:, bool:, time:,
	/// text:, hex: (default text). Repeatable.
	#[arg(long = "meta", value_name = "KEY=VALUE")]
	pub metadata: Vec<String>,
}

/// One record to submit: its content, hash algorithm and fields.
#[derive(Args, Debug)]
pub struct RecordArgs {
	#[command(flatten)]
	pub content: ContentArg,
	#[command(flatten)]
	pub algorithm: AlgorithmArg,
	#[command(flatten)]
	pub fields: RecordFields,
}

/// `dmchain record …`
#[derive(Subcommand, Debug)]
pub enum RecordCommand {
	/// Anchor one record (signed by the source's device key); hashes --file itself.
	Submit(RecordArgs),
	/// Anchor a new version of a record; the old one stays and points to the new.
	Update {
		/// The index (within the source) of the record this one replaces.
		#[arg(long)]
		replaces: u64,
		#[command(flatten)]
		record: RecordArgs,
	},
	/// Anchor many records from a CSV file or a directory of files, with a progress bar.
	Bulk {
		/// The source id.
		#[arg(long)]
		source: u32,
		/// A CSV file: columns file or hash, optional sequence, device_time, replaces; every
		/// other column is metadata (header KEY or KEY:TYPE).
		#[arg(long, conflicts_with = "dir", required_unless_present = "dir")]
		csv: Option<PathBuf>,
		/// A directory: every regular file in it, by name, becomes one record.
		#[arg(long)]
		dir: Option<PathBuf>,
		/// Records per transaction (capped by the chain's MaxRecordsPerCall).
		#[arg(long, default_value_t = 100)]
		per_call: usize,
		#[command(flatten)]
		algorithm: AlgorithmArg,
	},
	/// Check whether a file or hash is anchored (exit code 1 if not).
	Verify {
		#[command(flatten)]
		content: ContentArg,
		#[command(flatten)]
		algorithm: AlgorithmArg,
	},
	/// Show one record by id SOURCE/INDEX (exit code 1 if there is none).
	Get {
		/// The record id, e.g. 3/17.
		id: RecordId,
	},
	/// List a source's records, a page at a time.
	List {
		/// The source id.
		#[arg(long)]
		source: u32,
		/// Start at this index.
		#[arg(long, conflicts_with_all = ["from_sequence", "from_time"])]
		from_index: Option<u64>,
		/// Start at the first record with at least this sequence number.
		#[arg(long, conflicts_with = "from_time")]
		from_sequence: Option<u64>,
		/// Start at the first record anchored at or after this chain time (ms).
		#[arg(long)]
		from_time: Option<u64>,
		/// At most this many records (the chain caps a page).
		#[arg(long, default_value_t = 50)]
		limit: u32,
		/// Follow the pages to the end.
		#[arg(long)]
		all: bool,
	},
	/// Print records as they are finalized, until interrupted.
	Watch {
		/// Only this source's records.
		#[arg(long)]
		source: Option<u32>,
		/// Stop after this many records.
		#[arg(long)]
		count: Option<u64>,
	},
}

/// What a flag or a case is about: one of `--source` or `--record`.
#[derive(Args, Debug)]
#[group(required = true, multiple = false)]
pub struct SubjectArg {
	/// A source id.
	#[arg(long)]
	pub source: Option<u32>,
	/// A record id, SOURCE/INDEX.
	#[arg(long)]
	pub record: Option<RecordId>,
}

impl SubjectArg {
	/// The subject given.
	pub fn subject(&self) -> dmchain_client::Subject {
		match (self.source, self.record) {
			(_, Some(record)) => dmchain_client::Subject::Record(record),
			(Some(source), None) => dmchain_client::Subject::Source(source),
			(None, None) => unreachable!("clap requires one of --source and --record"),
		}
	}
}

/// `dmchain audit …`
#[derive(Subcommand, Debug)]
pub enum AuditCommand {
	/// List the sources with time-sequence anomalies (sequence gaps, clock going back or
	/// drifting) or silent beyond their expected interval.
	Anomalies,
	/// Flag a source or a record (as a supervisor).
	Flag {
		#[command(flatten)]
		subject: SubjectArg,
		/// Why, as a code.
		#[arg(long, value_enum)]
		reason: dmchain_client::ReasonCode,
		/// Why, in words.
		#[arg(long)]
		text: String,
		/// The digest of the off-chain evidence (64 hex digits).
		#[arg(long, value_parser = dmchain_client::ContentHash::parse_digest)]
		evidence: Option<[u8; 32]>,
	},
	/// Open a case about a subject on flags raised about it (as a supervisor).
	OpenCase {
		#[command(flatten)]
		subject: SubjectArg,
		/// The flags, comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		flags: Vec<u32>,
		/// The case's summary.
		#[arg(long)]
		summary: String,
	},
	/// Add a finding to an open case (as a supervisor).
	AddFinding {
		/// The case.
		case: u32,
		/// What was found.
		#[arg(long)]
		text: String,
		/// The digest of the evidence (64 hex digits).
		#[arg(long, value_parser = dmchain_client::ContentHash::parse_digest)]
		evidence: Option<[u8; 32]>,
	},
	/// Resolve an open case: upheld (its subject's records read as invalid) or dismissed.
	Resolve {
		/// The case.
		case: u32,
		/// upheld or dismissed.
		#[arg(long, value_enum)]
		outcome: dmchain_client::CaseOutcome,
		/// Why.
		#[arg(long)]
		reason: String,
	},
	/// Freeze a source: it cannot submit until a supervisor unfreezes it.
	Freeze {
		/// The source.
		source: u32,
		/// The case the freeze belongs to.
		#[arg(long)]
		case: Option<u32>,
	},
	/// Lift the supervisors' freeze of a source (other holds stay).
	Unfreeze {
		/// The source.
		source: u32,
	},
	/// Show a case with its findings (exit code 1 if there is none).
	Case {
		/// The case.
		case: u32,
	},
	/// List cases by status, or about a source or record.
	Cases {
		/// Only cases in this status (default: open).
		#[arg(long, value_enum, conflicts_with_all = ["source", "record"])]
		status: Option<dmchain_client::CaseStatus>,
		/// Only cases about this source.
		#[arg(long, conflicts_with = "record")]
		source: Option<u32>,
		/// Only cases about this record, SOURCE/INDEX.
		#[arg(long)]
		record: Option<RecordId>,
	},
	/// List flags, all or about a source or record.
	Flags {
		/// Only flags about this source.
		#[arg(long, conflicts_with = "record")]
		source: Option<u32>,
		/// Only flags about this record, SOURCE/INDEX.
		#[arg(long)]
		record: Option<RecordId>,
	},
	/// Every data-management event (registry, operators, supervisors) of the finalized blocks
	/// FROM..=TO, as it is read, then counts per event, per source and per actor. With
	/// `--json`: one JSON line per event, then the totals. Survives a node restart.
	Report {
		/// The first block.
		#[arg(long)]
		from: u32,
		/// The last block (finalized).
		#[arg(long)]
		to: u32,
	},
	/// Whether a record can be relied on, part by part (exit code 1 if it cannot).
	Verdict {
		/// The record id, SOURCE/INDEX.
		id: RecordId,
		/// The digest the record should anchor (64 hex digits).
		#[arg(long, value_parser = dmchain_client::ContentHash::parse_digest)]
		hash: Option<[u8; 32]>,
	},
}

/// When a grant or request ends: an absolute block, or a number of blocks from the latest
/// finalized one (28,800 blocks a day at 3-second blocks).
#[derive(Args, Debug, Clone, Copy)]
#[group(required = true, multiple = false)]
pub struct ExpiryArg {
	/// The first block at which the access no longer counts.
	#[arg(long)]
	pub expires_at: Option<u32>,
	/// That many blocks after the latest finalized block.
	#[arg(long)]
	pub blocks: Option<u32>,
}

/// `dmchain dataset …`
#[derive(Subcommand, Debug)]
pub enum DatasetCommand {
	/// Create a dataset of sources (as an approved data user, or the owner of every source);
	/// holds its deposit.
	Create {
		/// Its title.
		#[arg(long)]
		title: String,
		/// Its description.
		#[arg(long, default_value = "")]
		description: String,
		/// The data format of its records.
		#[arg(long)]
		format: u32,
		/// Who may see and read it.
		#[arg(long, value_enum)]
		visibility: dmchain_client::Visibility,
		/// The sources it groups, comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		sources: Vec<u32>,
		/// The datasets it was derived from, comma-separated.
		#[arg(long, value_delimiter = ',')]
		derived_from: Vec<u32>,
	},
	/// Show a dataset: owner and ownership history, sources, lineage, counts, deposit.
	Show {
		/// The dataset.
		dataset: u32,
	},
	/// List the data directory as an account sees it (the signer's view with a key, the
	/// public view without).
	List {
		/// Whose view (SS58 or a dev secret URI such as //Charlie); defaults to the signer.
		#[arg(long)]
		viewer: Option<String>,
		/// Start after this dataset id.
		#[arg(long)]
		after: Option<u32>,
		/// At most this many (the chain caps a page).
		#[arg(long, default_value_t = 50)]
		limit: u32,
	},
	/// The datasets a dataset was derived from, theirs, and so on.
	Provenance {
		/// The dataset.
		dataset: u32,
	},
	/// Change who may see and read a dataset (as its owner).
	Visibility {
		/// The dataset.
		dataset: u32,
		/// public, consortium or private.
		#[arg(value_enum)]
		visibility: dmchain_client::Visibility,
	},
	/// Hand a dataset on to another owner; the deposit moves with it (as its owner).
	Transfer {
		/// The dataset.
		dataset: u32,
		/// The new owner (SS58 or a dev secret URI).
		#[arg(long)]
		to: String,
	},
	/// Remove a dataset with no grants, requests or derived datasets; releases its deposit.
	Remove {
		/// The dataset.
		dataset: u32,
	},
	/// The grants on a dataset.
	Grants {
		/// The dataset.
		dataset: u32,
	},
	/// The access requests waiting on a dataset.
	Requests {
		/// The dataset.
		dataset: u32,
	},
	/// A dataset's key epoch (records are sealed under its key) and how many wrapped keys it
	/// holds.
	Epochs {
		/// The dataset.
		dataset: u32,
	},
	/// Share the current epoch's dataset key with key holders (as its owner): wrapped for each
	/// one's registered encryption key, and for yourself. A fresh key when the epoch has none.
	ShareKey {
		/// The dataset.
		dataset: u32,
		/// The recipients (SS58 or dev secret URIs), comma-separated: owners of the dataset's
		/// sources, or grantees who may read.
		#[arg(long, value_delimiter = ',')]
		to: Vec<String>,
		#[command(flatten)]
		key: EncryptionKeyArg,
	},
	/// Move a dataset's key epoch on by hand, for example after a key may have leaked (as its
	/// owner); then share the new epoch's key.
	RotateKey {
		/// The dataset.
		dataset: u32,
	},
}

/// `dmchain access …`
#[derive(Subcommand, Debug)]
pub enum AccessCommand {
	/// Ask a dataset's owner for access (as an approved data user); holds a deposit.
	Request {
		/// The dataset.
		dataset: u32,
		/// verify-only, read or derive.
		#[arg(long, value_enum)]
		scope: dmchain_client::Scope,
		/// What for.
		#[arg(long)]
		purpose: String,
		#[command(flatten)]
		expiry: ExpiryArg,
	},
	/// Withdraw your request on a dataset.
	Cancel {
		/// The dataset.
		dataset: u32,
	},
	/// Approve a request as asked or narrower: a smaller scope, an earlier expiry (as the
	/// dataset's owner).
	Approve {
		/// The dataset.
		dataset: u32,
		/// The requester (SS58 or a dev secret URI).
		#[arg(long)]
		user: String,
		/// The scope granted.
		#[arg(long, value_enum)]
		scope: dmchain_client::Scope,
		#[command(flatten)]
		expiry: ExpiryArg,
	},
	/// Reject a request, saying why (as the dataset's owner).
	Reject {
		/// The dataset.
		dataset: u32,
		/// The requester.
		#[arg(long)]
		user: String,
		/// Why.
		#[arg(long)]
		reason: String,
	},
	/// Grant access directly, replacing any grant the user holds (as the dataset's owner).
	Grant {
		/// The dataset.
		dataset: u32,
		/// The grantee, an approved data user.
		#[arg(long)]
		user: String,
		/// verify-only, read or derive.
		#[arg(long, value_enum)]
		scope: dmchain_client::Scope,
		/// What for.
		#[arg(long)]
		purpose: String,
		#[command(flatten)]
		expiry: ExpiryArg,
	},
	/// Revoke a grant at once (as the dataset's owner).
	Revoke {
		/// The dataset.
		dataset: u32,
		/// The grantee.
		#[arg(long)]
		user: String,
	},
	/// Ask the chain whether a user may do a scope on a dataset, or on one record read under
	/// it, and why (not). Exits 0 when allowed, 3 when refused.
	Check {
		#[command(flatten)]
		on: AccessArgs,
	},
	/// Record that a grantee was served data (MON-2), as the grantee or the dataset's owner;
	/// refused unless the grantee may do that scope now. Holds a deposit until it is pruned.
	Receipt {
		#[command(flatten)]
		on: AccessArgs,
		/// The hash of what was delivered, 32 bytes in hex.
		#[arg(long)]
		delivered: String,
	},
	/// List access receipts of a dataset or of a grantee, oldest first, optionally in a block
	/// range.
	Receipts {
		/// A dataset's receipts.
		#[arg(long, conflicts_with = "user", required_unless_present = "user")]
		dataset: Option<u32>,
		/// A grantee's receipts (SS58 or a dev secret URI).
		#[arg(long)]
		user: Option<String>,
		/// From this block.
		#[arg(long, default_value_t = 0)]
		from: u32,
		/// Up to this block.
		#[arg(long)]
		to: Option<u32>,
	},
}

/// Who does what on which data: a dataset or one record read under it, a user and a scope.
#[derive(Args, Debug)]
pub struct AccessArgs {
	/// The dataset.
	pub dataset: u32,
	/// One record of the dataset, SOURCE/INDEX.
	#[arg(long)]
	pub record: Option<RecordId>,
	/// The user (SS58 or a dev secret URI); defaults to the signer.
	#[arg(long)]
	pub user: Option<String>,
	/// verify-only, read or derive.
	#[arg(long, value_enum, default_value_t = dmchain_client::Scope::Read)]
	pub scope: dmchain_client::Scope,
}

impl AccessArgs {
	/// The dataset, or the record read under it.
	pub fn target(&self) -> dmchain_client::AccessTarget {
		match self.record {
			Some(record) => dmchain_client::AccessTarget::Record { dataset: self.dataset, record },
			None => dmchain_client::AccessTarget::Dataset(self.dataset),
		}
	}

	/// The user named, or `signer`'s account.
	pub fn user_or(
		&self,
		signer: impl FnOnce() -> dmchain_client::Result<dmchain_client::keys::Keypair>,
	) -> dmchain_client::Result<dmchain_client::keys::AccountId> {
		match &self.user {
			Some(text) => dmchain_client::keys::parse_account(text),
			None => Ok(dmchain_client::keys::account_of(&signer()?)),
		}
	}
}

/// `dmchain key …`: the signer's encryption key (D3.7 MGMT-2). Without `--encryption-key-file`
/// the key is derived from the signer's own secret (`--suri` or `--key-file`), the same on
/// every run and in every client that follows the documented derivation.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
	/// Show your encryption key and whether the chain holds it; with `--account`, the key an
	/// account registered.
	Show {
		/// Whose registered key to show (SS58 or a dev secret URI) instead of your own.
		#[arg(long)]
		account: Option<String>,
		#[command(flatten)]
		key: EncryptionKeyArg,
	},
	/// Register your encryption key on chain with your signature as proof; holds a deposit
	/// and replaces a key registered before.
	Register {
		#[command(flatten)]
		key: EncryptionKeyArg,
	},
	/// Remove your encryption key from the chain and release its deposit.
	Remove,
	/// Write a fresh random encryption secret to a new file (mode 600), for
	/// `--encryption-key-file`.
	Generate {
		/// The file to create; an existing file is never overwritten.
		#[arg(long)]
		out: PathBuf,
	},
}

/// Where the encryption key comes from.
#[derive(Debug, Args)]
pub struct EncryptionKeyArg {
	/// A file holding the 32-byte X25519 secret in hex (from `dmchain key generate`) instead
	/// of the key derived from the signer's secret.
	#[arg(long, env = "DMCHAIN_ENCRYPTION_KEY_FILE")]
	pub encryption_key_file: Option<PathBuf>,
}
