// Runs the `dmchain` command-line tool (client/, path in $DMCHAIN_CLI) from zombienet's
// js-script sandbox, so the smoke test drives the network the way a city engineer would.
const { execFileSync } = require("child_process");
const os = require("os");
const path = require("path");
const fs = require("fs");

/** The payload the CLI anchors through one node and verifies on the others. */
const PAYLOAD = path.join(os.tmpdir(), "dmchain-zombienet-cli-payload.txt");
const PAYLOAD_TEXT = "junction 7, 2026-11-25T10:00Z, vehicles=41\n";

/** Writes the payload file (the same bytes on every call). */
function writePayload() {
  fs.writeFileSync(PAYLOAD, PAYLOAD_TEXT);
  return PAYLOAD;
}

/** Runs `dmchain --url <node> --json ...args`; its JSON answer, or throws with its exit code. */
function dmchain(nodeName, networkInfo, args) {
  const cli = process.env.DMCHAIN_CLI;
  if (!cli) throw new Error("DMCHAIN_CLI is not set (scripts/zombienet.sh sets it)");
  const { wsUri } = networkInfo.nodesByName[nodeName];
  const out = execFileSync(cli, ["--url", wsUri, "--json", ...args], {
    encoding: "utf8",
    timeout: 180000,
  });
  return JSON.parse(out.trim().split("\n").pop());
}

module.exports = { dmchain, writePayload };
