import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };
const keyNames = ["bureau-admin", "hospital-admin"] as const;

describe("kexin gov against a real chain", () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  let directory: string;
  let home: string;
  let chain: TestChain;

  const cli = (args: readonly string[]) => runCli([...args, "--home", home, "--node", chain.url], passphrase);
  async function json(args: readonly string[]): Promise<unknown> {
    const run = await cli([...args, "--json"]);
    assert.equal(run.code, 0, `kexin ${args.join(" ")} succeeds: ${run.stdout}${run.stderr}`);
    return JSON.parse(run.stdout) as unknown;
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-gov-"));
    home = join(directory, "home");
    const publicKeys: string[] = [];
    for (const name of keyNames) {
      const created = await runCli(["keys", "new", name, "--home", home, "--json"], passphrase);
      assert.equal(created.code, 0, `key ${name} is created: ${created.stderr}`);
      publicKeys.push(parseJson(created.stdout).publicKey as string);
    }
    const genesis = parseGenesis({
      chainId: "kexin-cli-gov",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: keyNames.map((name, index) => ({ id: name.replace("-admin", ""), name, admins: [publicKeys[index] as string] })),
      members: [],
      sections: { governance: { parameters: { "governance.reviewWindowBlocks": 3 } } },
    });
    chain = await startTestChain({ genesis, validatorKey });
  });
  after(async () => {
    await chain?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  test("default: propose, approve and veto a parameter change; list proposals, parameters, scheduled changes and validators", async () => {
    const effectiveHeight = (chain.node.store.head()?.height ?? 0) + 50;
    await json(["gov", "propose-parameters", "--key", "bureau-admin", "--id", "bigger-blocks", "--set", "block.txsMax=6000", "--set", "contracts.callGasMax=400000", "--effective-height", String(effectiveHeight)]);
    await json(["gov", "approve", "bigger-blocks", "--key", "hospital-admin"]);
    const scheduled = (await json(["gov", "parameters", "--scheduled"])) as { name: string; height: number; value: number }[];
    assert.deepEqual(scheduled, [
      { name: "block.txsMax", height: effectiveHeight, value: 6_000 },
      { name: "contracts.callGasMax", height: effectiveHeight, value: 400_000 },
    ]);
    const at = (await json(["gov", "parameters", "--height", String(effectiveHeight)])) as { parameters: { name: string; value: number }[] };
    assert.equal(at.parameters.find((parameter) => parameter.name === "block.txsMax")?.value, 6_000);
    await json(["gov", "veto", "bigger-blocks", "--key", "hospital-admin"]);
    const listed = (await json(["gov", "list"])) as { proposals: { id: string; kind: string; status: string; vetoes: string[] }[] };
    assert.deepEqual(listed.proposals.map((proposal) => [proposal.id, proposal.kind, proposal.status, proposal.vetoes]), [["bigger-blocks", "parameters", "vetoed", ["hospital"]]]);
    assert.deepEqual(await json(["gov", "parameters", "--scheduled"]), [], "a vetoed change is no longer scheduled");
    const validators = (await json(["gov", "validators", "--height", "1"])) as { publicKey: string; power: number }[];
    assert.deepEqual(validators, [{ publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }]);
    const human = await cli(["gov", "parameters"]);
    assert.match(human.stdout, /block\.txsMax\s+5000\s+1\.\.10000\s+5000/, "the table shows value, bounds and default");
  });

  test("error: a value out of bounds is refused with its code", async () => {
    const run = await cli(["gov", "propose-parameters", "--key", "bureau-admin", "--id", "no-tx-fits", "--set", "block.bytesMax=1000", "--effective-height", "1000", "--json"]);
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /GOVERNANCE_PARAMETER_OUT_OF_BOUNDS/);
  });
});
