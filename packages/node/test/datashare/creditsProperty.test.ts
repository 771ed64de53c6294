import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "@kexin/core";
import { type DatashareChain, type DatashareOrganisation, datasetPayload, datashareOrganisations, startDatashareChain } from "./fixture.ts";

/** A small seeded generator (mulberry32), so a failing sequence is reproduced by its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function balances(chain: DatashareChain): Promise<Record<DatashareOrganisation, number>> {
  const entries = await Promise.all(datashareOrganisations.map(async (organisation) => [organisation, (await chain.query("credits", { organisation })).body.balance as number] as const));
  return Object.fromEntries(entries) as Record<DatashareOrganisation, number>;
}

const seed = Number(process.env.KEXIN_DATASHARE_SEED ?? 16);
const steps = 45;

test(`property: credit balances always sum to the genesis total over a random sequence of grants, revocations and accesses (seed ${seed})`, async () => {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const chain = await startDatashareChain({ credits: { tax: 40, housing: 25, health: 10 } });
  try {
    const total = 75;
    for (const organisation of datashareOrganisations) {
      await chain.commit(chain.admins[organisation], "register_dataset", datasetPayload(`${organisation}.data`, Math.floor(next() * 12)));
      await chain.commit(chain.clerks[organisation], "publish_record", { id: `${organisation}-1`, dataset: `${organisation}.data`, hash: toHex(chain.suite.randomBytes(32)), size: 64, subject: toHex(chain.suite.randomBytes(32)) });
    }
    const codes = new Map<string, number>();
    for (let step = 0; step < steps; step += 1) {
      const owner = pick(datashareOrganisations);
      const other = pick(datashareOrganisations);
      const roll = next();
      const head = (await chain.chain.get("/v1/status")).body.height as number;
      const outcome =
        roll < 0.3
          ? await chain.send(chain.admins[owner], "grant", { dataset: `${owner}.data`, grantee: { kind: "organisation", id: other }, purpose: "random", expiresAt: head + 1 + Math.floor(next() * 6), accessesMax: 1 + Math.floor(next() * 3) })
          : roll < 0.4
            ? await chain.send(chain.admins[owner], "revoke", { dataset: `${owner}.data`, grantee: { kind: "organisation", id: other } })
            : await chain.send(chain.clerks[other], "access", { record: `${owner}-1`, purpose: "random" });
      const code = outcome.stage === "committed" && outcome.status === "ok" ? "ok" : outcome.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      const now = await balances(chain);
      const sum = Object.values(now).reduce((left, right) => left + right, 0);
      assert.equal(sum, total, `after step ${step} (${code}) the balances ${JSON.stringify(now)} sum to ${sum}, not ${total}`);
      for (const [organisation, balance] of Object.entries(now)) assert.ok(balance >= 0, `${organisation} went negative after step ${step}`);
    }
    // The sequence must have exercised both paying accesses and refusals, or the property says little.
    assert.ok((codes.get("ok") ?? 0) >= 5, `too few successful operations: ${JSON.stringify([...codes])}`);
    assert.ok([...codes.keys()].some((code) => code.startsWith("DATASHARE_")), `no refusal in the sequence: ${JSON.stringify([...codes])}`);
  } finally {
    await chain.close();
  }
});
