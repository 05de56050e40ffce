//! Walks `docs/permissions.md`: every call of every pallet of the runtime (ours and the
//! framework's), made by every role against the real runtime (development preset), must succeed
//! or fail exactly as the table says, and the table must list every call (D3.7 CTL-1, CTL-3,
//! CTL-5, MON-1, SVC-1, PRC-1).

use crate::genesis_presets::merge;
use codec::{Decode, Encode};
use dmchain_primitives::{
	ContentHash, Encoding, FieldSpec, FieldType, FormatSpec, HashAlgorithm, Parameter, SourceStatus,
};
use dmchain_runtime::{
	genesis_config_presets::development_genesis, AccountId, Runtime, RuntimeCall, RuntimeError,
	RuntimeGenesisConfig, RuntimeOrigin,
};
use frame_support::{traits::GetCallMetadata, BoundedVec};
use pallet_data_registry::{RecordInput, SourceStates};
use pallet_operator_config::DataUserKind;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, BuildStorage, DispatchError};

const ROLES: [&str; 7] =
	["root", "operator", "supervisor", "data user", "owner", "device", "stranger"];

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

/// The signed origin of each role but root (Alice operator and Ferdie supervisor come from the
/// preset; Charlie, Bob and Dave are made data user, owner and device by [`base_state`]).
fn origin(role: &str) -> RuntimeOrigin {
	let who = match role {
		"root" => return RuntimeOrigin::root(),
		"operator" => Sr25519Keyring::Alice,
		"supervisor" => Sr25519Keyring::Ferdie,
		"data user" => Sr25519Keyring::Charlie,
		"owner" => Sr25519Keyring::Bob,
		"device" => Sr25519Keyring::Dave,
		"stranger" => Sr25519Keyring::Eve,
		// Not a column: the data user that waits for approval in `approve_data_user`'s set-up.
		"pending" => Sr25519Keyring::EveStash,
		other => panic!("unknown role {other}"),
	};
	RuntimeOrigin::signed(account(who))
}

/// Answers a runtime-version query on new code with this runtime's version, spec version one
/// higher: `set_code` and `apply_authorized_upgrade` check the version of the code they install,
/// and the test externalities have no Wasm executor to read it from the code itself (the real
/// upgrade path is exercised against a node).
struct NextVersion;
impl sp_core::traits::ReadRuntimeVersion for NextVersion {
	fn read_runtime_version(
		&self,
		_code: &[u8],
		_ext: &mut dyn sp_core::traits::Externalities,
	) -> Result<Vec<u8>, String> {
		let mut version = dmchain_runtime::VERSION;
		version.spec_version += 1;
		Ok(version.encode())
	}
}

/// The code the upgrade rows install: this runtime's own Wasm.
fn code() -> Vec<u8> {
	dmchain_runtime::WASM_BINARY.expect("the runtime's Wasm is built").to_vec()
}

/// The development genesis, as the node builds it from the preset.
pub(crate) fn genesis() -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, development_genesis());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("deserialises");
	let mut ext: sp_io::TestExternalities = config.build_storage().expect("builds").into();
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(NextVersion));
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_750_000_000_000);
	});
	ext
}

fn dispatch(call: RuntimeCall, role: &str) -> Result<(), DispatchError> {
	call.dispatch(origin(role)).map(|_| ()).map_err(|e| e.error)
}

pub(crate) fn must(call: RuntimeCall, role: &str) {
	let name = format!("{call:?}");
	dispatch(call, role).unwrap_or_else(|e| panic!("set-up call {name} as {role} failed: {e:?}"));
}

fn record(sequence: u64) -> pallet_data_registry::RecordInputOf<Runtime> {
	RecordInput {
		content: ContentHash { algorithm: HashAlgorithm::Blake2b256, digest: [sequence as u8; 32] },
		sequence,
		device_time: 1_750_000_000_000,
		replaces: None,
		metadata: Default::default(),
	}
}

/// Bob owns source 0 (approved, the preset's open format 0) with Dave as its device; Charlie is
/// an approved data user.
pub(crate) fn base_state() {
	use pallet_data_registry::Call as Registry;
	use pallet_operator_config::Call as Operators;
	must(
		RuntimeCall::DataRegistry(Registry::register_source {
			device: account(Sr25519Keyring::Dave),
			format: 0,
			metadata: Default::default(),
			expected_interval: None,
		}),
		"owner",
	);
	must(RuntimeCall::OperatorConfig(Operators::approve_source { source: 0 }), "operator");
	must(
		RuntimeCall::OperatorConfig(Operators::register_data_user {
			kind: DataUserKind::Organisation,
			name: BoundedVec::truncate_from(b"Traffic office".to_vec()),
			identity_document: [1; 32],
		}),
		"data user",
	);
	must(
		RuntimeCall::OperatorConfig(Operators::approve_data_user {
			who: account(Sr25519Keyring::Charlie),
		}),
		"operator",
	);
}

/// Fresh session keys for `who` and the proof that `who` holds them (each key signs
/// `"POP_" ++ who`, pallet-session's proof of possession).
fn session_keys_of(who: &AccountId) -> (dmchain_runtime::SessionKeys, Vec<u8>) {
	use sp_core::Pair;
	let aura = sp_core::sr25519::Pair::from_string("//session-aura", None).expect("a seed");
	let grandpa = sp_core::ed25519::Pair::from_string("//session-grandpa", None).expect("a seed");
	let statement = [&b"POP_"[..], who.as_ref()].concat();
	let proof = (aura.sign(&statement), grandpa.sign(&statement)).encode();
	let keys = dmchain_runtime::SessionKeys {
		aura: aura.public().into(),
		grandpa: grandpa.public().into(),
	};
	(keys, proof)
}

/// `Session::set_keys` for `role`'s account, with a valid proof (root gets Alice's).
fn set_keys_call(role: &str) -> RuntimeCall {
	let who = match role {
		"root" => account(Sr25519Keyring::Alice),
		_ => frame_system::ensure_signed(origin(role)).expect("a signed role"),
	};
	let (keys, proof) = session_keys_of(&who);
	RuntimeCall::Session(pallet_session::Call::set_keys { keys, proof })
}

/// `OperatorConfig::add_validator` for Bob (the source owner, who sets session keys first).
fn add_bob_as_validator() -> RuntimeCall {
	RuntimeCall::OperatorConfig(pallet_operator_config::Call::add_validator {
		who: account(Sr25519Keyring::Bob),
	})
}

/// The binary peer id of an ed25519 node key (identity multihash of the protobuf key).
fn peer_id() -> pallet_operator_config::PeerIdBytes {
	let mut bytes = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
	bytes.extend([5u8; 32]);
	BoundedVec::truncate_from(bytes)
}

/// Puts [`peer_id`] on the node authorization list (Bob's node).
fn authorize_a_node() {
	must(
		RuntimeCall::OperatorConfig(pallet_operator_config::Call::authorize_node {
			peer_id: peer_id(),
			owner: account(Sr25519Keyring::Bob),
		}),
		"operator",
	);
}

/// A supervisor's flag on source 0.
fn flag_call() -> RuntimeCall {
	RuntimeCall::SupervisorAudit(pallet_supervisor_audit::Call::flag {
		subject: dmchain_primitives::Subject::Source(0),
		reason: dmchain_primitives::ReasonCode::SequenceAnomaly,
		text: BoundedVec::truncate_from(b"sequence numbers skip".to_vec()),
		evidence: None,
	})
}

/// A case about source 0 on flag 0.
fn open_case_call() -> RuntimeCall {
	RuntimeCall::SupervisorAudit(pallet_supervisor_audit::Call::open_case {
		subject: dmchain_primitives::Subject::Source(0),
		flags: BoundedVec::truncate_from(vec![0]),
		summary: BoundedVec::truncate_from(b"gaps in the night".to_vec()),
	})
}

/// The call a row names, after the set-up that lets its intended role succeed (`role` matters
/// only where the call carries the signer's own proof).
fn prepare(row: &str, role: &str) -> RuntimeCall {
	use pallet_data_registry::Call as Registry;
	use pallet_operator_config::Call as Operators;
	use pallet_supervisor_audit::Call as Audit;
	let pending_user = account(Sr25519Keyring::EveStash);
	let hold_source_for_approval = || {
		SourceStates::<Runtime>::mutate(0, |source| {
			source.as_mut().expect("source 0 exists").status = SourceStatus::PendingApproval
		})
	};
	match row {
		"DataRegistry.register_source" => RuntimeCall::DataRegistry(Registry::register_source {
			device: account(Sr25519Keyring::Eve),
			format: 0,
			metadata: Default::default(),
			expected_interval: None,
		}),
		"DataRegistry.suspend_source" => {
			RuntimeCall::DataRegistry(Registry::suspend_source { source: 0 })
		},
		"DataRegistry.resume_source" => {
			must(RuntimeCall::DataRegistry(Registry::suspend_source { source: 0 }), "owner");
			RuntimeCall::DataRegistry(Registry::resume_source { source: 0 })
		},
		"DataRegistry.retire_source" => {
			RuntimeCall::DataRegistry(Registry::retire_source { source: 0 })
		},
		"DataRegistry.submit_record" => {
			RuntimeCall::DataRegistry(Registry::submit_record { source: 0, record: record(1) })
		},
		"DataRegistry.submit_records" => RuntimeCall::DataRegistry(Registry::submit_records {
			source: 0,
			records: BoundedVec::truncate_from(vec![record(1), record(2)]),
		}),
		"DataRegistry.set_expected_interval" => {
			RuntimeCall::DataRegistry(Registry::set_expected_interval {
				source: 0,
				interval: Some(60_000),
			})
		},
		"OperatorConfig.appoint_operator" => {
			RuntimeCall::OperatorConfig(Operators::appoint_operator {
				who: account(Sr25519Keyring::Eve),
			})
		},
		"OperatorConfig.dismiss_operator" => {
			RuntimeCall::OperatorConfig(Operators::dismiss_operator {
				who: account(Sr25519Keyring::Alice),
			})
		},
		"OperatorConfig.appoint_supervisor" => {
			RuntimeCall::OperatorConfig(Operators::appoint_supervisor {
				who: account(Sr25519Keyring::Eve),
			})
		},
		"OperatorConfig.dismiss_supervisor" => {
			RuntimeCall::OperatorConfig(Operators::dismiss_supervisor {
				who: account(Sr25519Keyring::Ferdie),
			})
		},
		"OperatorConfig.register_data_user" => {
			RuntimeCall::OperatorConfig(Operators::register_data_user {
				kind: DataUserKind::Person,
				name: BoundedVec::truncate_from(b"Someone".to_vec()),
				identity_document: [2; 32],
			})
		},
		"OperatorConfig.approve_data_user" => {
			must(
				RuntimeCall::OperatorConfig(Operators::register_data_user {
					kind: DataUserKind::Person,
					name: BoundedVec::truncate_from(b"Eve".to_vec()),
					identity_document: [3; 32],
				}),
				"pending",
			);
			RuntimeCall::OperatorConfig(Operators::approve_data_user { who: pending_user })
		},
		"OperatorConfig.suspend_data_user" => {
			RuntimeCall::OperatorConfig(Operators::suspend_data_user {
				who: account(Sr25519Keyring::Charlie),
			})
		},
		"OperatorConfig.reinstate_data_user" => {
			must(
				RuntimeCall::OperatorConfig(Operators::suspend_data_user {
					who: account(Sr25519Keyring::Charlie),
				}),
				"operator",
			);
			RuntimeCall::OperatorConfig(Operators::reinstate_data_user {
				who: account(Sr25519Keyring::Charlie),
			})
		},
		"OperatorConfig.remove_data_user" => {
			RuntimeCall::OperatorConfig(Operators::remove_data_user {
				who: account(Sr25519Keyring::Charlie),
			})
		},
		"OperatorConfig.approve_source" => {
			hold_source_for_approval();
			RuntimeCall::OperatorConfig(Operators::approve_source { source: 0 })
		},
		"OperatorConfig.reject_source" => {
			hold_source_for_approval();
			RuntimeCall::OperatorConfig(Operators::reject_source {
				source: 0,
				reason: BoundedVec::truncate_from(b"not on the city's device register".to_vec()),
			})
		},
		"OperatorConfig.suspend_source" => RuntimeCall::OperatorConfig(Operators::suspend_source {
			source: 0,
			reason: BoundedVec::truncate_from(b"tampered sensor".to_vec()),
		}),
		"OperatorConfig.lift_source_suspension" => {
			must(
				RuntimeCall::OperatorConfig(Operators::suspend_source {
					source: 0,
					reason: Default::default(),
				}),
				"operator",
			);
			RuntimeCall::OperatorConfig(Operators::lift_source_suspension { source: 0 })
		},
		"OperatorConfig.register_format" => {
			RuntimeCall::OperatorConfig(Operators::register_format {
				spec: FormatSpec {
					name: BoundedVec::truncate_from(b"traffic-count".to_vec()),
					version: 1,
					hash_algorithm: HashAlgorithm::Sha2_256,
					fields: BoundedVec::truncate_from(vec![FieldSpec {
						name: BoundedVec::truncate_from(b"vehicles".to_vec()),
						field_type: FieldType::Integer { min: 0, max: 100_000 },
						required: true,
					}]),
					open: false,
					max_payload_size: 4096,
					encoding: Encoding::Json,
				},
			})
		},
		"OperatorConfig.deprecate_format" => {
			RuntimeCall::OperatorConfig(Operators::deprecate_format { format: 0 })
		},
		"OperatorConfig.remove_format" => {
			let format = pallet_operator_config::NextFormatId::<Runtime>::get();
			let RuntimeCall::OperatorConfig(register) =
				prepare("OperatorConfig.register_format", role)
			else {
				unreachable!("register_format is an operator call")
			};
			must(RuntimeCall::OperatorConfig(register), "operator");
			must(RuntimeCall::OperatorConfig(Operators::deprecate_format { format }), "operator");
			RuntimeCall::OperatorConfig(Operators::remove_format { format })
		},
		"OperatorConfig.deregister_data_user" => {
			RuntimeCall::OperatorConfig(Operators::deregister_data_user {})
		},
		"OperatorConfig.set_parameter" => RuntimeCall::OperatorConfig(Operators::set_parameter {
			value: Parameter::MaxClockSkew(60_000),
		}),
		"OperatorConfig.add_validator" => {
			must(set_keys_call("owner"), "owner");
			add_bob_as_validator()
		},
		"OperatorConfig.remove_validator" => {
			must(set_keys_call("owner"), "owner");
			must(add_bob_as_validator(), "operator");
			RuntimeCall::OperatorConfig(Operators::remove_validator {
				who: account(Sr25519Keyring::Bob),
			})
		},
		"OperatorConfig.authorize_node" => RuntimeCall::OperatorConfig(Operators::authorize_node {
			peer_id: peer_id(),
			owner: account(Sr25519Keyring::Bob),
		}),
		"OperatorConfig.revoke_node" => {
			authorize_a_node();
			RuntimeCall::OperatorConfig(Operators::revoke_node { peer_id: peer_id() })
		},
		"OperatorConfig.set_node_authorization" => {
			authorize_a_node();
			RuntimeCall::OperatorConfig(Operators::set_node_authorization { enforced: true })
		},
		"SupervisorAudit.flag" => flag_call(),
		"SupervisorAudit.open_case" => {
			must(flag_call(), "supervisor");
			open_case_call()
		},
		"SupervisorAudit.add_finding" => {
			must(flag_call(), "supervisor");
			must(open_case_call(), "supervisor");
			RuntimeCall::SupervisorAudit(Audit::add_finding {
				case: 0,
				text: BoundedVec::truncate_from(b"gap of 6 readings at 03:00".to_vec()),
				evidence: Some([4; 32]),
			})
		},
		"SupervisorAudit.resolve_case" => {
			must(flag_call(), "supervisor");
			must(open_case_call(), "supervisor");
			RuntimeCall::SupervisorAudit(Audit::resolve_case {
				case: 0,
				outcome: dmchain_primitives::CaseOutcome::Upheld,
				reason: BoundedVec::truncate_from(b"device clock reset".to_vec()),
			})
		},
		"SupervisorAudit.freeze_source" => {
			RuntimeCall::SupervisorAudit(Audit::freeze_source { source: 0, case: None })
		},
		"SupervisorAudit.unfreeze_source" => {
			must(
				RuntimeCall::SupervisorAudit(Audit::freeze_source { source: 0, case: None }),
				"supervisor",
			);
			RuntimeCall::SupervisorAudit(Audit::unfreeze_source { source: 0 })
		},
		"Session.set_keys" => set_keys_call(role),
		"Session.purge_keys" => RuntimeCall::Session(pallet_session::Call::purge_keys {}),
		access if access.starts_with("AccessPermissions.") => access_call(access, role),
		other => framework_call(other),
	}
}

/// A private dataset of source 0 (format 0): dataset 0 when Bob makes it first.
pub(crate) fn create_dataset_call() -> RuntimeCall {
	RuntimeCall::AccessPermissions(pallet_access_permissions::Call::create_dataset {
		title: BoundedVec::truncate_from(b"Air quality".to_vec()),
		description: Default::default(),
		format: 0,
		visibility: dmchain_primitives::Visibility::Private,
		sources: BoundedVec::truncate_from(vec![0]),
		derived_from: Default::default(),
	})
}

/// Charlie (the data user) asks to read dataset 0 until block 1,000.
fn charlie_requests() {
	must(
		RuntimeCall::AccessPermissions(pallet_access_permissions::Call::request_access {
			dataset: 0,
			scope: dmchain_primitives::Scope::Read,
			purpose: BoundedVec::truncate_from(b"traffic model".to_vec()),
			expires_at: 1_000,
		}),
		"data user",
	);
}

/// Bob grants Charlie reading of dataset 0 until block `expires_at`.
pub(crate) fn bob_grants_charlie(expires_at: u32) -> RuntimeCall {
	RuntimeCall::AccessPermissions(pallet_access_permissions::Call::grant_access {
		dataset: 0,
		user: account(Sr25519Keyring::Charlie),
		scope: dmchain_primitives::Scope::Read,
		purpose: BoundedVec::truncate_from(b"traffic model".to_vec()),
		expires_at,
	})
}

/// `register_encryption_key` for `role`'s account with its valid proof (root gets Alice's).
fn register_key_call(role: &str) -> RuntimeCall {
	let keyring = match role {
		"root" | "operator" => Sr25519Keyring::Alice,
		"supervisor" => Sr25519Keyring::Ferdie,
		"data user" => Sr25519Keyring::Charlie,
		"owner" => Sr25519Keyring::Bob,
		"device" => Sr25519Keyring::Dave,
		_ => Sr25519Keyring::Eve,
	};
	let key = [0x25; 32];
	let message =
		pallet_access_permissions::Pallet::<Runtime>::key_proof_message(&account(keyring), &key);
	let proof = sp_runtime::MultiSignature::Sr25519(keyring.sign(&message));
	RuntimeCall::AccessPermissions(pallet_access_permissions::Call::register_encryption_key {
		key,
		proof,
	})
}

/// The call an `AccessPermissions` row names, after its set-up: Bob (source 0's owner) owns
/// dataset 0, Charlie is the data user who asks for access.
fn access_call(row: &str, role: &str) -> RuntimeCall {
	use dmchain_primitives::{Scope, Visibilities, Visibility};
	use pallet_access_permissions::Call as Access;
	let charlie = || account(Sr25519Keyring::Charlie);
	let reason = || BoundedVec::truncate_from(b"not for this purpose".to_vec());
	let call = match row {
		"AccessPermissions.create_dataset" => return create_dataset_call(),
		"AccessPermissions.set_format_visibilities" => {
			return RuntimeCall::AccessPermissions(Access::set_format_visibilities {
				format: 0,
				allowed: Visibilities { public: false, consortium: true, private: true },
			})
		},
		"AccessPermissions.register_encryption_key" => return register_key_call(role),
		"AccessPermissions.remove_encryption_key" => {
			if role != "root" {
				must(register_key_call(role), role);
			}
			return RuntimeCall::AccessPermissions(Access::remove_encryption_key {});
		},
		other => other,
	};
	must(create_dataset_call(), "owner");
	match call {
		"AccessPermissions.set_visibility" => {
			RuntimeCall::AccessPermissions(Access::set_visibility {
				dataset: 0,
				visibility: Visibility::Consortium,
			})
		},
		"AccessPermissions.transfer_dataset" => {
			RuntimeCall::AccessPermissions(Access::transfer_dataset { dataset: 0, to: charlie() })
		},
		"AccessPermissions.remove_dataset" => {
			RuntimeCall::AccessPermissions(Access::remove_dataset { dataset: 0 })
		},
		"AccessPermissions.request_access" => {
			RuntimeCall::AccessPermissions(Access::request_access {
				dataset: 0,
				scope: Scope::Read,
				purpose: BoundedVec::truncate_from(b"traffic model".to_vec()),
				expires_at: 1_000,
			})
		},
		"AccessPermissions.cancel_request" => {
			charlie_requests();
			RuntimeCall::AccessPermissions(Access::cancel_request { dataset: 0 })
		},
		"AccessPermissions.approve_request" => {
			charlie_requests();
			RuntimeCall::AccessPermissions(Access::approve_request {
				dataset: 0,
				user: charlie(),
				scope: Scope::VerifyOnly,
				expires_at: 500,
			})
		},
		"AccessPermissions.reject_request" => {
			charlie_requests();
			RuntimeCall::AccessPermissions(Access::reject_request {
				dataset: 0,
				user: charlie(),
				reason: reason(),
			})
		},
		"AccessPermissions.grant_access" => bob_grants_charlie(1_000),
		"AccessPermissions.revoke_access" => {
			must(bob_grants_charlie(1_000), "owner");
			RuntimeCall::AccessPermissions(Access::revoke_access { dataset: 0, user: charlie() })
		},
		"AccessPermissions.remove_expired_grant" => {
			must(bob_grants_charlie(2), "owner");
			frame_system::Pallet::<Runtime>::set_block_number(2);
			RuntimeCall::AccessPermissions(Access::remove_expired_grant {
				dataset: 0,
				user: charlie(),
			})
		},
		"AccessPermissions.set_wrapped_keys" => {
			must(register_key_call("owner"), "owner");
			bob_wraps_for_himself()
		},
		"AccessPermissions.remove_wrapped_keys" => {
			must(register_key_call("owner"), "owner");
			must(bob_wraps_for_himself(), "owner");
			RuntimeCall::AccessPermissions(Access::remove_wrapped_keys {
				dataset: 0,
				epoch: 0,
				recipients: BoundedVec::truncate_from(vec![account(Sr25519Keyring::Bob)]),
			})
		},
		"AccessPermissions.rotate_key_epoch" => {
			RuntimeCall::AccessPermissions(Access::rotate_key_epoch { dataset: 0 })
		},
		"AccessPermissions.record_receipt" => {
			must(bob_grants_charlie(1_000), "owner");
			charlie_receipt()
		},
		"AccessPermissions.prune_receipts" => {
			must(bob_grants_charlie(1_000), "owner");
			must(charlie_receipt(), "data user");
			let retention = <dmchain_runtime::configs::access::ReceiptRetention as frame_support::traits::Get<u32>>::get();
			frame_system::Pallet::<Runtime>::set_block_number(1 + retention);
			RuntimeCall::AccessPermissions(Access::prune_receipts { count: 1 })
		},
		other => panic!("docs/permissions.md names a call the test does not know: {other}"),
	}
}

/// Bob stores dataset 0's epoch-0 key wrapped for himself.
fn bob_wraps_for_himself() -> RuntimeCall {
	RuntimeCall::AccessPermissions(pallet_access_permissions::Call::set_wrapped_keys {
		dataset: 0,
		epoch: 0,
		keys: BoundedVec::truncate_from(vec![(account(Sr25519Keyring::Bob), [0x5a; 80])]),
	})
}

/// A receipt that Charlie was served dataset 0 to read.
fn charlie_receipt() -> RuntimeCall {
	RuntimeCall::AccessPermissions(pallet_access_permissions::Call::record_receipt {
		target: dmchain_primitives::AccessTarget::Dataset(0),
		grantee: account(Sr25519Keyring::Charlie),
		scope: dmchain_primitives::Scope::Read,
		delivered: [0x11; 32],
	})
}

/// The call a framework pallet's row names, after its set-up.
fn framework_call(row: &str) -> RuntimeCall {
	use frame_system::Call as System;
	use pallet_balances::Call as Balances;
	use pallet_sudo::Call as Sudo;
	let eve = || sp_runtime::MultiAddress::Id(account(Sr25519Keyring::Eve));
	let bob = || sp_runtime::MultiAddress::Id(account(Sr25519Keyring::Bob));
	let remark =
		|| Box::new(RuntimeCall::System(System::remark_with_event { remark: b"hi".to_vec() }));
	let dmc = dmchain_runtime::token::UNIT;
	match row {
		"System.remark" => RuntimeCall::System(System::remark { remark: b"hi".to_vec() }),
		"System.set_heap_pages" => RuntimeCall::System(System::set_heap_pages { pages: 64 }),
		"System.set_code" => RuntimeCall::System(System::set_code { code: code() }),
		"System.set_code_without_checks" => {
			RuntimeCall::System(System::set_code_without_checks { code: code() })
		},
		"System.set_storage" => RuntimeCall::System(System::set_storage {
			items: vec![(b"dmchain:test".to_vec(), b"1".to_vec())],
		}),
		"System.kill_storage" => {
			RuntimeCall::System(System::kill_storage { keys: vec![b"dmchain:test".to_vec()] })
		},
		"System.kill_prefix" => RuntimeCall::System(System::kill_prefix {
			prefix: b"dmchain:test".to_vec(),
			subkeys: 1,
		}),
		"System.remark_with_event" => {
			RuntimeCall::System(System::remark_with_event { remark: b"hi".to_vec() })
		},
		"System.authorize_upgrade" => RuntimeCall::System(System::authorize_upgrade {
			code_hash: sp_io::hashing::blake2_256(&code()).into(),
		}),
		"System.authorize_upgrade_without_checks" => {
			RuntimeCall::System(System::authorize_upgrade_without_checks {
				code_hash: sp_io::hashing::blake2_256(&code()).into(),
			})
		},
		"System.apply_authorized_upgrade" => {
			must(
				RuntimeCall::System(System::authorize_upgrade {
					code_hash: sp_io::hashing::blake2_256(&code()).into(),
				}),
				"root",
			);
			RuntimeCall::System(System::apply_authorized_upgrade { code: code() })
		},
		"Timestamp.set" => {
			RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: 1_750_000_006_000 })
		},
		"Grandpa.note_stalled" => RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
			delay: 10,
			best_finalized_block_number: 0,
		}),
		"Balances.transfer_allow_death" => {
			RuntimeCall::Balances(Balances::transfer_allow_death { dest: eve(), value: dmc })
		},
		"Balances.force_transfer" => RuntimeCall::Balances(Balances::force_transfer {
			source: bob(),
			dest: eve(),
			value: dmc,
		}),
		"Balances.transfer_keep_alive" => {
			RuntimeCall::Balances(Balances::transfer_keep_alive { dest: eve(), value: dmc })
		},
		"Balances.transfer_all" => {
			RuntimeCall::Balances(Balances::transfer_all { dest: eve(), keep_alive: true })
		},
		"Balances.force_unreserve" => {
			RuntimeCall::Balances(Balances::force_unreserve { who: bob(), amount: 1 })
		},
		"Balances.upgrade_accounts" => RuntimeCall::Balances(Balances::upgrade_accounts {
			who: vec![account(Sr25519Keyring::Bob)],
		}),
		"Balances.force_set_balance" => {
			RuntimeCall::Balances(Balances::force_set_balance { who: eve(), new_free: 5 * dmc })
		},
		"Balances.force_adjust_total_issuance" => {
			RuntimeCall::Balances(Balances::force_adjust_total_issuance {
				direction: pallet_balances::AdjustmentDirection::Increase,
				delta: dmc,
			})
		},
		"Balances.burn" => RuntimeCall::Balances(Balances::burn { value: dmc, keep_alive: true }),
		"Sudo.sudo" => RuntimeCall::Sudo(Sudo::sudo { call: remark() }),
		"Sudo.sudo_unchecked_weight" => RuntimeCall::Sudo(Sudo::sudo_unchecked_weight {
			call: remark(),
			weight: frame_support::weights::Weight::from_parts(1_000_000, 0),
		}),
		"Sudo.set_key" => RuntimeCall::Sudo(Sudo::set_key {
			new: sp_runtime::MultiAddress::Id(account(Sr25519Keyring::Alice)),
		}),
		"Sudo.sudo_as" => RuntimeCall::Sudo(Sudo::sudo_as { who: bob(), call: remark() }),
		"Sudo.remove_key" => RuntimeCall::Sudo(Sudo::remove_key {}),
		other => panic!("docs/permissions.md names a call the test does not know: {other}"),
	}
}

/// What a dispatch result looks like in the table: `ok`, or the error's name.
fn outcome(result: Result<(), DispatchError>) -> String {
	match result {
		Ok(()) => "ok".into(),
		Err(DispatchError::BadOrigin) => "BadOrigin".into(),
		Err(error) => match RuntimeError::from_dispatch_error(error) {
			Some(RuntimeError::DataRegistry(e)) => format!("{e:?}"),
			Some(RuntimeError::OperatorConfig(e)) => format!("{e:?}"),
			Some(RuntimeError::SupervisorAudit(e)) => format!("{e:?}"),
			Some(RuntimeError::AccessPermissions(e)) => format!("{e:?}"),
			Some(RuntimeError::System(e)) => format!("{e:?}"),
			Some(RuntimeError::Balances(e)) => format!("{e:?}"),
			Some(RuntimeError::Sudo(e)) => format!("{e:?}"),
			Some(RuntimeError::Grandpa(e)) => format!("{e:?}"),
			Some(RuntimeError::Session(e)) => format!("{e:?}"),
			_ => format!("{error:?}"),
		},
	}
}

/// The table's rows: the call and one expected outcome per role.
fn table() -> Vec<(String, Vec<String>)> {
	let text = include_str!("../../../docs/permissions.md");
	let start = text.find("<!-- permissions:start -->").expect("start marker");
	let end = text.find("<!-- permissions:end -->").expect("end marker");
	let mut lines = text[start..end].lines().filter(|line| line.starts_with('|'));
	let header: Vec<&str> = lines.next().expect("header").split('|').map(str::trim).collect();
	assert_eq!(&header[2..9], &ROLES, "the table's role columns");
	lines
		.skip(1)
		.map(|line| {
			let cells: Vec<String> =
				line.split('|').map(|c| c.trim().trim_matches('`').to_string()).collect();
			(cells[1].clone(), cells[2..9].to_vec())
		})
		.collect()
}

#[test]
fn every_call_by_every_role_does_what_the_permission_table_says() {
	let mut mismatches = Vec::new();
	for (call, expected) in table() {
		if expected.iter().all(|cell| cell == UNCONSTRUCTIBLE) {
			assert_unconstructible(&call);
			continue;
		}
		for (role, want) in ROLES.iter().zip(expected) {
			genesis().execute_with(|| {
				base_state();
				let prepared = prepare(&call, role);
				let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let got = outcome(dispatch(prepared, role));
				if got != "ok" {
					let root_after = sp_io::storage::root(sp_runtime::StateVersion::V1);
					assert_eq!(
						root_before, root_after,
						"{call} by {role} was refused but changed state"
					);
				}
				if got != want {
					mismatches
						.push(format!("{call} by {role}: table says {want}, runtime says {got}"));
				}
			});
		}
	}
	assert!(
		mismatches.is_empty(),
		"docs/permissions.md disagrees with the runtime:\n{}",
		mismatches.join("\n")
	);
}

/// The cell of a call no transaction can carry.
const UNCONSTRUCTIBLE: &str = "unconstructible";

/// GRANDPA's equivocation reports take a key-ownership proof of type `Void` in this runtime
/// (no session history to prove against): no value exists, so no encoding of the call decodes.
fn assert_unconstructible(call: &str) {
	let index = match call {
		"Grandpa.report_equivocation" => 0u8,
		"Grandpa.report_equivocation_unsigned" => 1,
		other => panic!("{other} is marked {UNCONSTRUCTIBLE} but is not a known Void call"),
	};
	let grandpa = RuntimeCall::Grandpa(pallet_grandpa::Call::note_stalled {
		delay: 0,
		best_finalized_block_number: 0,
	})
	.encode()[0];
	for filler in [0u8, 1, 0xff] {
		let mut bytes = vec![grandpa, index];
		bytes.extend(std::iter::repeat(filler).take(4096));
		assert!(RuntimeCall::decode(&mut &bytes[..]).is_err(), "{call} decoded from {filler:#x}s");
	}
}

#[test]
fn the_permission_table_lists_every_call_of_every_pallet() {
	let listed: Vec<String> = table().into_iter().map(|(call, _)| call).collect();
	let mut expected = Vec::new();
	for pallet in RuntimeCall::get_module_names() {
		for name in RuntimeCall::get_call_names(pallet) {
			expected.push(format!("{pallet}.{name}"));
		}
	}
	assert_eq!(listed, expected, "docs/permissions.md must list every call, in runtime order");
}

/// Prints the table the runtime would have (for writing new rows; ignored by default).
#[test]
#[ignore]
fn print_the_table_the_runtime_has() {
	for pallet in RuntimeCall::get_module_names() {
		for name in RuntimeCall::get_call_names(pallet) {
			let call = format!("{pallet}.{name}");
			if pallet == &"Grandpa" && name.starts_with("report_equivocation") {
				println!("| `{call}` |{}", format!(" {UNCONSTRUCTIBLE} |").repeat(7));
				continue;
			}
			let cells: Vec<String> = ROLES
				.iter()
				.map(|role| {
					genesis().execute_with(|| {
						base_state();
						outcome(dispatch(prepare(&call, role), role))
					})
				})
				.collect();
			println!("| `{call}` | {} |", cells.join(" | "));
		}
	}
}
