//! `dmchain`: the command-line tool for people and scripts, on top of `dmchain-client`.
//! Subcommands by actor; tables for people, `--json` for scripts, and exit codes that say what
//! happened (see `dmchain --help`).

mod bulk_input;
mod cli;
mod commands;
mod exit;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
	let cli = cli::Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return ExitCode::from(exit::CLIENT_ERROR);
		},
	};
	let json = cli.global.json;
	match runtime.block_on(commands::run(cli)) {
		Ok(code) => ExitCode::from(code),
		Err(error) => {
			let code = exit::code_of(&error);
			let hint = exit::hint_of(&error);
			if json {
				output::print_json(&serde_json::json!({
					"error": error.to_string(),
					"kind": exit::kind_of(&error),
					"hint": hint,
				}));
			}
			eprintln!("error: {error}");
			if let Some(hint) = hint {
				eprintln!("hint: {hint}");
			}
			ExitCode::from(code)
		},
	}
}
