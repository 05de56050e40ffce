// With the dmchain CLI through this node: registers a source (owner //Dave//stash, device
// //Charlie//stash) and anchors the payload file; returns the block that holds the record.
const { dmchain, writePayload } = require("./cli.js");

async function run(nodeName, networkInfo) {
  const registered = dmchain(nodeName, networkInfo, [
    "--suri", "//Dave//stash",
    "source", "register", "--device", "//Charlie//stash", "--format", "smoke-cli/v1",
  ]);
  const anchored = dmchain(nodeName, networkInfo, [
    "--suri", "//Charlie//stash",
    "record", "submit", "--source", String(registered.source), "--file", writePayload(),
  ]);
  return anchored.receipt.finalized ? anchored.receipt.blockNumber : 0;
}

module.exports = { run };
