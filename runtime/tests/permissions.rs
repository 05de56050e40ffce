//! Walks `docs/permissions.md`: every call of dmchain's pallets, made by every role against the
//! real runtime (development preset), must succeed or fail exactly as the table says, and the
//! table must list every call (D3.7 CTL-1, CTL-3, MON-1, SVC-1, PRC-1).

use dmchain_primitives::{ContentHash, HashAlgorithm, SourceStatus};
use dmchain_runtime::{
	genesis_config_presets::development_genesis, AccountId, Runtime, RuntimeCall, RuntimeError,
	RuntimeGenesisConfig, RuntimeOrigin,
};
use frame_support::{traits::GetCallName, BoundedVec};
use pallet_data_registry::{RecordInput, Sources};
use pallet_operator_config::DataUserKind;
use serde_json::Value;
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

/// The development genesis, as the node builds it from the preset.
fn genesis() -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, development_genesis());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("deserialises");
	let mut ext: sp_io::TestExternalities = config.build_storage().expect("builds").into();
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_750_000_000_000);
	});
	ext
}

fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

fn dispatch(call: RuntimeCall, role: &str) -> Result<(), DispatchError> {
	call.dispatch(origin(role)).map(|_| ()).map_err(|e| e.error)
}

fn must(call: RuntimeCall, role: &str) {
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

/// Bob owns source 0 with Dave as its device; Charlie is an approved data user.
fn base_state() {
	use pallet_data_registry::Call as Registry;
	use pallet_operator_config::Call as Operators;
	must(
		RuntimeCall::DataRegistry(Registry::register_source {
			device: account(Sr25519Keyring::Dave),
			format: BoundedVec::truncate_from(b"traffic/v1".to_vec()),
			metadata: Default::default(),
		}),
		"owner",
	);
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

/// The call a row names, after the set-up that lets its intended role succeed.
fn prepare(row: &str) -> RuntimeCall {
	use pallet_data_registry::Call as Registry;
	use pallet_operator_config::Call as Operators;
	let pending_user = account(Sr25519Keyring::EveStash);
	let hold_source_for_approval = || {
		Sources::<Runtime>::mutate(0, |source| {
			source.as_mut().expect("source 0 exists").status = SourceStatus::PendingApproval
		})
	};
	match row {
		"DataRegistry.register_source" => RuntimeCall::DataRegistry(Registry::register_source {
			device: account(Sr25519Keyring::Eve),
			format: BoundedVec::truncate_from(b"air/v2".to_vec()),
			metadata: Default::default(),
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
			_ => format!("{error:?}"),
		},
	}
}

/// The table's rows: the call and one expected outcome per role.
fn table() -> Vec<(String, Vec<String>)> {
	let text = include_str!("../../docs/permissions.md");
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
		for (role, want) in ROLES.iter().zip(expected) {
			genesis().execute_with(|| {
				base_state();
				let prepared = prepare(&call);
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

#[test]
fn the_permission_table_lists_every_call_of_our_pallets() {
	let listed: Vec<String> = table().into_iter().map(|(call, _)| call).collect();
	let mut expected = Vec::new();
	for name in pallet_data_registry::Call::<Runtime>::get_call_names() {
		expected.push(format!("DataRegistry.{name}"));
	}
	for name in pallet_operator_config::Call::<Runtime>::get_call_names() {
		expected.push(format!("OperatorConfig.{name}"));
	}
	assert_eq!(listed, expected, "docs/permissions.md must list every call, in call order");
}
