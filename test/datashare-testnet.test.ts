import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CryptoSuite, datashareSubjectReference, generateEncryptionKeyPair, generateSubjectKey, getSuite, importEncryptedKeyFile } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, createKexinClient, datashare, identity, walletFromPrivateKey } from "@kexin/sdk";
import { rejectionCode } from "../packages/core/test/rejectionCode.ts";
import { seededRandom } from "../packages/node/test/trace/fixtures.ts";
import { type RunningTestnet, startTestnet } from "./support/testnet.ts";

/**
 * Three departments, each run by its own validator of a 4-validator testnet, share encrypted
 * records: every department's people talk only to their own node, except to read a record, whose
 * data key and ciphertext only the owner's node holds.
 */
const departments = [
  { org: "bureau", node: 0, price: 3 },
  { org: "hospital", node: 1, price: 5 },
  { org: "notary", node: 2, price: 7 },
] as const;
type Department = (typeof departments)[number];
type Organisation = Department["org"];

const genesisCredits: Record<Organisation, number> = { bureau: 60, hospital: 40, notary: 12 };
const genesisTotal = Object.values(genesisCredits).reduce((sum, balance) => sum + balance, 0);
const commitTimeoutMs = 30_000;
const citizenId = "11010119900307123X";
const recordSchema = JSON.stringify({
  type: "object",
  properties: { name: { type: "string" }, detail: { type: "string" } },
  required: ["name", "detail"],
  additionalProperties: false,
});

interface Staff {
  readonly department: Department;
  readonly client: KexinClient;
  readonly admin: Wallet;
  readonly clerk: Wallet;
  readonly encryption: ReturnType<typeof generateEncryptionKeyPair>;
  readonly subjectKey: Uint8Array;
}

const datasetOf = (org: Organisation) => `${org}.records`;
const recordOf = (org: Organisation, index = 1) => `${org}-record-${index}`;
const recordValue = (org: Organisation, index = 1) => ({ name: "张三", detail: `${org} record ${index}` });

let testnet: RunningTestnet;
let suite: CryptoSuite;
let staff: Record<Organisation, Staff>;
/** Every successful access so far: its transaction, requester's organisation and dataset. */
const accesses: { tx: string; organisation: Organisation; dataset: string }[] = [];

/** Sends a call through the department's own node and waits there for its commit; the result may have failed. */
async function send(member: Staff, wallet: Wallet, call: TxCall) {
  const sent = await member.client.buildAndSend(wallet, call);
  return member.client.waitForCommit({ hash: sent.hash, timeoutMs: commitTimeoutMs });
}

async function commit(member: Staff, wallet: Wallet, call: TxCall) {
  const committed = await send(member, wallet, call);
  assert.equal(committed.result.status, "ok", `${call.module}.${call.type} by ${member.department.org}: ${committed.result.code} ${committed.result.message}`);
  return committed;
}

function clientOf(node: number): KexinClient {
  return createKexinClient({ url: (testnet.nodes[node] as RunningTestnet["nodes"][number]).url });
}

function adminWallet(org: string): Wallet {
  const key = importEncryptedKeyFile(readFileSync(join(testnet.dir, "keys", `${org}-admin.key`), "utf8"), "kexin-dev");
  return walletFromPrivateKey(key.suite, key.privateKey);
}

/** The requester reads a record through the owner's node, once that node has committed the access too. */
async function readThroughOwner(requester: Staff, owner: Staff, access: string, record: string) {
  await owner.client.waitForCommit({ hash: access, timeoutMs: commitTimeoutMs });
  return owner.client.datashare.readRecord({ wallet: requester.clerk, encryptionPrivateKey: requester.encryption.privateKey, access, record });
}

async function balancesAt(client: KexinClient): Promise<Record<Organisation, number>> {
  const entries = await Promise.all(departments.map(async ({ org }) => [org, (await client.datashare.getCredits({ organisation: org })).balance] as const));
  return Object.fromEntries(entries) as Record<Organisation, number>;
}

describe("datashare on a 4-validator testnet: three departments on three validators", () => {
  before(async () => {
    testnet = await startTestnet(4, { sections: { datashare: { credits: genesisCredits } } });
    suite = getSuite((await clientOf(0).getStatus()).suite);
    staff = Object.fromEntries(
      departments.map((department) => {
        const clerk = walletFromPrivateKey(suite.id, suite.generatePrivateKey());
        const member: Staff = { department, client: clientOf(department.node), admin: adminWallet(department.org), clerk, encryption: generateEncryptionKeyPair(suite), subjectKey: generateSubjectKey(suite) };
        return [department.org, member];
      }),
    ) as Record<Organisation, Staff>;
    // Each department sets itself up through its own node, all three at once.
    await Promise.all(
      departments.map(async ({ org, price }) => {
        const member = staff[org];
        await commit(member, member.admin, identity.registerMember({ org, address: member.clerk.address, name: `${org} clerk`, roles: [] }));
        await commit(member, member.admin, datashare.registerDataset({ id: datasetOf(org), title: { zh: `${org} 记录`, en: `${org} records` }, recordSchema, classification: "general", price }));
        await commit(member, member.clerk, datashare.registerEncryptionKey({ publicKey: member.encryption.publicKey }));
        const subject = datashareSubjectReference(suite, member.subjectKey, citizenId);
        for (const index of [1, 2]) {
          const shared = await member.client.datashare.shareRecord({ wallet: member.clerk, dataset: datasetOf(org), id: recordOf(org, index), record: recordValue(org, index), subject });
          await commit(member, member.clerk, shared.call);
        }
      }),
    );
  });
  after(async () => {
    await testnet?.stop();
  });

  test("default: each department grants the next, whose member accesses through its own validator and decrypts through the owner's", { timeout: 90_000 }, async () => {
    const head = (await staff.bureau.client.getStatus()).height;
    await Promise.all(
      departments.map(async ({ org }, index) => {
        const grantee = (departments[(index + 1) % departments.length] as Department).org;
        await commit(staff[org], staff[org].admin, datashare.grant({ dataset: datasetOf(org), grantee: { kind: "organisation", id: grantee }, purpose: "case work", expiresAt: head + 10_000, accessesMax: 1_000 }));
      }),
    );
    await Promise.all(
      departments.map(async ({ org }, index) => {
        const owner = staff[(departments[(index + departments.length - 1) % departments.length] as Department).org];
        const requester = staff[org];
        const accessed = await commit(requester, requester.clerk, datashare.access({ record: recordOf(owner.department.org), purpose: "case work" }));
        accesses.push({ tx: accessed.hash, organisation: org, dataset: datasetOf(owner.department.org) });
        const read = await readThroughOwner(requester, owner, accessed.hash, recordOf(owner.department.org));
        assert.deepEqual(read.value, recordValue(owner.department.org), `${org} decrypts ${owner.department.org}'s record`);
      }),
    );
  });

  test("error: a validator other than the owner's holds no key of the record and refuses with DATASHARE_KEY_NOT_HELD, naming the owner", { timeout: 60_000 }, async () => {
    const first = accesses.find((access) => access.dataset === datasetOf("notary"));
    assert.ok(first, "an access to notary's dataset was made");
    const requester = staff[first.organisation];
    const record = recordOf("notary");
    // Every validator knows the access (it is on chain), but only notary's node holds the key and the ciphertext.
    for (const node of [0, 1, 3]) {
      const client = clientOf(node);
      await client.waitForCommit({ hash: first.tx, timeoutMs: commitTimeoutMs });
      const refused = client.datashare.requestDataKey({ wallet: requester.clerk, access: first.tx, record, encryptionKey: requester.encryption.publicKey });
      await assert.rejects(refused, (error: { code?: string; status?: number; message?: string }) => {
        assert.deepEqual([error.code, error.status], ["DATASHARE_KEY_NOT_HELD", 404], String(error.message));
        assert.match(String(error.message), /"notary"/, "the refusal names the owner organisation");
        return true;
      });
      assert.equal(await rejectionCode(client.datashare.readRecord({ wallet: requester.clerk, encryptionPrivateKey: requester.encryption.privateKey, access: first.tx, record })), "DATASHARE_KEY_NOT_HELD");
    }
  });

  test("behavior: every access appears in its dataset's and its organisation's accesses on all four validators", { timeout: 60_000 }, async () => {
    assert.equal(accesses.length, departments.length);
    for (const node of testnet.nodes.keys()) {
      const client = clientOf(node);
      for (const access of accesses) {
        await client.waitForCommit({ hash: access.tx, timeoutMs: commitTimeoutMs });
        const byDataset = (await client.datashare.getAccesses({ dataset: access.dataset })).accesses.map((entry) => entry.tx);
        const byOrganisation = (await client.datashare.getAccesses({ organisation: access.organisation })).accesses.map((entry) => entry.tx);
        assert.ok(byDataset.includes(access.tx), `node${node + 1} lists ${access.tx} under ${access.dataset}`);
        assert.ok(byOrganisation.includes(access.tx), `node${node + 1} lists ${access.tx} under ${access.organisation}`);
      }
    }
  });

  test("behavior: every access appears in the subject's audit view, on any validator, for the citizen the owner bound and nobody else", { timeout: 60_000 }, async () => {
    for (const [index, { org }] of departments.entries()) {
      const owner = staff[org];
      const subject = datashareSubjectReference(suite, owner.subjectKey, citizenId);
      const citizen = walletFromPrivateKey(suite.id, suite.generatePrivateKey());
      const bound = await commit(owner, owner.clerk, datashare.bindSubjectKey({ subject, publicKey: citizen.publicKey }));
      const expected = accesses.filter((access) => access.dataset === datasetOf(org)).map((access) => access.tx);
      assert.ok(expected.length > 0, `${org}'s records were accessed`);
      // Read through another department's validator: the audit is the chain's, not the owner node's.
      const elsewhere = clientOf((departments[(index + 1) % departments.length] as Department).node);
      await elsewhere.waitForCommit({ hash: bound.hash, timeoutMs: commitTimeoutMs });
      const audit = await elsewhere.datashare.getSubjectAudit({ wallet: citizen, organisation: org, subject });
      assert.equal(audit.viewer, "subject");
      assert.deepEqual(
        audit.accesses.map((entry) => entry.tx),
        expected,
        `the citizen sees every access to ${org}'s records of them, oldest first`,
      );
      const stranger = staff[(departments[(index + 1) % departments.length] as Department).org].clerk;
      assert.equal(await rejectionCode(elsewhere.datashare.getSubjectAudit({ wallet: stranger, organisation: org, subject })), "DATASHARE_AUDIT_NOT_ALLOWED");
    }
  });

  test("behavior: after revocation the next access fails and the owner's node refuses the key, even for the earlier access", { timeout: 60_000 }, async () => {
    const owner = staff.bureau;
    const requester = staff.hospital;
    const earlier = accesses.find((access) => access.organisation === "hospital");
    assert.ok(earlier && earlier.dataset === datasetOf("bureau"));
    await commit(owner, owner.admin, datashare.revoke({ dataset: datasetOf("bureau"), grantee: { kind: "organisation", id: "hospital" } }));
    const refused = await send(requester, requester.clerk, datashare.access({ record: recordOf("bureau", 2), purpose: "case work" }));
    assert.deepEqual([refused.result.status, refused.result.code], ["failed", "DATASHARE_GRANT_REVOKED"]);
    // Wait until the owner's node has seen the refused access too, so it has committed the revocation.
    await owner.client.waitForCommit({ hash: refused.hash, timeoutMs: commitTimeoutMs });
    assert.equal(await rejectionCode(readThroughOwner(requester, owner, earlier.tx, recordOf("bureau"))), "DATASHARE_GRANT_REVOKED");
    assert.equal(
      await rejectionCode(owner.client.datashare.requestDataKey({ wallet: requester.clerk, access: refused.hash, record: recordOf("bureau", 2), encryptionKey: requester.encryption.publicKey })),
      "DATASHARE_ACCESS_NOT_FOUND",
      "a refused access has no access record to release a key against",
    );
    // Another department's grant is untouched.
    const other = await commit(staff.bureau, staff.bureau.clerk, datashare.access({ record: recordOf("notary", 2), purpose: "case work" }));
    assert.deepEqual((await readThroughOwner(staff.bureau, staff.notary, other.hash, recordOf("notary", 2))).value, recordValue("notary", 2));
  });

  const seed = Number(process.env.KEXIN_DATASHARE_SEED ?? randomInt(2 ** 31));
  const steps = 40;
  test(`property: credit balances sum to the genesis total after every block, over random operations spread over three validators (seed ${seed}; rerun with KEXIN_DATASHARE_SEED=${seed})`, { timeout: 120_000 }, async (context) => {
    context.diagnostic(`datashare testnet property seed ${seed}`);
    const next = seededRandom(seed);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
    const codes = new Map<string, number>();
    const clients = testnet.nodes.map((_, node) => clientOf(node));
    // Grants the sequence made and did not revoke, as "owner>grantee": accesses lean towards them, so that some pay.
    const granted = new Set<string>();
    for (let step = 0; step < steps; step += 1) {
      const actor = staff[pick(departments).org];
      const grantors = departments.filter(({ org }) => granted.has(`${org}>${actor.department.org}`));
      const target = staff[(grantors.length > 0 && next() < 0.6 ? pick(grantors) : pick(departments)).org];
      const roll = next();
      const head = (await actor.client.getStatus()).height;
      // One operation at a time and nothing else submitted: each block that changes state holds one of them,
      // so the balances read on every validator once it has committed that block are the balances after it.
      const call =
        roll < 0.35
          ? datashare.grant({ dataset: datasetOf(actor.department.org), grantee: { kind: "organisation", id: target.department.org }, purpose: "random", expiresAt: head + 5 + Math.floor(next() * 40), accessesMax: 1 + Math.floor(next() * 3) })
          : roll < 0.45
            ? datashare.revoke({ dataset: datasetOf(actor.department.org), grantee: { kind: "organisation", id: target.department.org } })
            : datashare.access({ record: recordOf(target.department.org, 1 + Math.floor(next() * 2)), purpose: "random" });
      const committed = await send(actor, call.type === "access" ? actor.clerk : actor.admin, call);
      if (committed.result.status === "ok" && call.type !== "access") {
        const pair = `${actor.department.org}>${target.department.org}`;
        if (call.type === "grant") granted.add(pair);
        else granted.delete(pair);
      }
      const paid = call.type === "access" && actor !== target;
      const code = committed.result.status === "ok" ? `${call.type}:${paid ? "paid" : "ok"}` : committed.result.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      for (const [node, client] of clients.entries()) {
        await client.waitForCommit({ hash: committed.hash, timeoutMs: commitTimeoutMs });
        const balances = await balancesAt(client);
        const sum = Object.values(balances).reduce((left, right) => left + right, 0);
        assert.equal(sum, genesisTotal, `node${node + 1} after step ${step} (${code}, height ${committed.height}): ${JSON.stringify(balances)} sum to ${sum}`);
        for (const [organisation, balance] of Object.entries(balances)) assert.ok(balance >= 0, `${organisation} went negative on node${node + 1} after step ${step}`);
      }
    }
    context.diagnostic(`outcomes ${JSON.stringify([...codes])}`);
    // The sequence must have moved credits and met refusals, or the property says little.
    assert.ok((codes.get("access:paid") ?? 0) >= 2, `fewer than two paid accesses (seed ${seed}): ${JSON.stringify([...codes])}`);
    assert.ok([...codes.keys()].some((code) => code.startsWith("DATASHARE_")), `no refusal in the sequence (seed ${seed}): ${JSON.stringify([...codes])}`);
  });
});
