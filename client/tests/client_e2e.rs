//! The client library against a real `dmchain-node --dev` (no mocks): the actors, typed
//! errors, in-block versus finalized, many records with managed nonces, following finalized
//! records, lost, hung and unreachable nodes; operators' formats, parameters and suspensions
//! and the supervisor's view of them; session keys and the validator set; datasets, access
//! requests, grants and the access question.

use dmchain_client::{
	encryption::{self, DatasetKey, EncryptionKeypair, RecordBinding},
	keys, AccessBasis, AccessDenial, AccessError, AccessTarget, AllowedVisibilities, Chain,
	ContentHash, DataSource, DataUser, DataUserKind, DatasetDraft, DatasetOwner, Encoding, Error,
	FieldSpec, FieldType, FormatSpec, FormatStatus, GeneratedKeys, HashAlgorithm, KeyEpochs,
	MetadataValue, NodeOwner, Operator, OperatorError, ParameterValue, ReceiptsOf, RecordCursor,
	RecordDraft, RecordId, RegistryError, Scope, SourceHolds, SourceStatus, Supervisor, Visibility,
	WaitFor,
};
use dmchain_test_node::{free_port, NodeHome, TestNode};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(30);

fn hash(text: &str) -> ContentHash {
	ContentHash::of_bytes(HashAlgorithm::Blake2b256, text.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actors_anchor_find_verify_and_follow_records() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");

	// The owner registers a source whose records Bob's key signs (REP-1).
	let owner = DataSource::new(chain.clone(), keys::dev("alice").unwrap());
	let device_key = keys::dev("bob").unwrap();
	let registration = owner
		.register_source(&keys::account_of(&device_key), 0, b"north station")
		.await
		.expect("register");
	assert_eq!(registration.status, SourceStatus::PendingApproval);
	assert!(registration.deposit > 0);
	assert!(registration.receipt.finalized);
	let source = registration.source;

	// It submits only once an operator (Alice, from the dev preset) approves it (CTL-3).
	let device = DataSource::new(chain.clone(), device_key.clone());
	let early = device.submit_record(source, RecordDraft::new(hash("early"), 1, 0)).await;
	assert!(matches!(early, Err(Error::Registry(RegistryError::SourcePendingApproval))));
	Operator::new(chain.clone(), keys::dev("alice").unwrap())
		.approve_source(source)
		.await
		.expect("approve");

	// In-block first (fast, not yet final), then finalized.
	let first = device
		.clone()
		.waiting_for(WaitFor::InBlock)
		.submit_record(
			source,
			RecordDraft::new(hash("reading 1"), 1, 1_700_000_000_000)
				.with_metadata("pm25", MetadataValue::Decimal { mantissa: 125, scale: 1 }),
		)
		.await
		.expect("first record");
	assert_eq!(first.id, RecordId { source, index: 0 });
	assert!(!first.receipt.finalized, "in-block reports before finality");
	let second = device
		.submit_record(source, RecordDraft::new(hash("reading 2"), 2, 1_700_000_001_000))
		.await
		.expect("second record");
	assert!(second.receipt.finalized);
	assert!(second.receipt.block_number >= first.receipt.block_number);

	// An update is a new version pointing to the old one (PRC-3).
	let update = device
		.submit_update(source, 0, RecordDraft::new(hash("reading 1 fixed"), 3, 1_700_000_002_000))
		.await
		.expect("update");
	let user = DataUser::new(chain.clone());
	let old = user.record(first.id).await.unwrap().expect("the old version stays");
	assert_eq!(old.superseded_by, Some(update.id));
	assert_eq!(old.metadata[0].value, MetadataValue::Decimal { mantissa: 125, scale: 1 });
	let new = user.record(update.id).await.unwrap().unwrap();
	assert_eq!(new.replaces, Some(first.id));
	assert_eq!(new.submitter, keys::account_of(&device_key));

	// Refusals come back as the registry's own errors.
	let replay =
		device.submit_record(source, RecordDraft::new(hash("again"), 3, 1_700_000_003_000)).await;
	assert!(matches!(replay, Err(Error::Registry(RegistryError::SequenceReplayed))), "{replay:?}");
	let not_device =
		owner.submit_record(source, RecordDraft::new(hash("owner"), 9, 1_700_000_003_000)).await;
	assert!(matches!(not_device, Err(Error::Registry(RegistryError::NotSourceDevice))));
	let unknown = device.submit_record(9_999, RecordDraft::new(hash("x"), 1, 0)).await;
	assert!(matches!(unknown, Err(Error::Registry(RegistryError::SourceNotFound))));

	// Verify: the anchored hash matches, a changed one and another algorithm do not.
	let verified = user.verify_hash(hash("reading 2")).await.unwrap();
	assert!(verified.is_anchored());
	assert_eq!(verified.records[0].id, second.id);
	assert!(!user.verify_hash(hash("reading 2!")).await.unwrap().is_anchored());
	let other_algorithm = ContentHash { algorithm: HashAlgorithm::Sha2_256, ..hash("reading 2") };
	assert!(!user.verify_hash(other_algorithm).await.unwrap().is_anchored());

	// List, from a position and from a sequence number.
	let page = user.list_records(source, RecordCursor::Index(0), 10).await.unwrap();
	assert_eq!(page.records.iter().map(|r| r.sequence).collect::<Vec<_>>(), vec![1, 2, 3]);
	assert_eq!(page.next, None);
	let from_two = user.list_records(source, RecordCursor::Sequence(2), 10).await.unwrap();
	assert_eq!(from_two.records.len(), 2);
	assert!(matches!(
		user.list_records(9_999, RecordCursor::Index(0), 10).await,
		Err(Error::NotFound(_))
	));

	// Follow: a record anchored after subscribing arrives once finalized.
	// As a Stream (`Follower::into_stream`), with StreamExt's combinators.
	let mut follower = Box::pin(user.follow(Some(source)).await.unwrap().into_stream());
	let followed = device
		.submit_record(source, RecordDraft::new(hash("reading 4"), 4, 1_700_000_004_000))
		.await
		.unwrap();
	let arrived =
		tokio::time::timeout(Duration::from_secs(60), futures::StreamExt::next(&mut follower))
			.await
			.expect("a followed record within 60 s")
			.expect("subscription open")
			.expect("record");
	assert_eq!(arrived.id, followed.id);
	assert_eq!(arrived.content, hash("reading 4"));

	// Many records: 250 in calls of 100, nonces consecutive, each record anchored once.
	let drafts: Vec<RecordDraft> = (0..250u64)
		.map(|i| RecordDraft::new(hash(&format!("bulk {i}")), 100 + i, 1_700_000_100_000 + i))
		.collect();
	let mut steps = Vec::new();
	let report =
		device.submit_records(source, drafts, 100, |step| steps.push(step)).await.expect("bulk");
	assert!(report.failures.is_empty(), "{:?}", report.failures);
	assert_eq!(report.anchored_count(), 250);
	assert_eq!(
		report.anchored.iter().map(|(first, count, _)| (*first, *count)).collect::<Vec<_>>(),
		vec![(4, 100), (104, 100), (204, 50)]
	);
	assert_eq!(steps.last().map(|s| (s.done, s.failed, s.total)), Some((250, 0, 250)));
	let listed = user.list_records(source, RecordCursor::Sequence(100), 100).await.unwrap();
	assert_eq!(listed.records.len(), 100);
	assert_eq!(listed.next, Some(104));
	let source_now = user.source(source).await.unwrap().unwrap();
	assert_eq!(source_now.record_count, 254);
	assert_eq!(source_now.last_sequence, Some(349));

	// The same records again: all refused by sequence, nothing anchored twice.
	let again: Vec<RecordDraft> =
		(0..5u64).map(|i| RecordDraft::new(hash(&format!("bulk {i}")), 100 + i, 0)).collect();
	let report = device.submit_records(source, again, 100, |_| {}).await.unwrap();
	assert_eq!(report.anchored_count(), 0);
	assert!(matches!(
		&report.failures[0].error,
		Error::Registry(RegistryError::BatchRecordRejected { index: 0, .. })
	));
	assert_eq!(user.source(source).await.unwrap().unwrap().record_count, 254);

	// A hung node: requests time out, distinct from a refusal.
	let impatient = Chain::connect(&node.ws_url(), Duration::from_secs(2)).await.unwrap();
	node.pause();
	let hung = DataUser::new(impatient).source(source).await;
	node.resume();
	assert!(matches!(hung, Err(Error::Timeout { .. })), "{hung:?}");

	// A node that goes away: the connection is reported lost.
	node.kill();
	let lost = user.source(source).await;
	assert!(matches!(lost, Err(Error::ConnectionLost(_))), "{lost:?}");
	assert!(lost.unwrap_err().is_transport());
}

/// The strict format of the operator test: SHA-256, `pm2_5` required (0 to 500), `site` one of
/// two values.
fn air_quality(version: u32) -> FormatSpec {
	FormatSpec {
		name: "air-quality".into(),
		version,
		hash_algorithm: HashAlgorithm::Sha2_256,
		fields: vec![
			FieldSpec {
				name: "pm2_5".into(),
				field_type: FieldType::Integer { min: 0, max: 500 },
				required: true,
			},
			FieldSpec {
				name: "site".into(),
				field_type: FieldType::Enum { variants: vec!["north".into(), "south".into()] },
				required: false,
			},
		],
		open: false,
		max_payload_size: 4096,
		encoding: Encoding::Json,
	}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_set_formats_and_parameters_and_the_registry_enforces_them() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let operator = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	let supervisor = Supervisor::new(chain.clone());
	let sha = |text: &str| ContentHash::of_bytes(HashAlgorithm::Sha2_256, text.as_bytes());

	// An operator registers a strict format; others may not (ACQ-2, CTL-2).
	let stranger = Operator::new(chain.clone(), keys::dev("eve").unwrap());
	let refused = stranger.register_format(&air_quality(1)).await;
	assert!(matches!(refused, Err(Error::Operator(OperatorError::NotOperator))), "{refused:?}");
	let format = operator.register_format(&air_quality(1)).await.expect("register format").format;
	let read = supervisor.format(format).await.unwrap().expect("format on chain");
	assert_eq!(read.spec, air_quality(1));
	assert_eq!(read.status, FormatStatus::Active);
	let older = operator.register_format(&air_quality(1)).await;
	assert!(matches!(older, Err(Error::Operator(OperatorError::FormatVersionNotNewer))));

	// A source with that format, approved by the operator (CTL-3).
	let owner = DataSource::new(chain.clone(), keys::dev("charlie").unwrap());
	let device_key = keys::dev("dave").unwrap();
	let device = DataSource::new(chain.clone(), device_key.clone());
	let source = owner
		.register_source(&keys::account_of(&device_key), format, b"harbour")
		.await
		.expect("register source")
		.source;
	operator.approve_source(source).await.expect("approve");

	// A good record is anchored; each kind of bad record is refused with its own error (CTL-4).
	let good = RecordDraft::new(sha("good"), 1, 1_700_000_000_000)
		.with_metadata("pm2_5", MetadataValue::Uint(42))
		.with_metadata("site", MetadataValue::Text("north".into()));
	device.submit_record(source, good).await.expect("a record that follows the format");
	let pm = |draft: RecordDraft| draft.with_metadata("pm2_5", MetadataValue::Int(7));
	let bad = [
		(pm(RecordDraft::new(hash("blake"), 2, 0)), RegistryError::WrongHashAlgorithm),
		(RecordDraft::new(sha("none"), 2, 0), RegistryError::MissingField),
		(
			pm(RecordDraft::new(sha("rain"), 2, 0))
				.with_metadata("rain", MetadataValue::Bool(true)),
			RegistryError::UnknownField,
		),
		(
			RecordDraft::new(sha("typed"), 2, 0)
				.with_metadata("pm2_5", MetadataValue::Text("7".into())),
			RegistryError::WrongFieldType,
		),
		(
			RecordDraft::new(sha("high"), 2, 0).with_metadata("pm2_5", MetadataValue::Int(501)),
			RegistryError::FieldOutOfBounds,
		),
	];
	for (draft, expected) in bad {
		match device.submit_record(source, draft).await {
			Err(Error::Registry(got)) => assert_eq!(format!("{got:?}"), format!("{expected:?}")),
			other => panic!("expected {expected:?}, got {other:?}"),
		}
	}

	// Parameters: out of bounds refused naming the bound; inside applies and enters the history.
	let too_far = operator.set_parameter(ParameterValue::MaxClockSkew(3_600_001)).await;
	assert!(
		matches!(too_far, Err(Error::Operator(OperatorError::ClockSkewAboveMaximum))),
		"{too_far:?}"
	);
	let before = supervisor.parameters().await.unwrap();
	let receipt =
		operator.set_parameter("max-metadata-bytes=64".parse().unwrap()).await.expect("set");
	assert_eq!(supervisor.parameters().await.unwrap().max_metadata_bytes, 64);
	let history = supervisor.full_history().await.unwrap();
	assert_eq!(history.len(), 1);
	assert_eq!(history[0].who, keys::account_of(&keys::dev("alice").unwrap()));
	assert_eq!(u64::from(history[0].block), receipt.block_number);
	assert_eq!(history[0].old, ParameterValue::MaxMetadataBytes(before.max_metadata_bytes));
	assert_eq!(history[0].new, ParameterValue::MaxMetadataBytes(64));
	let long_site = "x".repeat(60);
	let large = RecordDraft::new(sha("large"), 2, 0)
		.with_metadata("pm2_5", MetadataValue::Int(1))
		.with_metadata("site", MetadataValue::Text(long_site));
	let large = device.submit_record(source, large).await;
	assert!(matches!(large, Err(Error::Registry(RegistryError::MetadataTooLarge))), "{large:?}");

	// Deprecation stops new sources, not the existing one.
	operator.deprecate_format(format).await.expect("deprecate");
	let late = owner.register_source(&keys::account_of(&device_key), format, b"").await;
	assert!(matches!(late, Err(Error::Registry(RegistryError::FormatDeprecated))), "{late:?}");
	device.submit_record(source, pm(RecordDraft::new(sha("still"), 2, 0))).await.expect("kept");

	// An operator suspends the source; its owner cannot lift it, the operator can (CTL-3).
	// The owner's own pause stacks with it and outlasts the operator's lift (issue 13).
	operator.suspend_source(source, "sensor moved without notice").await.expect("suspend");
	let held = DataUser::new(chain.clone()).existing_source(source).await.unwrap();
	assert_eq!(held.status, SourceStatus::Active);
	assert_eq!(held.holds, SourceHolds { operator_suspension: true, ..Default::default() });
	let blocked = device.submit_record(source, pm(RecordDraft::new(sha("x"), 3, 0))).await;
	assert!(matches!(blocked, Err(Error::Registry(RegistryError::SourceSuspendedByOperator))));
	let resumed = owner.resume_source(source).await;
	assert!(matches!(resumed, Err(Error::Registry(RegistryError::SourceNotSuspended))));
	owner.suspend_source(source).await.expect("the owner pauses too");
	operator.lift_source_suspension(source).await.expect("lift");
	let blocked = device.submit_record(source, pm(RecordDraft::new(sha("x"), 3, 0))).await;
	assert!(matches!(blocked, Err(Error::Registry(RegistryError::SourceSuspended))));
	owner.resume_source(source).await.expect("resume");
	assert!(source_holds(&chain, source).await.is_empty());
	device.submit_record(source, pm(RecordDraft::new(sha("x"), 3, 0))).await.expect("again");
}

async fn source_holds(chain: &Chain, source: u32) -> SourceHolds {
	DataUser::new(chain.clone()).existing_source(source).await.unwrap().holds
}

#[tokio::test]
async fn an_unreachable_node_is_a_connect_error() {
	let url = format!("ws://127.0.0.1:{}", free_port());
	let result = Chain::connect(&url, Duration::from_secs(5)).await;
	assert!(matches!(result, Err(Error::Connect { .. })), "{:?}", result.err());
}

/// CTL-5 through the client on a real dev node: the node owner has its node generate session
/// keys and registers them, an operator plans the validator (and takes it out again before it
/// becomes active: a second GRANDPA voter without a node of its own would stall this one-node
/// chain's finality), and every refusal comes back typed. The validator becoming active and
/// authoring is checked on a real five-node network (`zombienet/validator-set.zndsl`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_owners_register_session_keys_and_operators_plan_validators() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let alice = keys::account_of(&keys::dev("alice").unwrap());
	let bob = keys::account_of(&keys::dev("bob").unwrap());
	let charlie = keys::account_of(&keys::dev("charlie").unwrap());
	let operator = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	let supervisor = Supervisor::new(chain.clone());

	let genesis = supervisor.validators().await.expect("validator set");
	assert_eq!(genesis.active, vec![alice.clone()]);
	assert_eq!(genesis.planned, vec![alice.clone()]);
	assert!(!genesis.change_pending);

	// Without session keys an account cannot be made a validator.
	let early = operator.add_validator(&bob).await;
	assert!(matches!(early, Err(Error::Operator(OperatorError::SessionKeysNotSet))), "{early:?}");

	// Bob's node (the dev node here) generates keys with a proof for Bob's account.
	let bob_owner = NodeOwner::new(chain.clone(), keys::dev("bob").unwrap());
	let generated = bob_owner.generate_session_keys().await.expect("generate");
	assert_eq!(generated.keys().len(), GeneratedKeys::KEYS_LEN);
	assert_eq!(generated.proof().len(), 128, "an sr25519 and an ed25519 signature");
	// The proof is Bob's: Charlie cannot register Bob's keys as his own.
	let stolen = NodeOwner::new(chain.clone(), keys::dev("charlie").unwrap())
		.register_session_keys(&generated)
		.await;
	assert!(matches!(&stolen, Err(Error::Dispatch(e)) if e.contains("InvalidProof")), "{stolen:?}");
	bob_owner.register_session_keys(&generated).await.expect("register Bob's keys");

	// Only an operator adds; Bob then is planned, not yet active.
	let by_stranger =
		Operator::new(chain.clone(), keys::dev("charlie").unwrap()).add_validator(&bob).await;
	assert!(matches!(by_stranger, Err(Error::Operator(OperatorError::NotOperator))));
	operator.add_validator(&bob).await.expect("add Bob");
	let planned = supervisor.validators().await.expect("validator set");
	assert_eq!(planned.planned, vec![alice.clone(), bob.clone()]);
	assert!(!planned.is_active(&bob));
	let again = operator.add_validator(&bob).await;
	assert!(matches!(again, Err(Error::Operator(OperatorError::AlreadyValidator))));

	// Taken out again; the last validator cannot be removed.
	operator.remove_validator(&bob).await.expect("remove Bob");
	let after = supervisor.validators().await.expect("validator set");
	assert_eq!(after.planned, vec![alice.clone()]);
	let last = operator.remove_validator(&alice).await;
	assert!(matches!(last, Err(Error::Operator(OperatorError::TooFewValidators))));
	let unknown = operator.remove_validator(&charlie).await;
	assert!(matches!(unknown, Err(Error::Operator(OperatorError::NoSuchValidator))));

	// The owner takes the keys back (the deposit is released).
	bob_owner.purge_session_keys().await.expect("purge");
	let none = bob_owner.purge_session_keys().await;
	assert!(matches!(&none, Err(Error::Dispatch(e)) if e.contains("NoKeys")), "{none:?}");
}

/// MON-1..4 against a real node: one source skips sequence numbers and its clock jumps back,
/// another goes silent; the anomaly query lists both. A supervisor flags, freezes (the next
/// submission is refused, an operator cannot lift it), opens a case, adds a finding and upholds
/// it; the record verdicts and every record answer say why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supervisors_see_anomalies_flag_freeze_and_judge_records() {
	use dmchain_client::{AuditError, CaseOutcome, CaseStatus, ReasonCode, Subject};
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let operator = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	let owner = DataSource::new(chain.clone(), keys::dev("alice").unwrap());
	let now = || {
		std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis()
			as u64
	};

	// Source A (device Bob) has no rhythm; source B (device Dave) should report every 3 s.
	let bob = keys::dev("bob").unwrap();
	let dave = keys::dev("dave").unwrap();
	let a = owner.register_source(&keys::account_of(&bob), 0, b"gappy").await.unwrap().source;
	let b = owner
		.register_source_expecting(&keys::account_of(&dave), 0, b"quiet", Some(3_000))
		.await
		.unwrap()
		.source;
	for source in [a, b] {
		operator.approve_source(source).await.expect("approve");
	}
	let device_a = DataSource::new(chain.clone(), bob.clone());
	let start = now();
	device_a.submit_record(a, RecordDraft::new(hash("a1"), 1, start)).await.expect("a1");
	// Sequence 2 to 4 are skipped and the device clock goes back 10 s.
	let jumped = device_a
		.submit_record(a, RecordDraft::new(hash("a5"), 5, start - 10_000))
		.await
		.expect("a5");
	DataSource::new(chain.clone(), dave)
		.submit_record(b, RecordDraft::new(hash("b1"), 1, now()))
		.await
		.expect("b1");

	// The anomaly query lists A at once, and B once 3 s of chain time pass without a record.
	let supervisor = Supervisor::signing(chain.clone(), keys::dev("ferdie").unwrap());
	let deadline = std::time::Instant::now() + Duration::from_secs(60);
	let anomalies = loop {
		let found = supervisor.anomalies().await.expect("anomalies");
		if found.iter().any(|anomaly| anomaly.source == b) {
			break found;
		}
		assert!(std::time::Instant::now() < deadline, "source {b} never read as silent");
		tokio::time::sleep(Duration::from_millis(500)).await;
	};
	let gappy = anomalies.iter().find(|anomaly| anomaly.source == a).expect("A is listed");
	assert_eq!(gappy.anomalies.sequence_gaps, 1);
	assert_eq!(gappy.anomalies.missing_sequences, 3);
	assert_eq!(gappy.anomalies.clock_regressions, 1);
	assert_eq!(gappy.anomalies.last_anomalous_record, Some(1));
	assert_eq!(gappy.silent_for, None);
	let quiet = anomalies.iter().find(|anomaly| anomaly.source == b).unwrap();
	assert!(quiet.silent_for.unwrap() > 3_000);
	assert!(quiet.anomalies.sequence_gaps == 0 && quiet.anomalies.clock_regressions == 0);

	// Only a supervisor flags.
	let stranger = Supervisor::signing(chain.clone(), keys::dev("eve").unwrap());
	let refused = stranger.flag(Subject::Source(a), ReasonCode::Other, "x", None).await;
	assert!(matches!(refused, Err(Error::Audit(AuditError::NotSupervisor))), "{refused:?}");
	let flag = supervisor
		.flag(Subject::Source(a), ReasonCode::SequenceAnomaly, "3 readings missing", Some([5; 32]))
		.await
		.expect("flag")
		.flag;

	// The freeze stops the source; the operator's lift is a different hold and fails.
	supervisor.freeze_source(a, None).await.expect("freeze");
	let blocked = device_a.submit_record(a, RecordDraft::new(hash("a6"), 6, now())).await;
	assert!(matches!(blocked, Err(Error::Registry(RegistryError::SourceFrozen))), "{blocked:?}");
	let lift = operator.lift_source_suspension(a).await;
	assert!(
		matches!(lift, Err(Error::Registry(RegistryError::SourceNotSuspendedByOperator))),
		"{lift:?}"
	);
	assert!(source_holds(&chain, a).await.supervisor_freeze);

	// The case: opened on the flag, a finding, upheld.
	let case = supervisor
		.open_case(Subject::Source(a), &[flag], "gaps and a clock reset")
		.await
		.expect("open")
		.case;
	supervisor.add_finding(case, "device rebooted at 03:00", None).await.expect("finding");
	let before = supervisor.verdict(jumped.id, Some(hash("a5"))).await.unwrap();
	assert!(before.valid, "an open case judges nothing yet: {before:?}");
	supervisor.resolve_case(case, CaseOutcome::Upheld, "readings unreliable").await.unwrap();

	let verdict = supervisor.verdict(jumped.id, Some(hash("a5"))).await.unwrap();
	assert!(!verdict.valid);
	assert!(verdict.anchored && verdict.admitted && verdict.source_frozen);
	assert_eq!(verdict.hash_matches, Some(true));
	assert_eq!(verdict.source_case, Some(case));
	assert_eq!(verdict.reasons(), vec![format!("case {case} about its source was upheld")]);
	let wrong = supervisor.verdict(jumped.id, Some(hash("not it"))).await.unwrap();
	assert_eq!(wrong.hash_matches, Some(false));
	// Every record answer shows it; the record itself is unchanged.
	let record = DataUser::new(chain.clone()).record(jumped.id).await.unwrap().unwrap();
	assert_eq!(record.upheld_case, Some(case));
	assert_eq!(record.content, hash("a5"));
	let other = DataUser::new(chain.clone())
		.record(RecordId { source: b, index: 0 })
		.await
		.unwrap()
		.unwrap();
	assert_eq!(other.upheld_case, None);

	let opened = supervisor.case(case).await.unwrap().expect("the case");
	assert_eq!(opened.status, CaseStatus::Upheld);
	assert_eq!(opened.findings.len(), 1);
	assert_eq!(opened.flags, vec![flag]);
	let upheld =
		supervisor.cases(dmchain_client::CaseFilter::Status(CaseStatus::Upheld), None, 10).await;
	assert_eq!(upheld.unwrap().items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![case]);
	let flags = supervisor.flags(Some(Subject::Source(a)), None, 10).await.unwrap();
	assert_eq!(flags.items[0].case, Some(case));

	// Only a supervisor lifts the freeze; then A submits again.
	supervisor.unfreeze_source(a).await.expect("unfreeze");
	device_a.submit_record(a, RecordDraft::new(hash("a6"), 6, now())).await.expect("a6");

	// The audit report over every finalized block lists exactly these data-management events.
	let to = chain.at_finalized().await.unwrap().block_number() as u32;
	let mut streamed = Vec::new();
	let mut blocks = 0;
	let report = supervisor
		.report(1, to, |event| streamed.push(event.clone()), |_| blocks += 1)
		.await
		.expect("report");
	assert_eq!(blocks, to);
	assert_eq!(report.events, streamed.len() as u64);
	assert!(report.by_event.keys().all(|name| name.starts_with("DataRegistry.")
		|| name.starts_with("OperatorConfig.")
		|| name.starts_with("SupervisorAudit.")));
	let count = |name: &str| report.by_event.get(name).copied().unwrap_or(0);
	assert_eq!(count("DataRegistry.SourceRegistered"), 2);
	assert_eq!(count("DataRegistry.SourceStatusChanged"), 2, "the approvals");
	assert_eq!(count("DataRegistry.RecordAnchored"), 4, "the refused a6 is not there");
	for (name, times) in [
		("SupervisorAudit.Flagged", 1),
		("SupervisorAudit.SourceFrozen", 1),
		("DataRegistry.SourceHeld", 1),
		("SupervisorAudit.CaseOpened", 1),
		("SupervisorAudit.FindingAdded", 1),
		("SupervisorAudit.CaseResolved", 1),
		("SupervisorAudit.SourceUnfrozen", 1),
		("DataRegistry.SourceHoldLifted", 1),
	] {
		assert_eq!(count(name), times, "{name}: {:?}", report.by_event);
	}
	let ferdie = keys::account_of(&keys::dev("ferdie").unwrap()).to_string();
	assert_eq!(report.by_actor.get(&ferdie), Some(&8), "{:?}", report.by_actor);
	let bob_account = keys::account_of(&bob).to_string();
	assert_eq!(report.by_actor.get(&bob_account), Some(&3), "a1, a5, a6");
	assert!(report.by_source[&a] >= 3 + 4, "A's records and holds: {:?}", report.by_source);
	assert_eq!(report.reconnects, 0);
	let flagged = streamed.iter().find(|event| event.event == "Flagged").unwrap();
	assert_eq!(flagged.source, Some(a));
	assert!(flagged.fields.contains("reason"), "{}", flagged.fields);
}

/// The audit report is the same when the node restarts in the middle of the walk: the walk
/// reconnects to the same address and goes on from the block it was reading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_report_survives_a_node_restart() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let port = node.rpc_port();
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let owner = DataSource::new(chain.clone(), keys::dev("alice").unwrap());
	let operator = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	for device in ["bob", "dave", "eve"] {
		let device = keys::account_of(&keys::dev(device).unwrap());
		let source = owner.register_source(&device, 0, b"").await.unwrap().source;
		operator.approve_source(source).await.unwrap();
	}
	let to = chain.at_finalized().await.unwrap().block_number() as u32;
	let supervisor = Supervisor::new(chain.clone());
	let before = supervisor.report(1, to, |_| {}, |_| {}).await.expect("report");
	assert_eq!(before.by_event.get("DataRegistry.SourceRegistered"), Some(&3));

	let node = std::sync::Mutex::new(Some(node));
	let halfway = to / 2;
	let mut events = 0u64;
	let after = supervisor
		.report(
			1,
			to,
			|_| events += 1,
			|block| {
				if block == halfway {
					node.lock().unwrap().take().expect("the node").stop();
					let binary = dmchain_test_node::node_binary();
					*node.lock().unwrap() =
						Some(TestNode::start_on(&binary, &home, &["--dev"], port));
				}
			},
		)
		.await
		.expect("the report across a restart");
	assert!(after.reconnects >= 1, "the walk reconnected: {after:?}");
	assert_eq!(after.by_event, before.by_event);
	assert_eq!(after.by_source, before.by_source);
	assert_eq!(after.by_actor, before.by_actor);
	assert_eq!(events, before.events);
}

/// The finalized block number.
async fn finalized_block(chain: &Chain) -> u64 {
	chain.at_finalized().await.expect("finalized block").block_number()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_grant_and_revoke_access_and_the_chain_answers_who_may_read() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let alice = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	let user = DataUser::new(chain.clone());
	let charlie_key = keys::dev("charlie").unwrap();
	let charlie = keys::account_of(&charlie_key);
	let eve = keys::account_of(&keys::dev("eve").unwrap());
	let bob_account = keys::account_of(&keys::dev("bob").unwrap());

	// Bob owns an approved source whose device is Dave; Charlie is an approved data user.
	let bob = DataSource::new(chain.clone(), keys::dev("bob").unwrap());
	let dave_key = keys::dev("dave").unwrap();
	let source = bob
		.register_source(&keys::account_of(&dave_key), 0, b"harbour sensor")
		.await
		.expect("register")
		.source;
	alice.approve_source(source).await.expect("approve source");
	user.register(&charlie_key, DataUserKind::Organisation, "Traffic office", [7; 32])
		.await
		.expect("register data user");
	alice.approve_data_user(&charlie).await.expect("approve data user");
	let anchored = DataSource::new(chain.clone(), dave_key)
		.submit_record(source, RecordDraft::new(hash("pm10=31"), 1, 1_700_000_000_000))
		.await
		.expect("anchor");

	// Bob groups his source in a private dataset (GOV-1); its deposit is held.
	let owner = DatasetOwner::new(chain.clone(), keys::dev("bob").unwrap());
	let draft = DatasetDraft {
		title: "Harbour air".into(),
		description: "PM10 at the harbour gate".into(),
		format: 0,
		visibility: Visibility::Private,
		sources: vec![source],
		derived_from: vec![],
	};
	let created = owner.create_dataset(&draft).await.expect("create dataset");
	assert!(created.deposit > 0);
	let dataset = created.dataset;
	let shown = user.dataset(dataset).await.expect("dataset");
	assert_eq!(shown.owner, bob_account);
	assert_eq!((shown.title.as_str(), shown.sources.clone()), ("Harbour air", vec![source]));
	assert_eq!(shown.deposit, created.deposit);

	// Eve owns none of the sources and is no data user: refused with the pallet's error.
	let refused =
		DatasetOwner::new(chain.clone(), keys::dev("eve").unwrap()).create_dataset(&draft).await;
	assert!(matches!(refused, Err(Error::Access(AccessError::NotEligibleOwner))), "{refused:?}");

	// A private dataset is listed for its owner, not for anyone else.
	let public_view = user.datasets(None, None, 50).await.expect("directory");
	assert!(public_view.datasets.iter().all(|d| d.id != dataset));
	let bobs_view = user.datasets(Some(&bob_account), None, 50).await.expect("directory");
	assert!(bobs_view.datasets.iter().any(|d| d.id == dataset));

	// Charlie has no grant yet; he asks to read, Bob narrows it to verify-only (PRC-2).
	let whole = AccessTarget::Dataset(dataset);
	let before = user.may_access(&charlie, Scope::Read, whole).await.expect("ask");
	assert_eq!(before.denied(), Some(AccessDenial::NoGrant));
	let now = finalized_block(&chain).await as u32;
	user.request_access(&charlie_key, dataset, Scope::Read, "traffic model", now + 1_000)
		.await
		.expect("request");
	let waiting = user.requests(dataset).await.expect("requests");
	assert_eq!(waiting.len(), 1);
	assert_eq!((waiting[0].user.clone(), waiting[0].scope), (charlie.clone(), Scope::Read));
	let wider = owner.approve_request(dataset, &charlie, Scope::Derive, now + 500).await;
	assert!(matches!(wider, Err(Error::Access(AccessError::ScopeWiderThanRequested))), "{wider:?}");
	let issued = owner
		.approve_request(dataset, &charlie, Scope::VerifyOnly, now + 500)
		.await
		.expect("approve narrower");
	assert_eq!((issued.scope, issued.expires_at), (Scope::VerifyOnly, u64::from(now + 500)));
	assert!(user.requests(dataset).await.unwrap().is_empty());

	// The chain answers with the grant, for the dataset and for one of its records; a scope
	// the grant lacks and a record that does not exist are refused, each with its reason.
	let verify = user.may_access(&charlie, Scope::VerifyOnly, whole).await.unwrap();
	assert_eq!(
		verify.allowed(),
		Some(AccessBasis::Grant { scope: Scope::VerifyOnly, expires_at: u64::from(now + 500) })
	);
	let read = user.may_access(&charlie, Scope::Read, whole).await.unwrap();
	assert_eq!(read.denied(), Some(AccessDenial::ScopeNotGranted { granted: Scope::VerifyOnly }));
	let of_record = AccessTarget::Record { dataset, record: anchored.id };
	assert!(user.may_access(&charlie, Scope::VerifyOnly, of_record).await.unwrap().is_allowed());
	let missing = AccessTarget::Record { dataset, record: RecordId { source, index: 99 } };
	assert_eq!(
		user.may_access(&charlie, Scope::VerifyOnly, missing).await.unwrap().denied(),
		Some(AccessDenial::RecordNotFound)
	);
	let owners_answer = user.may_access(&bob_account, Scope::Derive, whole).await.unwrap();
	assert_eq!(owners_answer.allowed(), Some(AccessBasis::Owner));

	// Only the owner revokes; once revoked, the answer is "no grant" (MGMT-1).
	let not_owner = DatasetOwner::new(chain.clone(), keys::dev("eve").unwrap())
		.revoke_access(dataset, &charlie)
		.await;
	assert!(matches!(not_owner, Err(Error::Access(AccessError::NotOwner))), "{not_owner:?}");
	owner.revoke_access(dataset, &charlie).await.expect("revoke");
	let after = user.may_access(&charlie, Scope::VerifyOnly, whole).await.unwrap();
	assert_eq!(after.denied(), Some(AccessDenial::NoGrant));

	// A grant stops counting at its expiry block by itself: nobody sends a transaction (PRC-5).
	let soon = finalized_block(&chain).await as u32 + 6;
	owner.grant_access(dataset, &charlie, Scope::Read, "one-off check", soon).await.expect("grant");
	assert!(user.may_access(&charlie, Scope::Read, whole).await.unwrap().is_allowed());
	while finalized_block(&chain).await < u64::from(soon) {
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let expired = user.may_access(&charlie, Scope::Read, whole).await.unwrap();
	assert!(
		matches!(expired.denied(), Some(AccessDenial::NoGrant | AccessDenial::GrantExpired { .. })),
		"{expired:?}"
	);
	// `on_idle` takes the grant out of storage in its expiry block, or in the next one when
	// the expiry block changes the session (the rotation leaves no idle weight): one block
	// later no grant is left to be expired, and the dataset lists none (MGMT-1).
	while finalized_block(&chain).await < u64::from(soon) + 1 {
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let lapsed = user.may_access(&charlie, Scope::Read, whole).await.unwrap();
	assert_eq!(lapsed.denied(), Some(AccessDenial::NoGrant), "{lapsed:?}");
	assert_eq!(user.grants(dataset).await.unwrap(), vec![]);

	// Operators decide which visibilities a format allows (CTL-3).
	alice
		.set_format_visibilities(0, AllowedVisibilities::only(&[Visibility::Private]))
		.await
		.expect("format rule");
	let public = owner.set_visibility(dataset, Visibility::Public).await;
	assert!(matches!(public, Err(Error::Access(AccessError::VisibilityNotAllowed))), "{public:?}");

	// Handing the dataset on keeps its ownership history (APP-2); Eve cannot take it.
	let to_eve = owner.transfer_dataset(dataset, &eve).await;
	assert!(matches!(to_eve, Err(Error::Access(AccessError::NotEligibleOwner))), "{to_eve:?}");
	owner.transfer_dataset(dataset, &charlie).await.expect("transfer");
	let handed = user.dataset(dataset).await.unwrap();
	assert_eq!(handed.owner, charlie);
	let history: Vec<_> = handed.owners.iter().map(|o| o.owner.clone()).collect();
	assert_eq!(history, vec![bob_account, charlie.clone()]);
	node.stop();
}

/// The plaintext and the envelope a record's payload is sealed into, for the record
/// `sequence` of `source` under `dataset`'s epoch `epoch`.
fn seal(
	chain: &Chain,
	key: &DatasetKey,
	dataset: u32,
	epoch: u32,
	source: u32,
	sequence: u64,
	text: &str,
) -> (RecordBinding, Vec<u8>) {
	let at =
		RecordBinding { genesis: chain.api().genesis_hash().0, dataset, epoch, source, sequence };
	let envelope = encryption::seal_payload(key, &at, text.as_bytes()).expect("seal");
	(at, envelope)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owners_share_epoch_keys_revocation_rotates_them_and_grantees_leave_receipts() {
	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let chain = Chain::connect(&node.ws_url(), TIMEOUT).await.expect("connect");
	let alice = Operator::new(chain.clone(), keys::dev("alice").unwrap());
	let user = DataUser::new(chain.clone());
	let account = |name: &str| keys::account_of(&keys::dev(name).unwrap());
	let (bob, charlie, eve) = (account("bob"), account("charlie"), account("eve"));

	// Bob owns an approved source (device Dave); Charlie and Eve are approved data users; all
	// three register the encryption keys derived from their own secrets (MGMT-2).
	let source = DataSource::new(chain.clone(), keys::dev("bob").unwrap())
		.register_source(&account("dave"), 0, b"district heating")
		.await
		.expect("register")
		.source;
	alice.approve_source(source).await.expect("approve source");
	for (name, who) in [("charlie", &charlie), ("eve", &eve)] {
		user.register(&keys::dev(name).unwrap(), DataUserKind::Organisation, name, [7; 32])
			.await
			.expect("register data user");
		alice.approve_data_user(who).await.expect("approve data user");
	}
	let encryption = |name: &str| EncryptionKeypair::from_suri(&format!("//{name}")).unwrap();
	for name in ["bob", "charlie", "eve"] {
		user.register_encryption_key(&keys::dev(name).unwrap(), &encryption(name))
			.await
			.expect("register encryption key");
	}

	let owner = DatasetOwner::new(chain.clone(), keys::dev("bob").unwrap());
	let dataset = owner
		.create_dataset(&DatasetDraft {
			title: "Heat meters".into(),
			description: "Hourly readings, sealed".into(),
			format: 0,
			visibility: Visibility::Consortium,
			sources: vec![source],
			derived_from: vec![],
		})
		.await
		.expect("create dataset")
		.dataset;
	assert_eq!(user.key_epochs(dataset).await.unwrap(), KeyEpochs { epoch: 0, wrapped: 0 });

	// The epoch-0 key goes to key holders only: Eve, without a grant, is refused.
	let epoch0 = DatasetKey::generate();
	let refused = owner.share_dataset_key(dataset, 0, &epoch0, &[eve.clone()]).await;
	assert!(matches!(refused, Err(Error::Access(AccessError::NotKeyHolder))), "{refused:?}");
	let far = finalized_block(&chain).await as u32 + 10_000;
	for who in [&charlie, &eve] {
		owner.grant_access(dataset, who, Scope::Read, "billing audit", far).await.expect("grant");
	}
	let shared = owner
		.share_dataset_key(dataset, 0, &epoch0, &[bob.clone(), charlie.clone(), eve.clone()])
		.await
		.expect("share epoch 0");
	assert_eq!(shared.receipts.len(), 1);
	assert_eq!(user.key_epochs(dataset).await.unwrap(), KeyEpochs { epoch: 0, wrapped: 3 });

	// A payload sealed under epoch 0 opens for each grantee with the key it unwraps, and only
	// for the record it was sealed for.
	let (at0, sealed0) = seal(&chain, &epoch0, dataset, 0, source, 1, "meter 7: 412 kWh");
	for name in ["charlie", "eve"] {
		let key = user.dataset_key(dataset, 0, &account(name), &encryption(name)).await.unwrap();
		assert_eq!(encryption::open_payload(&key, &at0, &sealed0).unwrap(), b"meter 7: 412 kWh");
	}
	let elsewhere = RecordBinding { sequence: 2, ..at0 };
	let moved = encryption::open_payload(&epoch0, &elsewhere, &sealed0);
	assert!(matches!(moved, Err(Error::Decryption(_))), "{moved:?}");
	// Eve's wrapped key does not open with Charlie's key pair.
	let crossed = user.dataset_key(dataset, 0, &eve, &encryption("charlie")).await;
	assert!(matches!(crossed, Err(Error::Decryption(_))), "{crossed:?}");

	// Charlie records what he was served (MON-2): the hash of the envelope he received.
	let delivered = ContentHash::of_bytes(HashAlgorithm::Blake2b256, &sealed0).digest;
	let whole = AccessTarget::Dataset(dataset);
	let recorded = user
		.record_receipt(&keys::dev("charlie").unwrap(), whole, &charlie, Scope::Read, delivered)
		.await
		.expect("receipt");

	// Revoking Eve moves the epoch on by itself; the new key goes to Bob and Charlie, never
	// to Eve.
	owner.revoke_access(dataset, &eve).await.expect("revoke");
	assert_eq!(user.key_epochs(dataset).await.unwrap().epoch, 1);
	let epoch1 = DatasetKey::generate();
	let to_eve = owner.share_dataset_key(dataset, 1, &epoch1, &[eve.clone()]).await;
	assert!(matches!(to_eve, Err(Error::Access(AccessError::NotKeyHolder))), "{to_eve:?}");
	owner
		.share_dataset_key(dataset, 1, &epoch1, &[bob.clone(), charlie.clone()])
		.await
		.expect("share epoch 1");

	// A record written after the revocation: Charlie reads it, Eve cannot, neither with a key
	// of the new epoch (none is wrapped for her) nor with the one she kept.
	let (at1, sealed1) = seal(&chain, &epoch1, dataset, 1, source, 2, "meter 7: 431 kWh");
	let charlies = user.dataset_key(dataset, 1, &charlie, &encryption("charlie")).await.unwrap();
	assert_eq!(encryption::open_payload(&charlies, &at1, &sealed1).unwrap(), b"meter 7: 431 kWh");
	let none = user.dataset_key(dataset, 1, &eve, &encryption("eve")).await;
	assert!(matches!(none, Err(Error::NotFound(_))), "{none:?}");
	let kept = user.dataset_key(dataset, 0, &eve, &encryption("eve")).await.unwrap();
	let stale = encryption::open_payload(&kept, &RecordBinding { epoch: 0, ..at1 }, &sealed1);
	assert!(matches!(stale, Err(Error::Decryption(_))), "{stale:?}");
	// And without a grant she cannot leave a receipt.
	let no_grant =
		user.record_receipt(&keys::dev("eve").unwrap(), whole, &eve, Scope::Read, delivered).await;
	assert!(matches!(no_grant, Err(Error::Access(AccessError::NoValidGrant))), "{no_grant:?}");

	// The owner and supervisors list receipts per dataset and per grantee.
	let listed = user.receipts(ReceiptsOf::Dataset(dataset), 0, None).await.unwrap();
	assert_eq!(listed.len(), 1);
	let receipt = &listed[0];
	assert_eq!((receipt.id, receipt.grantee.clone()), (recorded.id, charlie.clone()));
	assert_eq!((receipt.served_by.clone(), receipt.scope), (charlie.clone(), Scope::Read));
	assert_eq!(receipt.delivered, format!("0x{}", hex::encode(delivered)));
	assert!(receipt.moment > 0);
	assert_eq!(user.receipts(ReceiptsOf::User(charlie.clone()), 0, None).await.unwrap(), listed);
	assert!(user.receipts(ReceiptsOf::User(eve), 0, None).await.unwrap().is_empty());
	let later = u32::try_from(receipt.at).unwrap() + 1;
	assert!(user.receipts(ReceiptsOf::Dataset(dataset), later, None).await.unwrap().is_empty());
	node.stop();
}
