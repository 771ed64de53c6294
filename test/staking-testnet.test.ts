import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type ReceiptJson, fromHex, getSuite, toHex, validatorsHash } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, createKexinClient, staking, verifyReceipt } from "@kexin/sdk";
import { waitFor } from "./support/nodeProcess.ts";
import { type RunningTestnet, aliceIssues, assertNoFork, getJson, heightOf, startTestnet, submit } from "./support/testnet.ts";
import { commitOk, testnetWallet } from "./support/testnetClient.ts";

/**
 * Six organisations each run a node; the first four validate from genesis. Every node's validator
 * key is registered as its organisation's node key, and each organisation's admin stands its node
 * as a candidate. By self-stake alone node3 would keep its seat; alice's delegation lifts node5
 * above it, so the election replaces node3 and node4 with node5 and node6, which must then sign
 * blocks for the chain to go on.
 */
const selfStakes = [500, 400, 300, 200, 250, 350] as const;
const delegatedToNode5 = 300;
const epochBlocks = 10;
/** Nodes 1, 2, 5 and 6, in the election's order: node5 (550), node1, node2, node6. */
const electedNodes = [4, 0, 1, 5];
const commitTimeoutMs = 30_000;

let testnet: RunningTestnet;
let clients: KexinClient[];

function walletOf(name: string): Wallet {
  return testnetWallet(testnet, name);
}

function commit(client: KexinClient, wallet: Wallet, call: TxCall, who: string) {
  return commitOk(client, wallet, call, who, commitTimeoutMs);
}

/** The receipt of `hash` from `url`, checked offline against the hash of the validator set governance reports for its height. */
async function verifyAgainstItsSet(url: string, hash: string): Promise<{ height: number; validators: string[] }> {
  const answer = await getJson(`${url}/v1/txs/${hash}`);
  const receipt = answer.receipt as ReceiptJson;
  const height = answer.height as number;
  const suite = getSuite((await clients[0]?.getStatus())?.suite ?? "intl");
  const validators = await (clients[0] as KexinClient).governance.getValidators({ height });
  const anchor = toHex(validatorsHash(suite, validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power }))));
  const verification = verifyReceipt(receipt, { chainId: testnet.layout.chainId, validatorsHash: anchor });
  assert.ok(verification.ok, `the receipt at height ${height} verifies against its set: ${verification.error}`);
  return { height, validators: validators.map((validator) => validator.publicKey) };
}

describe("staking on a testnet: six candidates, four seats, the set switches at the epoch boundary plus the delay", () => {
  before(async () => {
    testnet = await startTestnet(6, {
      startTimeoutMs: 120_000,
      amendGenesis: (genesis, layout) => {
        const admins = layout.nodes.map((node) => layout.accounts.find((account) => account.name === `${node.org}-admin`));
        const alice = layout.accounts.find((account) => account.name === "alice");
        return {
          ...genesis,
          validators: genesis.validators.slice(0, 4),
          nodes: [...genesis.nodes, ...layout.nodes.map((node) => ({ org: node.org, name: `${node.name}-validator`, publicKey: node.validatorPublicKey }))],
          sections: {
            ...genesis.sections,
            staking: {
              enabled: true,
              allocations: Object.fromEntries([...admins, alice].map((account) => [account?.address as string, 1_000])),
              epochBlocks,
              validators: 4,
              selfStakeMin: 100,
              unbondingEpochs: 1,
              // More missed turns than an epoch has blocks never happens: no validator is jailed on a slow machine.
              missedTurnsMax: epochBlocks,
            },
          },
        };
      },
    });
    clients = testnet.nodes.map((node) => createKexinClient({ url: node.url }));
  });
  after(async () => {
    await testnet?.stop();
  });

  test("default: stake and delegation elect nodes 1, 2, 5 and 6; every node switches at the same height; blocks go on; receipts from both sides verify offline", { timeout: 90_000 }, async () => {
    const { layout } = testnet;
    const keyOf = (index: number): string => (layout.nodes[index] as (typeof layout.nodes)[number]).validatorPublicKey;
    const genesisSet = [0, 1, 2, 3].map(keyOf);
    const expected = electedNodes.map(keyOf);
    const first = clients[0] as KexinClient;

    const registered = await Promise.all(
      layout.nodes.map((node, index) => commit(clients[index] as KexinClient, walletOf(`${node.org}-admin`), staking.registerCandidate({ publicKey: node.validatorPublicKey, selfStake: selfStakes[index] as number }), `${node.org}-admin`)),
    );
    await commit(first, walletOf("alice"), staking.delegate({ candidate: keyOf(4), amount: delegatedToNode5 }), "alice");
    const ranked = await first.staking.getCandidates();
    assert.deepEqual(
      ranked.slice(0, 4).map((candidate) => candidate.publicKey),
      expected,
      "node5 leads with its delegation; node3 and node4 fall out",
    );

    // The election that chose this set ran at an epoch's last block and scheduled it 5 blocks later.
    const election = await waitFor(
      "an election to schedule nodes 1, 2, 5 and 6",
      async () => {
        const epoch = await first.staking.getEpoch();
        const last = epoch?.lastElection;
        // The record lists the set in its own order; the seats, not their order, are what the election decides.
        return last?.outcome === "scheduled" && JSON.stringify([...last.validators].sort()) === JSON.stringify([...expected].sort()) ? last : undefined;
      },
      60_000,
    );
    assert.equal(election.height % epochBlocks, 0, "elected at an epoch's last block");
    const switchHeight = election.effectiveHeight as number;
    assert.equal(switchHeight, election.height + 5, "in effect after governance's validator-change delay");

    // Blocks keep committing past the switch on all six nodes, signed by the new set.
    await waitFor(
      `every node to pass height ${switchHeight + 3}`,
      async () => ((await Promise.all(testnet.nodes.map((node) => heightOf(node.url)))).every((height) => height > switchHeight + 3) ? true : undefined),
      60_000,
    );
    for (const client of clients) {
      const before = (await client.governance.getValidators({ height: switchHeight - 1 })).map((validator) => validator.publicKey);
      const afterSwitch = (await client.governance.getValidators({ height: switchHeight })).map((validator) => validator.publicKey);
      assert.notDeepEqual(before, afterSwitch, "the set changes at the switch height");
      assert.deepEqual([...afterSwitch].sort(), [...expected].sort(), "the elected set decides from the switch height");
      const [previous, current] = await Promise.all([client.getBlock({ height: switchHeight - 1 }), client.getBlock({ height: switchHeight })]);
      assert.notEqual(previous.header.validatorsHash, current.header.validatorsHash, "headers name the new set from the switch height");
    }
    await assertNoFork(testnet.nodes);

    // A receipt from before the switch verifies against the genesis set, one from after against the elected set.
    const early = await verifyAgainstItsSet(testnet.nodes[5]?.url as string, (registered[0] as (typeof registered)[number]).hash);
    assert.ok(early.height < switchHeight);
    assert.deepEqual([...early.validators].sort(), [...genesisSet].sort(), "decided by the genesis validators");
    const aliceNonce = (await first.getAccount({ address: walletOf("alice").address })).nonce;
    const [late] = aliceIssues(testnet, Number(aliceNonce), 1);
    assert.equal(await submit(testnet.nodes[4]?.url as string, [late as { hex: string }]), 1, "node5 accepts alice's transaction");
    await waitFor("alice's transaction to commit on node3", async () => ((await getJson(`${testnet.nodes[2]?.url}/v1/txs/${late?.hash}`)).status === "committed" ? true : undefined), commitTimeoutMs);
    const lateVerified = await verifyAgainstItsSet(testnet.nodes[2]?.url as string, late?.hash as string);
    assert.ok(lateVerified.height >= switchHeight);
    assert.deepEqual([...lateVerified.validators].sort(), [...expected].sort(), "decided by the elected validators");
  });
});
