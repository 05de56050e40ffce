// Registers a source (the preset's open format 0), has the preset's operator //Alice approve it
// and anchors one record through this node; returns the number of the block that finalised the
// record (0 on failure).
const { DIGEST, connect, finalized } = require("./smoke-record.js");

async function run(nodeName, networkInfo) {
  const { api } = await connect(nodeName, networkInfo);
  const keyring = new zombie.Keyring({ type: "sr25519" });
  // The stash accounts: funded by the preset and by zombienet alike.
  const owner = keyring.addFromUri("//Alice//stash");
  const device = keyring.addFromUri("//Bob//stash");
  // The preset's operator; zombienet keeps the preset's balances, so it can pay.
  const operator = keyring.addFromUri("//Alice");
  const source = (await api.query.dataRegistry.nextSourceId()).toNumber();
  await finalized(api, api.tx.dataRegistry.registerSource(device.address, 0, "0x", null), owner);
  await finalized(api, api.tx.operatorConfig.approveSource(source), operator);
  const record = {
    content: { algorithm: "Blake2b256", digest: DIGEST },
    sequence: 1,
    deviceTime: Date.now(),
    replaces: null,
    metadata: [],
  };
  const block = await finalized(api, api.tx.dataRegistry.submitRecord(source, record), device);
  await api.disconnect();
  return block;
}

module.exports = { run };
