import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type CborValue, addressOf } from "@kexin/core";
import { type TestChain, startTestChain, waitForCommitted } from "../support.ts";

let chain: TestChain;
const registered: string[] = [];
let deviceAddress = "";
const nodeKey = "ab".repeat(32);

before(async () => {
  chain = await startTestChain();
  const { merchantAdmin } = chain.accounts;
  const nonce = (await chain.get(`/v1/accounts/${merchantAdmin.address}`)).body.nonce as number;
  const calls: { module: string; type: string; payload: CborValue }[] = [];
  for (let index = 0; index < 3; index++) {
    const address = addressOf(chain.suite, chain.suite.publicKeyOf(chain.suite.generatePrivateKey()));
    registered.push(address);
    calls.push({ module: "identity", type: "register_member", payload: { org: "merchant", address, name: `member ${index}`, roles: ["clerk"] } });
  }
  deviceAddress = addressOf(chain.suite, chain.suite.publicKeyOf(chain.suite.generatePrivateKey()));
  calls.push({ module: "identity", type: "register_device", payload: { org: "merchant", address: deviceAddress, name: "camera", model: "CAM-1" } });
  calls.push({ module: "identity", type: "register_node", payload: { org: "merchant", publicKey: nodeKey, name: "merchant node" } });
  const signed = await Promise.all(calls.map((call, offset) => chain.sign(merchantAdmin, call, { nonce: nonce + offset })));
  const batch = await chain.post("/v1/txs/batch", { txs: signed.map((entry) => entry.hex) });
  assert.equal(batch.body.accepted, calls.length, JSON.stringify(batch.body));
  for (const entry of signed) assert.equal(((await waitForCommitted(chain, entry.hash)).result as { status: string }).status, "ok");
  // Revoking is authorised against committed state, so it waits for the registration.
  const revoke = await chain.sign(merchantAdmin, { module: "identity", type: "revoke", payload: { address: registered[0] as string } });
  assert.equal((await chain.post("/v1/txs", { tx: revoke.hex })).status, 202);
  assert.equal(((await waitForCommitted(chain, revoke.hash)).result as { status: string }).status, "ok");
});
after(async () => {
  await chain?.close();
});

type AccountsPage = { org: string; total: number; offset: number; next: number | null; accounts: { address: string; kind: string; name: string; roles: string[]; active: boolean; model: string }[] };

describe("identity accounts", () => {
  test("default: genesis admin and member, registered members and devices, revoked ones marked", async () => {
    const answer = await chain.get("/v1/query/identity/accounts?org=merchant");
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const page = answer.body as unknown as AccountsPage;
    assert.equal(page.total, 6, "the genesis admin, alice from genesis, three members and a device");
    assert.equal(page.next, null);
    const byAddress = new Map(page.accounts.map((account) => [account.address, account]));
    assert.equal(byAddress.get(chain.accounts.merchantAdmin.address)?.kind, "admin");
    assert.deepEqual(byAddress.get(chain.accounts.alice.address)?.roles, ["merchant"]);
    assert.equal(byAddress.get(registered[0] as string)?.active, false);
    assert.equal(byAddress.get(registered[1] as string)?.active, true);
    assert.equal(byAddress.get(deviceAddress)?.model, "CAM-1");
    const addresses = page.accounts.map((account) => account.address);
    assert.deepEqual(addresses, [...addresses].sort(), "address order");
    const hospital = (await chain.get("/v1/query/identity/accounts?org=hospital")).body as unknown as AccountsPage;
    assert.deepEqual(
      hospital.accounts.map((account) => account.kind),
      ["admin"],
    );
  });

  test("behavior: pages of two walk the list once, in order", async () => {
    const whole = ((await chain.get("/v1/query/identity/accounts?org=merchant")).body as unknown as AccountsPage).accounts.map((account) => account.address);
    const walked: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = (await chain.get(`/v1/query/identity/accounts?org=merchant&offset=${offset}&limit=2`)).body as unknown as AccountsPage;
      assert.ok(page.accounts.length <= 2);
      assert.equal(page.offset, offset);
      walked.push(...page.accounts.map((account) => account.address));
      offset = page.next;
    }
    assert.deepEqual(walked, whole);
    const beyond = (await chain.get("/v1/query/identity/accounts?org=merchant&offset=50")).body as unknown as AccountsPage;
    assert.deepEqual([beyond.accounts.length, beyond.next], [0, null]);
  });

  test("behavior: kind keeps one kind", async () => {
    const members = (await chain.get("/v1/query/identity/accounts?org=merchant&kind=member")).body as unknown as AccountsPage;
    assert.equal(members.total, 4);
    assert.ok(members.accounts.every((account) => account.kind === "member"));
    const devices = (await chain.get("/v1/query/identity/accounts?org=merchant&kind=device")).body as unknown as AccountsPage;
    assert.deepEqual(
      devices.accounts.map((account) => account.address),
      [deviceAddress],
    );
  });

  test("error: bad parameters are refused with their codes", async () => {
    const cases: [string, number, string][] = [
      ["org=nobody", 400, "IDENTITY_UNKNOWN_ORGANISATION"],
      ["org=merchant&limit=0", 400, "API_INVALID_INTEGER"],
      ["org=merchant&limit=101", 400, "API_INVALID_INTEGER"],
      ["org=merchant&offset=-1", 400, "API_INVALID_INTEGER"],
      ["org=merchant&kind=robot", 400, "API_BAD_REQUEST"],
      ["org=Merchant!", 400, "API_BAD_REQUEST"],
      ["", 400, "API_BAD_REQUEST"],
    ];
    for (const [query, status, code] of cases) {
      const answer = await chain.get(`/v1/query/identity/accounts?${query}`);
      assert.equal(answer.status, status, `${query}: ${JSON.stringify(answer.body)}`);
      assert.equal((answer.body.error as { code: string }).code, code, query);
    }
  });
});

describe("identity node_keys", () => {
  test("default: genesis and registered node keys of one organisation", async () => {
    const answer = await chain.get("/v1/query/identity/node_keys?org=merchant");
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { org: "merchant", total: 1, offset: 0, next: null, nodeKeys: [{ publicKey: nodeKey, org: "merchant", name: "merchant node" }] });
    const hospital = await chain.get("/v1/query/identity/node_keys?org=hospital&limit=1");
    assert.deepEqual(hospital.body, { org: "hospital", total: 0, offset: 0, next: null, nodeKeys: [] });
  });

  test("error: an unknown organisation and a bad limit", async () => {
    assert.equal(((await chain.get("/v1/query/identity/node_keys?org=nobody")).body.error as { code: string }).code, "IDENTITY_UNKNOWN_ORGANISATION");
    assert.equal(((await chain.get("/v1/query/identity/node_keys?org=merchant&limit=1000")).body.error as { code: string }).code, "API_INVALID_INTEGER");
  });
});

