// Node authorization (D3.7 CTL-5) through the dmchain CLI and the nodes' own RPC:
//   `enforce,ferdie`  operator //Alice authorizes every node but ferdie (peer ids from each node's
//                     `system_localPeerId`, owner //<Name>) and switches enforcement on;
//                     returns how many nodes `config nodes` lists;
//   `falls-behind`    waits until this node's best block is 10 or more behind alice's (it lost
//                     its peers); returns the gap;
//   `lift`            operator //Alice switches enforcement off; returns the block;
//   `catches-up`      waits until this node is within 3 blocks of alice's best again; returns 1.
const { dmchain } = require("./cli.js");
const { connect, eventually } = require("./smoke-record.js");

const WAIT_SECONDS = 240;

async function bestOf(nodeName, networkInfo) {
  const { api } = await connect(nodeName, networkInfo);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await api.disconnect();
  return best;
}

async function run(nodeName, networkInfo, args) {
  const [mode, excluded] = args;
  if (mode === "enforce") {
    for (const name of Object.keys(networkInfo.nodesByName)) {
      if (name === excluded) continue;
      const { api } = await connect(name, networkInfo);
      const peer = (await api.rpc.system.localPeerId()).toString();
      await api.disconnect();
      const owner = `//${name[0].toUpperCase()}${name.slice(1)}`;
      dmchain(nodeName, networkInfo, [
        "--suri", "//Alice", "operator", "authorize-node", peer, "--owner", owner,
      ]);
    }
    dmchain(nodeName, networkInfo, ["--suri", "//Alice", "operator", "node-authorization", "on"]);
    const listed = dmchain(nodeName, networkInfo, ["config", "nodes"]);
    return listed.enforced ? listed.nodes.length : 0;
  }
  if (mode === "lift") {
    const answer = dmchain(nodeName, networkInfo, [
      "--suri", "//Alice", "operator", "node-authorization", "off",
    ]);
    return answer.finalized ? answer.blockNumber : 0;
  }
  if (mode === "falls-behind" || mode === "catches-up") {
    return eventually(WAIT_SECONDS, async () => {
      const gap = (await bestOf("alice", networkInfo)) - (await bestOf(nodeName, networkInfo));
      if (mode === "falls-behind") return gap >= 10 ? gap : 0;
      return gap <= 3 ? 1 : 0;
    });
  }
  throw new Error(`unknown mode ${mode}`);
}

module.exports = { run };
