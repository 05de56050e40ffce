// Looks for the smoke record in this node's finalised state through `registry_recordsByHash`;
// returns how many anchors it finds (waits up to 90 s for them to arrive).
const { DIGEST, connect, eventually } = require("./smoke-record.js");

async function run(nodeName, networkInfo) {
  const { api, provider } = await connect(nodeName, networkInfo);
  const found = await eventually(90, async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const page = await provider.send("registry_recordsByHash", [DIGEST, null, null, head.toHex()]);
    return page.records.length;
  });
  await api.disconnect();
  return found;
}

module.exports = { run };
