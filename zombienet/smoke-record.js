// The record the smoke test anchors through one node and looks for on the others, and the
// helpers both scripts share. Runs inside zombienet's js-script sandbox (`zombie` global).

/** A fixed 32-byte digest standing for the payload of the smoke reading. */
const DIGEST = "0x4f2d5c1a9b7e3f60c8d1e2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

/** Connects to the node `nodeName`; returns the API and its provider (for our own RPC). */
async function connect(nodeName, networkInfo) {
  const { wsUri } = networkInfo.nodesByName[nodeName];
  const provider = new zombie.WsProvider(wsUri);
  const api = await zombie.ApiPromise.create({ provider, noInitWarn: true });
  return { api, provider };
}

/** Signs and sends `tx`; resolves with the number of the block that finalised it. */
function finalized(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, async ({ status, dispatchError }) => {
      if (dispatchError) {
        reject(new Error(`dispatch failed: ${dispatchError.toString()}`));
      } else if (status.isFinalized) {
        const header = await api.rpc.chain.getHeader(status.asFinalized);
        resolve(header.number.toNumber());
      }
    }).catch(reject);
  });
}

/** Polls `probe` every second until it returns a truthy value or `seconds` pass. */
async function eventually(seconds, probe) {
  for (let i = 0; i < seconds; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return 0;
}

module.exports = { DIGEST, connect, finalized, eventually };
