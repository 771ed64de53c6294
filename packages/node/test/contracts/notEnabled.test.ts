import assert from "node:assert/strict";
import { test } from "node:test";
import { ContractSandboxNotLoaded, contractSandboxLoaded, createContractSandbox } from "../../src/modules/contracts/sandbox/index.ts";
import { argsHex, codeFields, startContractsChain } from "./chain.ts";

test("error: a chain whose genesis has no contracts section refuses contracts (CONTRACT_NOT_ENABLED) and never loads the interpreter", { timeout: 60_000 }, async () => {
  const chain = await startContractsChain({ contractsEnabled: false });
  try {
    const source = "export const methods = {}; ";
    const proposed = await chain.send(chain.admins.bureau, "propose", { id: "p1", action: { kind: "deploy", name: "nothing", ...codeFields(chain.suite, source), policy: {} } });
    assert.deepEqual([proposed.stage, proposed.code], ["admission", "CONTRACT_NOT_ENABLED"], JSON.stringify(proposed));
    const called = await chain.send(chain.clerk, "call", { contract: "nothing", method: "run", args: {}, gasLimit: 1_000 });
    assert.deepEqual([called.stage, called.code], ["admission", "CONTRACT_NOT_ENABLED"], JSON.stringify(called));
    const queried = await chain.query("query", { contract: "nothing", method: "run", args: argsHex({}) });
    assert.equal(queried.body.error?.code, "CONTRACT_NOT_ENABLED");
    assert.deepEqual((await chain.query("list")).body, [], "listing is still answered: there are none");
    assert.equal(await chain.nonce(chain.admins.bureau), 0, "nothing was committed");
    assert.equal(contractSandboxLoaded(), false, "the node did not load the interpreter");
    assert.throws(() => createContractSandbox(), ContractSandboxNotLoaded);
  } finally {
    await chain.close();
  }
});
