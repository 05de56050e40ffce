// With the dmchain CLI through this node: registers a source (owner //Dave//stash, device
// //Charlie//stash, the preset's open format 0), has the preset's operator //Alice approve it
// and anchors the payload file; returns the block that holds the record.
const { dmchain, writePayload } = require("./cli.js");

async function run(nodeName, networkInfo) {
  const registered = dmchain(nodeName, networkInfo, [
    "--suri", "//Dave//stash",
    "source", "register", "--device", "//Charlie//stash", "--format", "0",
  ]);
  dmchain(nodeName, networkInfo, [
    "--suri", "//Alice", "operator", "approve-source", String(registered.source),
  ]);
  const anchored = dmchain(nodeName, networkInfo, [
    "--suri", "//Charlie//stash",
    "record", "submit", "--source", String(registered.source), "--file", writePayload(),
  ]);
  return anchored.receipt.finalized ? anchored.receipt.blockNumber : 0;
}

module.exports = { run };
