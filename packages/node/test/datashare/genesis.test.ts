import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import pino from "pino";
import { parseGenesis } from "../../src/genesis.ts";
import { createNode } from "../../src/node.ts";

const suite = getSuite("intl");
const validatorKey = suite.generatePrivateKey();

function genesisWith(credits: unknown) {
  return parseGenesis({
    chainId: "kexin-datashare-genesis",
    suite: "intl",
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: ["tax", "housing"].map((id) => ({ id, name: id, admins: [toHex(suite.publicKeyOf(suite.generatePrivateKey()))] })),
    sections: { datashare: { credits } },
  });
}

async function startRefusal(credits: unknown): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-datashare-genesis-"));
  try {
    const node = await createNode({ genesis: genesisWith(credits), dataDir, validatorPrivateKey: validatorKey, api: { host: "127.0.0.1", port: 0 }, logger: pino({ level: "silent" }) });
    await node.close();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test("error: opening credits for an organisation the genesis does not name stop the chain from starting (DATASHARE_GENESIS_INVALID)", async () => {
  const error = (await startRefusal({ tax: 10, police: 5 })) as { code?: string; message?: string } | undefined;
  assert.equal(error?.code, "DATASHARE_GENESIS_INVALID");
  assert.match(error?.message ?? "", /"police"/);
});

test("error: opening credits whose total JavaScript cannot count exactly are refused; one balance at the bound is not", async () => {
  const error = (await startRefusal({ tax: Number.MAX_SAFE_INTEGER, housing: 1 })) as { code?: string } | undefined;
  assert.equal(error?.code, "DATASHARE_GENESIS_INVALID");
  assert.equal(await startRefusal({ tax: Number.MAX_SAFE_INTEGER }), undefined);
});

test("error: a negative or fractional opening balance is refused by the section's schema", async () => {
  for (const credits of [{ tax: -1 }, { tax: 1.5 }]) {
    const error = (await startRefusal(credits)) as { message?: string } | undefined;
    assert.ok(error instanceof Error, `credits ${JSON.stringify(credits)} were accepted`);
  }
});
