import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type ContractsChain, codeFields, startContractsChain } from "../../node/test/contracts/chain.ts";
import { bundleContract } from "../../cli/src/commands/contract/bundle.ts";
import { createKexinClient } from "../src/clients/createKexinClient.ts";
import { contractClient } from "../src/contracts/contractClient.ts";
import { getContractEvents } from "../src/contracts/getContractEvents.ts";
import { ApiError, SdkError } from "../src/errors.ts";
import { walletFromPrivateKey } from "../src/wallet/walletFromPrivateKey.ts";
import type * as token from "../../../examples/contracts/token/contract.ts";

// The token example, bundled as `kexin contract build` bundles it and activated on a real node, called and queried through the typed client.
type Token = typeof token;
const tokenSource = new URL("../../../examples/contracts/token/contract.ts", import.meta.url).pathname;
const supply = 1_000;
let chain: ContractsChain;

before(async () => {
  chain = await startContractsChain();
  const source = await bundleContract(tokenSource);
  const { bureau, hospital, bank } = chain.admins;
  const action = { kind: "deploy", name: "token", ...codeFields(chain.suite, source), policy: { transfer: [] }, init: { owner: chain.teller.address, supply } };
  for (const [admin, type, payload] of [
    [bureau, "propose", { id: "deploy-token", action }],
    [hospital, "approve", { id: "deploy-token" }],
    [bank, "approve", { id: "deploy-token" }],
  ] as const) {
    const outcome = await chain.send(admin, type, payload);
    assert.ok(outcome.stage === "committed" && outcome.status === "ok", `${type}: ${JSON.stringify(outcome)}`);
  }
});
after(async () => {
  await chain?.close();
});

function tokenAs(account?: { privateKey: Uint8Array }) {
  const client = createKexinClient({ url: chain.node.url, requestTimeoutMs: 10_000 });
  const wallet = account === undefined ? undefined : walletFromPrivateKey(chain.suite, account.privateKey);
  return contractClient<Token>(client, { contract: "token", wallet });
}

test("default: a call answers the method's value, events and commit; queries read committed state; getContractEvents finds both events", { timeout: 60_000 }, async () => {
  const teller = tokenAs(chain.teller);
  const transfer = await teller.call.transfer({ to: chain.clerk.address, amount: 250 });
  assert.deepEqual(transfer.value, { from: supply - 250, to: 250 });
  assert.deepEqual(transfer.events, [{ contract: "token", type: "transfer", data: { from: chain.teller.address, to: chain.clerk.address, amount: 250 } }]);
  assert.match(transfer.hash, /^[0-9a-f]{64}$/);
  assert.ok(transfer.height > 0 && transfer.cost > 0, JSON.stringify(transfer));

  const reader = tokenAs();
  assert.equal((await reader.query.balanceOf({ owner: chain.teller.address })).value, supply - 250);
  assert.equal((await reader.query.balanceOf({ owner: chain.clerk.address })).value, 250);
  const total = await reader.query.totalSupply();
  assert.equal(total.value, supply);
  assert.ok(total.gasUsed > 0, JSON.stringify(total));

  const client = createKexinClient({ url: chain.node.url, requestTimeoutMs: 10_000 });
  const events = await getContractEvents(client, { contract: "token", fromHeight: 1, toHeight: transfer.height });
  assert.deepEqual(events, [
    { contract: "token", type: "minted", data: { to: chain.teller.address, amount: supply }, height: events[0]?.height, txHash: events[0]?.txHash },
    { contract: "token", type: "transfer", data: { from: chain.teller.address, to: chain.clerk.address, amount: 250 }, height: transfer.height, txHash: transfer.hash },
  ]);
  assert.ok(events[0]!.height < transfer.height, "init's event is in the approving block, before the transfer");
});

test("error: a call the contract refuses throws its CONTRACT_ code and moves nothing", { timeout: 60_000 }, async () => {
  const clerk = tokenAs(chain.clerk);
  const held = (await clerk.query.balanceOf({ owner: chain.clerk.address })).value;
  await assert.rejects(clerk.call.transfer({ to: chain.teller.address, amount: held + 1 }, { gasLimit: 150_000 }), (error: unknown) => {
    assert.ok(error instanceof SdkError, String(error));
    assert.equal(error.code, "CONTRACT_THREW");
    return true;
  });
  assert.equal((await clerk.query.balanceOf({ owner: chain.clerk.address })).value, held);
});

test("error: what the types forbid is refused at run time too", { timeout: 60_000 }, async () => {
  const reader = tokenAs();
  assert.equal(await Promise.resolve(reader.call), reader.call, "the method tables are not taken for promises");
  await assert.rejects(reader.call.transfer({ to: chain.clerk.address, amount: 1 }), (error: unknown) => {
    assert.ok(error instanceof SdkError, String(error));
    assert.equal(error.code, "SDK_INVALID_PARAMETER");
    assert.match(error.message, /wallet/);
    return true;
  });
  const untyped = reader.query as unknown as Record<string, (args: unknown) => Promise<unknown>>;
  await assert.rejects(untyped.transfer!({ to: chain.clerk.address, amount: 1 }), (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, "CONTRACT_METHOD_NOT_ALLOWED");
    return true;
  });
  await assert.rejects(untyped.mint!({}), (error: unknown) => error instanceof ApiError && error.code === "CONTRACT_METHOD_NOT_FOUND");
});
