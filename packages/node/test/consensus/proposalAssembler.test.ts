import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { encodeHeader, toHex } from "@kexin/core";
import { type CompactProposalMessage, type ProposalMessage, ProposalAssembler, type WireMessage, proposalSigningBytes } from "../../src/consensus/bft/index.ts";
import { WorkerSignatureVerifier } from "../../src/mempool/index.ts";
import { type Ledger, type TestChainSpec, issueCall, openLedger, signedTxs, suite, testChainSpec, unexecutedHeader } from "./ledgerFixture.ts";

const fetchTimeoutMs = 300;
const opened: Ledger[] = [];
afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close();
});

function ledgerOf(spec: TestChainSpec, options: Parameters<typeof openLedger>[1] = {}): Ledger {
  const ledger = openLedger(spec, options);
  opened.push(ledger);
  return ledger;
}

/** A node's assembler; `peers` delivers what it sends, on a later turn of the event loop, as a network would. */
interface AssemblingNode {
  readonly assembler: ProposalAssembler;
  readonly delivered: ProposalMessage[];
  readonly sent: WireMessage[];
  /** Timers the assembler set, e.g. to abandon a proposal whose transactions do not come. */
  readonly timersSet: () => number;
}

function assemblingNode(spec: TestChainSpec, ledger: Ledger, route: (to: string, message: WireMessage) => void, timeoutMs = fetchTimeoutMs): AssemblingNode {
  const delivered: ProposalMessage[] = [];
  const sent: WireMessage[] = [];
  let timersSet = 0;
  const assembler = new ProposalAssembler({
    chainId: spec.genesis.chainId,
    application: ledger.application,
    intake: ledger.intake,
    hash: suite.hash,
    verifySignature: (publicKey, message, signature) => suite.verify(publicKey, message, signature),
    position: () => ({ height: ledger.application.committedHeight() + 1, round: 0 }),
    send: (peer, message) => {
      sent.push(message);
      setImmediate(() => route(peer, message));
    },
    deliver: (_from, message) => delivered.push(message),
    schedule: (durationMs, callback) => {
      timersSet += 1;
      const timer = setTimeout(callback, durationMs);
      return () => clearTimeout(timer);
    },
    guard: (work) => work(),
    fetchTimeoutMs: timeoutMs,
    responseBytesMax: 4 * 1024 * 1024,
    logger: { info: () => undefined, warn: () => undefined },
  });
  return { assembler, delivered, sent, timersSet: () => timersSet };
}

/** A proposer and a validator that can fetch from it; the proposer's key is the chain's only validator. */
function pair(spec: TestChainSpec, validatorOptions: Parameters<typeof openLedger>[1] = {}, timeoutMs = fetchTimeoutMs) {
  const proposerLedger = ledgerOf(spec, { proposerKey: spec.validatorKeys[0] });
  const validatorLedger = ledgerOf(spec, validatorOptions);
  const nodes: Record<string, AssemblingNode> = {};
  const route = (to: string, message: WireMessage): void => {
    const from = to === "proposer" ? "validator" : "proposer";
    const node = nodes[to] as AssemblingNode;
    if (message.type === "txsRequest") node.assembler.answer(from, message);
    if (message.type === "txsResponse") node.assembler.receiveTxs(from, message);
  };
  nodes.proposer = assemblingNode(spec, proposerLedger, route, timeoutMs);
  nodes.validator = assemblingNode(spec, validatorLedger, route, timeoutMs);
  return { proposerLedger, validatorLedger, proposer: nodes.proposer, validator: nodes.validator };
}

function signedProposal(spec: TestChainSpec, header: Uint8Array, txHashes: Uint8Array, height: number, signer = spec.validatorKeys[0] as Uint8Array): CompactProposalMessage {
  const signature = suite.sign(signer, proposalSigningBytes(spec.genesis.chainId, height, 0, -1, suite.hash(header)));
  return { type: "proposal", height, round: 0, validRound: -1, header, txHashes, signature };
}

/** The proposer builds block 1 from its mempool and signs its compact proposal. */
function proposeBlock(spec: TestChainSpec, ledger: Ledger, height = 1): { block: Uint8Array; message: CompactProposalMessage } {
  const block = ledger.application.buildBlock(height, 0);
  const compact = ledger.application.compactBlock(block);
  assert.ok(compact, "the built block compacts");
  return { block, message: signedProposal(spec, compact.header, compact.txHashes, height) };
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("default: a proposal whose transactions are all in the mempool is handed over whole at once, and validates", async () => {
  const spec = testChainSpec();
  const { proposerLedger, validatorLedger, validator } = pair(spec);
  const txs = signedTxs(spec, 0, 0, 20, issueCall(spec, 0));
  await proposerLedger.intake.submit(txs, "client");
  await validatorLedger.intake.submit(txs, "peer");
  const { block, message } = proposeBlock(spec, proposerLedger);
  validator.assembler.receive("proposer", message);
  assert.equal(validator.delivered.length, 1, "handed over in the same call");
  const delivered = validator.delivered[0] as ProposalMessage;
  assert.deepEqual(delivered.block, block, "the whole block, byte for byte as the proposer built it");
  assert.deepEqual(delivered.signature, message.signature, "with the proposal's signature");
  assert.equal(validatorLedger.application.validateBlock(1, delivered.block), undefined, "the block is valid");
  assert.equal(validator.sent.length, 0, "nothing was fetched");
  validator.assembler.receive("proposer", message);
  assert.equal(validator.delivered.length, 1, "a re-sent copy is dropped");
});

test("behavior: transactions the validator lacks are fetched from the peer that sent the proposal and verified before it is handed over", async () => {
  const spec = testChainSpec();
  const { proposerLedger, validatorLedger, validator } = pair(spec);
  const known = signedTxs(spec, 0, 0, 5, issueCall(spec, 0));
  const unknown = signedTxs(spec, 1, 0, 7, issueCall(spec, 1));
  await proposerLedger.intake.submit([...known, ...unknown], "client");
  await validatorLedger.intake.submit(known, "peer");
  const { block, message } = proposeBlock(spec, proposerLedger);
  validator.assembler.receive("proposer", message);
  assert.equal(validator.delivered.length, 0, "not handed over before the missing transactions arrive");
  await waitUntil("the proposal to be handed over", () => validator.delivered.length === 1);
  const request = validator.sent.find((sent) => sent.type === "txsRequest");
  assert.ok(request && request.type === "txsRequest", "one txsRequest was sent");
  assert.equal(request.txHashes.length, 7 * 32, "for exactly the 7 missing transactions");
  assert.deepEqual((validator.delivered[0] as ProposalMessage).block, block, "the whole block as the proposer built it");
  assert.equal(validatorLedger.application.validateBlock(1, block), undefined, "the block is valid");
  for (const tx of unknown) assert.ok(validatorLedger.mempool.has(toHex(suite.hash(tx))), "a fetched transaction is admitted to the validator's mempool too");
  assert.equal(validator.assembler.stats.txsReceived, 7, "7 transactions received");
  validatorLedger.commit(1, block);
  assert.equal(validatorLedger.store.head()?.height, 1, "the validator commits the block");
});

test("behavior: a proposal whose transactions are still being verified waits for them and fetches nothing", async () => {
  const spec = testChainSpec();
  // A worker thread takes a while to start; the proposal must not be abandoned meanwhile.
  const { proposerLedger, validatorLedger, validator } = pair(spec, { verifier: new WorkerSignatureVerifier(suite.id, 1) }, 20_000);
  const txs = signedTxs(spec, 2, 0, 400, issueCall(spec, 2));
  await proposerLedger.intake.submit(txs, "client");
  const gossip = validatorLedger.intake.submit(txs, "peer");
  const { block, message } = proposeBlock(spec, proposerLedger);
  validator.assembler.receive("proposer", message);
  await waitUntil("the proposal to be handed over", () => validator.delivered.length === 1, 20_000);
  assert.equal(validator.sent.length, 0, "nothing was fetched");
  assert.equal(validator.assembler.stats.proposalsWaited, 1, "the proposal waited");
  assert.equal(validatorLedger.application.validateBlock(1, (validator.delivered[0] as ProposalMessage).block), undefined, "the block is valid");
  await gossip;
  assert.deepEqual((validator.delivered[0] as ProposalMessage).block, block, "the whole block");
});

test("error: a fetched transaction with a bad signature reaches validation, which refuses the block", async () => {
  const spec = testChainSpec();
  const validatorLedger = ledgerOf(spec);
  const [good] = signedTxs(spec, 0, 0, 1, issueCall(spec, 0)) as [Uint8Array];
  const forged = Uint8Array.from(good);
  forged[forged.length - 3]! ^= 1;
  // A faulty proposer signs a block holding a forged transaction and serves it when asked.
  const header = encodeHeader(unexecutedHeader(spec, validatorLedger, [forged]));
  const validator = assemblingNode(spec, validatorLedger, (to, message) => {
    if (to === "proposer" && message.type === "txsRequest") setImmediate(() => validator.assembler.receiveTxs("proposer", { type: "txsResponse", height: 1, txs: [forged] }));
  });
  validator.assembler.receive("proposer", signedProposal(spec, header, suite.hash(forged), 1));
  await waitUntil("the proposal to be handed over", () => validator.delivered.length === 1);
  const reason = validatorLedger.application.validateBlock(1, (validator.delivered[0] as ProposalMessage).block);
  assert.match(reason ?? "", /^BLOCK_TX_INVALID: transaction 0 \([0-9a-f]{64}\) is invalid: TX_BAD_SIGNATURE: /, "validation names the forged transaction's signature");
});

test("error: a proposal with missing transactions that the round's proposer did not sign is dropped without fetching", async () => {
  const spec = testChainSpec();
  const { proposerLedger, validator } = pair(spec);
  await proposerLedger.intake.submit(signedTxs(spec, 0, 0, 3, issueCall(spec, 0)), "client");
  const { message } = proposeBlock(spec, proposerLedger);
  const compact = { header: message.header, txHashes: message.txHashes };
  validator.assembler.receive("proposer", signedProposal(spec, compact.header, compact.txHashes, 1, spec.senderKeys[0]));
  // Sending and waiting both start inside receive(); with no timer set and nothing sent, nothing can follow later.
  assert.equal(validator.timersSet(), 0, "no fetch is pending for a proposal from the wrong signer");
  assert.equal(validator.sent.length, 0, "nothing is fetched");
  assert.equal(validator.delivered.length, 0, "and nothing is handed over");
  validator.assembler.receive("proposer", message);
  assert.equal(validator.timersSet(), 1, "the proposer's own proposal is waited for");
  assert.equal(validator.sent[0]?.type, "txsRequest", "and its transactions are fetched");
  validator.assembler.close();
});

test("behavior: a proposal whose transactions never come is abandoned after txFetchTimeoutMs, and a copy re-sent later is assembled", async () => {
  const spec = testChainSpec();
  const proposerLedger = ledgerOf(spec, { proposerKey: spec.validatorKeys[0] });
  const validatorLedger = ledgerOf(spec);
  await proposerLedger.intake.submit(signedTxs(spec, 3, 0, 4, issueCall(spec, 3)), "client");
  let answering = false;
  const proposerNode = assemblingNode(spec, proposerLedger, (_to, message) => {
    if (message.type === "txsResponse") validator.assembler.receiveTxs("proposer", message);
  });
  const validator = assemblingNode(spec, validatorLedger, (_to, message) => {
    if (answering && message.type === "txsRequest") proposerNode.assembler.answer("validator", message);
  });
  const { block, message } = proposeBlock(spec, proposerLedger);
  validator.assembler.receive("proposer", message);
  await waitUntil("the proposal to be abandoned", () => validator.assembler.stats.proposalsAbandoned === 1, fetchTimeoutMs + 2_000);
  assert.equal(validator.delivered.length, 0, "nothing was handed over");
  answering = true;
  validator.assembler.receive("proposer", message);
  await waitUntil("the re-sent proposal to be handed over", () => validator.delivered.length === 1);
  assert.deepEqual((validator.delivered[0] as ProposalMessage).block, block, "the whole block");
});
