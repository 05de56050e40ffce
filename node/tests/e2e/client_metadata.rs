//! The client (`client/`) generates its static types from `client/metadata/dmchain.scale`. This
//! test starts the node built from this tree and fails when the metadata its runtime Wasm serves
//! differs from that file, so the two can never drift apart silently.
//!
//! `scripts/refresh-metadata.sh` runs it with `DMCHAIN_REFRESH_METADATA=1`, which rewrites the
//! file instead of comparing.

use crate::common::{start_dev, unhex, NodeHome};
use codec::Decode;
use serde_json::json;
use std::path::Path;

/// The metadata version the client is generated from.
const METADATA_VERSION: u32 = 16;

#[test]
fn client_metadata_file_is_what_the_runtime_serves() {
	let home = NodeHome::new();
	let node = start_dev(&home);
	let argument = format!(
		"0x{}",
		METADATA_VERSION.to_le_bytes().iter().map(|b| format!("{b:02x}")).collect::<String>()
	);
	let answer = node.rpc("state_call", json!(["Metadata_metadata_at_version", argument]));
	let encoded = unhex(answer.as_str().expect("state_call answers hex"));
	let served: Vec<u8> = Option::<Vec<u8>>::decode(&mut &encoded[..])
		.expect("Option<OpaqueMetadata>")
		.unwrap_or_else(|| panic!("the runtime has no metadata V{METADATA_VERSION}"));
	assert_eq!(&served[..4], b"meta", "metadata starts with its magic number");
	node.stop();

	let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../client/metadata/dmchain.scale");
	if std::env::var_os("DMCHAIN_REFRESH_METADATA").is_some() {
		std::fs::write(&file, &served).expect("write the client's metadata file");
		println!("wrote {} ({} bytes)", file.display(), served.len());
		return;
	}
	let committed = std::fs::read(&file).expect("client/metadata/dmchain.scale exists");
	assert!(
		committed == served,
		"client/metadata/dmchain.scale ({} bytes) differs from the metadata the runtime serves \
		 ({} bytes): run scripts/refresh-metadata.sh and rebuild the client",
		committed.len(),
		served.len()
	);
}
