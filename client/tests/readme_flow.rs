//! The README's command-line flow, run literally (issue 11): the lines of the first `sh`
//! block under "The `dmchain` command-line tool" are executed one by one with `bash`, from the
//! repository's root, against a real dev node (`DMCHAIN_URL` points the CLI at it; the `export
//! PATH` line is replaced by putting this build's `dmchain` first on `PATH`). Each must exit 0,
//! so the README cannot drift from the code or from `examples/`.

use dmchain_test_node::{NodeHome, TestNode};
use std::{path::Path, process::Command};

const DMCHAIN: &str = env!("CARGO_BIN_EXE_dmchain");

/// The command lines of the README's CLI block, comments stripped.
fn readme_commands(readme: &str) -> Vec<String> {
	let section = readme
		.split("## The `dmchain` command-line tool")
		.nth(1)
		.expect("the README has a section on the command-line tool");
	let block = section
		.split("```sh\n")
		.nth(1)
		.and_then(|rest| rest.split("```").next())
		.expect("the section has an sh block");
	block
		.lines()
		.map(|line| line.split(" # ").next().unwrap_or(line).trim().to_string())
		.filter(|line| !line.is_empty() && !line.starts_with("export PATH="))
		.collect()
}

#[test]
fn the_readme_cli_flow_runs_as_written() {
	let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository root");
	let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
	let commands = readme_commands(&readme);
	assert!(commands.len() >= 8, "the README's CLI block: {commands:?}");
	assert!(commands.iter().all(|line| line.starts_with("dmchain ")), "{commands:?}");

	let home = NodeHome::new();
	let node = TestNode::start_dev(&home);
	let bin_dir = Path::new(DMCHAIN).parent().expect("the binary's directory");
	let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
	for line in &commands {
		let out = Command::new("bash")
			.args(["-c", line])
			.current_dir(root)
			.env("PATH", &path)
			.env("DMCHAIN_URL", node.ws_url())
			.env_remove("DMCHAIN_SURI")
			.env_remove("DMCHAIN_KEY_FILE")
			.output()
			.expect("run bash");
		assert!(
			out.status.success(),
			"README line `{line}` failed ({}):\n{}\n{}",
			out.status,
			String::from_utf8_lossy(&out.stdout),
			String::from_utf8_lossy(&out.stderr)
		);
		println!("ok: {line}");
	}
	node.stop();
}
