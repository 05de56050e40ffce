// With the dmchain CLI through this node: verifies the payload file anchored by cli-anchor.js;
// returns how many records anchor it (waits up to 90 s for finality to reach this node).
const { dmchain, writePayload } = require("./cli.js");

async function run(nodeName, networkInfo) {
  const payload = writePayload();
  for (let i = 0; i < 90; i++) {
    try {
      const answer = dmchain(nodeName, networkInfo, ["record", "verify", "--file", payload]);
      if (answer.anchored) return answer.records.length;
    } catch (e) {
      // exit code 1: not (yet) anchored on this node; anything else is retried too.
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return 0;
}

module.exports = { run };
