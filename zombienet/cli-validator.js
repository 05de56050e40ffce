// The validator-set steps through the dmchain CLI, as a joining organisation and an operator
// take them: `set-keys,//Eve` (run on eve's own node: it generates the session keys and Eve
// registers them), `add,//Eve` and `remove,//Dave` (the preset's operator //Alice). Returns the
// block that finalised the step (0 on failure).
const { dmchain } = require("./cli.js");

async function run(nodeName, networkInfo, args) {
  const [step, who] = args;
  let answer;
  if (step === "set-keys") {
    answer = dmchain(nodeName, networkInfo, ["--suri", who, "validator", "set-keys"]);
    answer = answer.receipt;
  } else if (step === "add" || step === "remove") {
    answer = dmchain(nodeName, networkInfo, [
      "--suri", "//Alice", "operator", `${step}-validator`, who,
    ]);
  } else {
    throw new Error(`unknown step ${step}`);
  }
  return answer.finalized ? answer.blockNumber : 0;
}

module.exports = { run };
