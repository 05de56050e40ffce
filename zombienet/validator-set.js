// Watches the validator set from this node (CTL-5):
//   `active,//Eve`   waits until the account validates in the current session; returns the
//                    session index + 1;
//   `inactive,//Dave` waits until it no longer does; returns the session index + 1;
//   `authored,//Eve` waits for a finalised block the account's node authored (the Aura slot's
//                    authority holds its registered aura key); returns the block number;
//   `finalises`      returns how far finality advanced within 30 s (0 if it stalled);
//   `resumes`        waits until finality advances by two blocks; returns the seconds it took
//                    (at least 1) and prints them.
const { connect, eventually } = require("./smoke-record.js");

const WAIT_SECONDS = 300;

async function run(nodeName, networkInfo, args) {
  const [mode, who] = args;
  const { api } = await connect(nodeName, networkInfo);
  const account = who ? new zombie.Keyring({ type: "sr25519" }).addFromUri(who).address : null;
  const validates = async () => {
    const validators = (await api.query.session.validators()).map((v) => v.toString());
    return validators.includes(account);
  };
  const session = async () => (await api.query.session.currentIndex()).toNumber() + 1;
  let result = 0;
  if (mode === "active") {
    result = await eventually(WAIT_SECONDS, async () => (await validates()) && session());
  } else if (mode === "inactive") {
    result = await eventually(WAIT_SECONDS, async () => !(await validates()) && session());
  } else if (mode === "authored") {
    result = await eventually(WAIT_SECONDS, () => authoredBy(api, account));
  } else if (mode === "finalises") {
    const start = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number;
    await new Promise((r) => setTimeout(r, 30000));
    const end = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number;
    result = end.toNumber() - start.toNumber();
  } else if (mode === "resumes") {
    const finalized = async () =>
      (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
    const start = await finalized();
    const began = Date.now();
    const resumed = await eventually(WAIT_SECONDS, async () => (await finalized()) >= start + 2);
    if (resumed) {
      result = Math.max(1, Math.round((Date.now() - began) / 1000));
      console.log(`finality resumed ${result} s after a second voter came back (from #${start})`);
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  await api.disconnect();
  return result;
}

/** The number of one of the last few finalised blocks that `account`'s aura key authored, or 0. */
async function authoredBy(api, account) {
  const keys = await api.query.session.nextKeys(account);
  if (keys.isNone) return 0;
  const aura = keys.unwrap().aura.toHex();
  let hash = await api.rpc.chain.getFinalizedHead();
  for (let back = 0; back < 5; back++) {
    const header = await api.rpc.chain.getHeader(hash);
    if (header.number.toNumber() === 0) return 0;
    const preRuntime = header.digest.logs.find(
      (log) => log.isPreRuntime && log.asPreRuntime[0].toString() === "aura",
    );
    if (preRuntime) {
      const slot = api.createType("u64", preRuntime.asPreRuntime[1].toU8a(true)).toBigInt();
      const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
      const author = authorities[Number(slot % BigInt(authorities.length))].toHex();
      if (author === aura) return header.number.toNumber();
    }
    hash = header.parentHash;
  }
  return 0;
}

module.exports = { run };
