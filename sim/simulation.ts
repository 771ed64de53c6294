import { type CryptoSuite, VoteType, encodeCanonical, toHex, voteSigningBytes } from "@kexin/core";
import { blockLimitsBound } from "../packages/node/src/blockPipeline/index.ts";
import {
  type BftOptions,
  type ConsensusMessage,
  type Equivocation,
  type WireMessage,
  decodeConsensusMessage,
  defaultBftOptions,
  encodeConsensusMessage,
} from "../packages/node/src/consensus/bft/index.ts";
import type { CommittedBlock } from "../packages/node/src/consensus/index.ts";
import { type Genesis, parseGenesis } from "../packages/node/src/genesis.ts";
import { NonceIgnoringExecutor, forgeProposal } from "./byzantine.ts";
import { createSimulatedSuite, sha256 } from "./crypto.ts";
import { SimulatedDisk } from "./disk.ts";
import { EventQueue } from "./eventQueue.ts";
import { type ClientLoad, type LoadTx, createClientLoad, simulationChainId } from "./load.ts";
import { type NodeEnvironment, type NodeParts, SimulatedNode, consensusTopic, txTopic } from "./node.ts";
import { Random } from "./random.ts";
import { type ScenarioEvent, describeEvent, drawScenario } from "./scenario.ts";

export interface SimulationConfig {
  readonly validators: number;
  /** Validators that equivocate as proposer and double-vote; at most f = ⌊(n−1)/3⌋. */
  readonly byzantine: number;
  /** Virtual time with crashes, torn writes, partitions, drops and long delays. */
  readonly faultPhaseMs: number;
  /** After the network heals, every honest node must commit this many more heights… */
  readonly heightsAfterHeal: number;
  /** …and every valid transaction, within this much virtual time. */
  readonly livenessBoundMs: number;
  readonly eventsMax: number;
  /** Replaces parts of every honest node: a test passes a broken part to show the checks catch it. */
  readonly parts?: NodeParts;
  readonly trace?: boolean;
  readonly options?: BftOptions;
}

export const defaultSimulationConfig: SimulationConfig = {
  validators: 4,
  byzantine: 0,
  faultPhaseMs: 20_000,
  heightsAfterHeal: 3,
  livenessBoundMs: 60_000,
  eventsMax: 3_000_000,
};

export interface SimulationResult {
  readonly seed: number;
  readonly ok: boolean;
  readonly violations: readonly string[];
  /** Lowest committed height among honest nodes at the end. */
  readonly heightMin: number;
  readonly heightMax: number;
  readonly events: number;
  readonly evidence: number;
  /** Transactions committed by every honest node. */
  readonly txsCommitted: number;
  /** The run's schedule, as plain data. */
  readonly scenario: readonly ScenarioEvent[];
  readonly faults: readonly string[];
  readonly trace: readonly string[];
}

/** Client resubmission period: a transaction lost with a crashed node's mempool is sent again, as a real client would. */
const clientRetryMs = 1_500;
/** Promise work settles within a handful of turns; more means something loops. */
const settleTurnsMax = 1_000;

function settleMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function describeWire(message: WireMessage, hash: (bytes: Uint8Array) => Uint8Array): string {
  switch (message.type) {
    case "proposal":
      return `proposal h${message.height} r${message.round} vr${message.validRound} ${toHex(hash(message.header)).slice(0, 8)} (${message.txHashes.length / 32} txs)`;
    case "vote":
      return `${message.kind} h${message.height} r${message.round} ${message.blockHash ? toHex(message.blockHash).slice(0, 8) : "nil"}`;
    case "status":
      return `status h${message.height} r${message.round}`;
    case "syncRequest":
      return `syncRequest from h${message.fromHeight} ×${message.count}`;
    case "syncResponse":
      return `syncResponse ${message.blocks.length} blocks`;
    case "txsRequest":
      return `txsRequest h${message.height} ×${message.txHashes.length / 32}`;
    case "txsResponse":
      return `txsResponse h${message.height} ×${message.txs.length}`;
  }
}

function simulationGenesis(suite: CryptoSuite, validatorKeys: readonly Uint8Array[], load: ClientLoad): Genesis {
  return parseGenesis({
    chainId: simulationChainId,
    suite: suite.id,
    genesisTime: 1_700_000_000_000,
    consensus: "bft",
    validators: validatorKeys.map((key, index) => ({ name: `n${index}`, publicKey: toHex(suite.publicKeyOf(key)), power: 1 })),
    organisations: [{ id: "merchant", name: "Merchant", admins: [toHex(suite.publicKeyOf(sha256(new Uint8Array([1, 2, 3]))))] }],
    members: load.accountAddresses.map((address, index) => ({ org: "merchant", address, name: `account${index}`, roles: ["merchant"] })),
  });
}

/** A digest of a node's whole state and derived index, in key order. */
function stateDigest(node: SimulatedNode): string {
  const entries: (string | Uint8Array)[] = [];
  for (const { key, value } of node.store.stateRange("", Number.MAX_SAFE_INTEGER)) entries.push(key, value);
  for (const { key, value } of node.store.derivedIndexEntries()) entries.push(key, value);
  return toHex(sha256(encodeCanonical(entries))).slice(0, 16);
}

/** Runs one seeded schedule through real nodes and checks agreement, state, validity, no honest double-sign and liveness. */
export async function runSimulation(seed: number, configuration: Partial<SimulationConfig> = {}): Promise<SimulationResult> {
  const config: SimulationConfig = { ...defaultSimulationConfig, ...configuration };
  const options = config.options ?? defaultBftOptions;
  const random = new Random(seed);
  const queue = new EventQueue();
  const suite = createSimulatedSuite();
  const violations: string[] = [];
  const trace: string[] = [];
  const log = (line: string): void => {
    if (config.trace) trace.push(`${String(queue.now).padStart(7)}ms ${line}`);
  };
  const faultTolerance = Math.floor((config.validators - 1) / 3);
  if (config.byzantine > faultTolerance) throw new Error(`at most ${faultTolerance} of ${config.validators} validators may be Byzantine`);

  const validatorKeys = Array.from({ length: config.validators }, () => random.bytes(32));
  const load = createClientLoad(suite, random.fork());
  const txByHash = new Map(load.txs.map((tx) => [tx.hashHex, tx]));
  const genesis = simulationGenesis(suite, validatorKeys, load);
  const scenario = drawScenario(random.fork(), { validators: config.validators, byzantine: config.byzantine, faultPhaseMs: config.faultPhaseMs }, load.txs);
  const faults = scenario.filter((event) => event.kind !== "submit").map(describeEvent);
  const networkRandom = random.fork();
  const clientRandom = random.fork();
  const byzantineRandom = random.fork();

  let asyncPending = false;
  let evidenceCount = 0;
  const nodes: SimulatedNode[] = [];
  const nodeById = new Map<string, SimulatedNode>();
  const isHonest = (node: SimulatedNode): boolean => !node.byzantine;

  // Agreement and state: the first honest commit of a height fixes what every honest node must have there.
  const heights = new Map<number, { node: number; summary: string }>();
  const nextNonces = new Map<SimulatedNode, Map<string, number>>();
  const onCommitted = (node: SimulatedNode, block: CommittedBlock): void => {
    log(`n${node.index} COMMIT h${block.height} r${block.round} ${toHex(block.hash).slice(0, 8)} (${block.txs.length} txs)`);
    if (node.byzantine) return;
    const head = node.store.head();
    const summary = `block ${toHex(block.hash).slice(0, 8)} appHash ${toHex(head?.appHash ?? new Uint8Array()).slice(0, 8)} results ${toHex(block.header.resultsRoot).slice(0, 8)} state ${stateDigest(node)}`;
    const first = heights.get(block.height);
    if (!first) heights.set(block.height, { node: node.index, summary });
    else if (first.summary !== summary) violations.push(`agreement: at h${block.height} n${first.node} has ${first.summary}, n${node.index} has ${summary}`);
    // Validity: only valid transactions, each account's nonces consecutive from 0.
    let nonces = nextNonces.get(node);
    if (!nonces) nextNonces.set(node, (nonces = new Map()));
    for (const admitted of block.txs) {
      const known = txByHash.get(toHex(admitted.hash));
      if (!known || known.kind !== "valid") violations.push(`validity: n${node.index} committed ${known?.kind ?? "unknown"} tx ${known?.id ?? toHex(admitted.hash).slice(0, 8)} at h${block.height}`);
      const expected = nonces.get(admitted.address) ?? 0;
      if (admitted.tx.nonce !== expected) violations.push(`validity: n${node.index} committed nonce ${admitted.tx.nonce} of ${admitted.address.slice(0, 8)} at h${block.height}, expected ${expected}`);
      nonces.set(admitted.address, admitted.tx.nonce + 1);
    }
  };

  // No honest double-sign: every signed message an honest node sends is recorded.
  const signedByHonest = new Map<string, string>();
  const reportedDoubleSigns = new Set<string>();
  const recordSent = (node: SimulatedNode, message: ConsensusMessage): void => {
    if (message.type !== "vote" && message.type !== "proposal") return;
    // Nodes relay others' votes, so the signer is the vote's validator, not the sender.
    const signer = message.type === "vote" ? nodeById.get(toHex(message.validator)) : node;
    if (!signer || signer.byzantine) return;
    if (message.type === "proposal" && signer !== node) return;
    const kind = message.type === "vote" ? message.kind : "proposal";
    const value = message.type === "vote" ? (message.blockHash ? toHex(message.blockHash) : "nil") : toHex(node.runningParts?.application.identifyBlock(message.block)?.hash ?? sha256(message.block));
    const key = `${signer.index}/${message.height}/${message.round}/${kind}`;
    const known = signedByHonest.get(key);
    if (known === undefined) signedByHonest.set(key, value);
    else if (known !== value && !reportedDoubleSigns.has(key)) {
      reportedDoubleSigns.add(key);
      violations.push(`double-sign: honest n${signer.index} signed ${kind} h${message.height} r${message.round} for ${known.slice(0, 8)} and ${value.slice(0, 8)}`);
    }
  };

  const network = { dropProbability: 0, duplicateProbability: 0, delayMinMs: 1, delayMaxMs: 20, cutOff: new Set<number>() };
  const connected = (from: SimulatedNode, to: SimulatedNode): boolean => network.cutOff.size === 0 || network.cutOff.has(from.index) === network.cutOff.has(to.index);
  const limits = { messageBytesMax: options.messageBytesMax, syncBlocksMax: options.syncBlocksMax, blockTxsMax: blockLimitsBound.txsMax };
  const forgedTxs = new Map<SimulatedNode, Map<string, Uint8Array>>();

  const deliverLater = (from: SimulatedNode, to: SimulatedNode, topic: string, payload: Uint8Array): void => {
    if (to === from || !connected(from, to) || networkRandom.chance(network.dropProbability)) return;
    const copies = networkRandom.chance(network.duplicateProbability) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      queue.schedule(networkRandom.integer(network.delayMinMs, network.delayMaxMs), () => {
        if (!to.running || !connected(from, to)) return;
        if (config.trace) log(`n${to.index} <- n${from.index} ${topic === txTopic ? "txs" : describeWire(decodeConsensusMessage(payload, limits), suite.hash)}`);
        if (to.byzantine && topic === consensusTopic) byzantineReceive(to, from, decodeConsensusMessage(payload, limits));
        to.receive(from.id, topic, payload);
      });
    }
  };

  const transmit = (from: SimulatedNode, peer: string | undefined, topic: string, payload: Uint8Array): void => {
    const targets = peer === undefined ? nodes : [nodeById.get(peer)].filter((node): node is SimulatedNode => node !== undefined);
    for (const target of targets) deliverLater(from, target, topic, payload);
  };

  const splitPeers = (node: SimulatedNode): [SimulatedNode[], SimulatedNode[]] => {
    const first: SimulatedNode[] = [];
    const second: SimulatedNode[] = [];
    for (const other of nodes) if (other !== node) (byzantineRandom.chance(0.5) ? first : second).push(other);
    return [first, second];
  };

  const sendToAll = (from: SimulatedNode, targets: readonly SimulatedNode[], payload: Uint8Array): void => {
    for (const target of targets) deliverLater(from, target, consensusTopic, payload);
  };

  const signVote = (node: SimulatedNode, kind: "prevote" | "precommit", height: number, round: number, blockHash: Uint8Array | null): Uint8Array =>
    encodeConsensusMessage({ type: "vote", kind, height, round, blockHash, validator: node.publicKey, signature: node.sign(voteSigningBytes({ chainId: simulationChainId, height, round, type: VoteType[kind], blockHash })) });

  /** Equivocation: a second block for the same round, or a conflicting vote, to part of the peers. */
  const byzantineSend = (node: SimulatedNode, message: ConsensusMessage, payload: Uint8Array): void => {
    const parts = node.runningParts;
    if (message.type === "proposal" && parts) {
      const pool = load.txs.filter((tx) => tx.kind === "nonceBreaking");
      const breaking = byzantineRandom.chance(0.5) && pool.length > 0 ? [byzantineRandom.pick(pool)] : [];
      let forged: Uint8Array;
      try {
        forged = encodeConsensusMessage(
          forgeProposal({ suite, chainId: simulationChainId, registry: parts.registry, executor: parts.executor, sign: (bytes) => node.sign(bytes) }, message, breaking.map((tx) => tx.bytes)),
        );
      } catch {
        forged = payload;
      }
      let known = forgedTxs.get(node);
      if (!known) forgedTxs.set(node, (known = new Map()));
      for (const tx of breaking) known.set(tx.hashHex, tx.bytes);
      const [first, second] = splitPeers(node);
      sendToAll(node, first, payload);
      sendToAll(node, second, forged);
      return;
    }
    if (message.type === "vote" && byzantineRandom.chance(0.7)) {
      const conflicting = message.blockHash === null ? sha256(byzantineRandom.bytes(8)) : null;
      const [first, second] = splitPeers(node);
      sendToAll(node, first, payload);
      sendToAll(node, second, signVote(node, message.kind, message.height, message.round, conflicting));
      return;
    }
    sendToAll(node, nodes, payload);
  };

  /** A Byzantine validator prevotes and precommits every proposal it sees, and hands out the transactions of its forged blocks. */
  const byzantineReceive = (node: SimulatedNode, from: SimulatedNode, message: WireMessage): void => {
    if (message.type === "proposal") {
      const blockHash = suite.hash(message.header);
      const targets = nodes.filter((other) => other !== node);
      sendToAll(node, targets, signVote(node, "prevote", message.height, message.round, blockHash));
      sendToAll(node, targets, signVote(node, "precommit", message.height, message.round, blockHash));
    } else if (message.type === "txsRequest") {
      const known = forgedTxs.get(node);
      const txs: Uint8Array[] = [];
      for (let offset = 0; offset < message.txHashes.length; offset += 32) {
        const bytes = known?.get(toHex(message.txHashes.subarray(offset, offset + 32)));
        if (bytes) txs.push(bytes);
      }
      if (txs.length > 0) deliverLater(node, from, consensusTopic, encodeConsensusMessage({ type: "txsResponse", height: message.height, txs }));
    }
  };

  const environment: NodeEnvironment = {
    suite,
    genesis,
    options,
    now: () => queue.now,
    schedule: (delayMs, run) => queue.schedule(delayMs, run),
    sendConsensus: (from, message, peer) => {
      recordSent(from, message);
      const payload = from.encode(message);
      if (!payload) return;
      if (config.trace) log(`n${from.index} -> ${peer === undefined ? "all" : `n${nodeById.get(peer)?.index}`} ${describeWire(decodeConsensusMessage(payload, limits), suite.hash)}`);
      if (from.byzantine && peer === undefined) byzantineSend(from, message, payload);
      else transmit(from, peer, consensusTopic, payload);
    },
    transmit,
    asyncWorkStarted: () => {
      asyncPending = true;
    },
    committed: onCommitted,
    halted: (node, error) => {
      log(`n${node.index} HALT ${(error as Error).message}`);
      if (!node.byzantine) violations.push(`halt: honest n${node.index} halted at h${node.height}: ${(error as Error).message}`);
    },
    crashed: (node) => log(`n${node.index} CRASH mid-write at h${node.height}`),
    evidence: (node: SimulatedNode, evidence: Equivocation) => {
      const accused = nodeById.get(toHex(evidence.first.validator));
      evidenceCount += 1;
      log(`n${node.index} EVIDENCE against n${accused?.index}`);
      if (!accused || !accused.byzantine) violations.push(`evidence: n${node.index} accused honest validator n${accused?.index}`);
    },
  };

  for (let index = 0; index < config.validators; index += 1) {
    // The last validators are the Byzantine ones, so proposer rotation reaches them early and often.
    const byzantine = index >= config.validators - config.byzantine;
    const parts: NodeParts = byzantine
      ? { createExecutor: (registry, nodeSuite, state) => new NonceIgnoringExecutor(registry, nodeSuite, state, { error: () => undefined }) }
      : (config.parts ?? {});
    const node = new SimulatedNode(index, validatorKeys[index] as Uint8Array, new SimulatedDisk(), byzantine, environment, parts);
    nodes.push(node);
    nodeById.set(node.id, node);
  }
  const honest = nodes.filter(isHonest);

  const crash = (node: SimulatedNode): void => {
    if (!node.running) return;
    log(`n${node.index} CRASH at h${node.height} r${node.round}`);
    node.crash();
  };
  const restart = (node: SimulatedNode): void => {
    (node.store as SimulatedDisk).armTear(undefined);
    if (node.running || node.halted !== undefined) return;
    log(`n${node.index} RESTART from h${node.height}`);
    node.start();
  };

  // Clients: transactions are submitted as scheduled, and those not yet committed are sent again now and then.
  const submitted = new Set<LoadTx>();
  const submit = (node: SimulatedNode, txs: readonly LoadTx[]): void => {
    if (!node.running) return;
    log(`n${node.index} SUBMIT ${txs.map((tx) => tx.id).join(",")}`);
    node.submit(txs.map((tx) => tx.bytes));
  };
  const resubmit = (): void => {
    const running = honest.filter((node) => node.running);
    if (running.length === 0) return;
    for (let account = 0; account < load.accountKeys.length; account += 1) {
      const pending = load.txs.filter((tx) => tx.account === account && tx.kind === "valid" && submitted.has(tx) && !honest.some((node) => node.store.hasTx(tx.hash)));
      if (pending.length > 0) submit(clientRandom.pick(running), pending);
    }
  };
  const retry = (): void => {
    resubmit();
    queue.schedule(clientRetryMs, retry);
  };
  queue.schedule(clientRetryMs, retry);

  for (const event of scenario) {
    const targets = event.targets.map((index) => nodes[index] as SimulatedNode);
    switch (event.kind) {
      case "network":
        network.dropProbability = event.dropProbability;
        network.duplicateProbability = event.duplicateProbability;
        network.delayMaxMs = event.delayMaxMs;
        break;
      case "crash":
        for (const node of targets) {
          queue.schedule(event.atMs, () => crash(node));
          queue.schedule(Math.min(event.atMs + event.durationMs, config.faultPhaseMs), () => restart(node));
        }
        break;
      case "tornCrash":
        for (const node of targets) {
          queue.schedule(event.atMs, () => {
            log(`n${node.index} TEAR armed (${event.tear})`);
            if (node.running) (node.store as SimulatedDisk).armTear(event.tear);
          });
          queue.schedule(Math.min(event.atMs + event.durationMs, config.faultPhaseMs), () => restart(node));
        }
        break;
      case "partition": {
        const cutOff = new Set(event.targets);
        queue.schedule(event.atMs, () => {
          log(`PARTITION {${[...cutOff].join(",")}}`);
          network.cutOff = cutOff;
        });
        queue.schedule(Math.min(event.atMs + event.durationMs, config.faultPhaseMs), () => {
          log("PARTITION healed");
          network.cutOff = new Set();
        });
        break;
      }
      case "submit": {
        const txs = event.txs.map((id) => load.txs[id] as LoadTx);
        queue.schedule(event.atMs, () => {
          for (const tx of txs) submitted.add(tx);
          for (const node of targets) submit(node, txs);
        });
        break;
      }
    }
  }

  let withinBudget = true;
  /** Runs events until the time or the condition, letting promise work (intake, fetched transactions) settle after each. */
  const runUntil = async (timeMs: number, done: () => boolean = () => false): Promise<void> => {
    while (withinBudget && !done()) {
      if (!queue.runNext(timeMs)) return;
      if (queue.eventsRun > config.eventsMax) withinBudget = false;
      for (let turn = 0; asyncPending && turn < settleTurnsMax; turn += 1) {
        asyncPending = false;
        await settleMicrotasks();
      }
    }
  };

  for (const node of nodes) node.start();
  await runUntil(config.faultPhaseMs);

  // Liveness phase: heal everything and require progress and every valid transaction committed.
  log("HEAL");
  network.cutOff = new Set();
  network.dropProbability = 0;
  network.duplicateProbability = 0;
  network.delayMaxMs = 50;
  for (const node of honest) restart(node);
  const heightAtHeal = Math.max(...honest.map((node) => node.height));
  const target = heightAtHeal + config.heightsAfterHeal;
  const validTxs = load.txs.filter((tx) => tx.kind === "valid");
  const uncommitted = (node: SimulatedNode): LoadTx[] => validTxs.filter((tx) => !node.store.hasTx(tx.hash));
  const finished = (): boolean => honest.every((node) => node.height >= target && uncommitted(node).length === 0);
  const deadline = config.faultPhaseMs + config.livenessBoundMs;
  while (withinBudget && queue.now < deadline && !finished()) await runUntil(Math.min(queue.now + 250, deadline), finished);
  if (!withinBudget) violations.push(`budget: more than ${config.eventsMax} events`);
  const lagging = honest.filter((node) => node.height < target);
  if (lagging.length > 0) {
    violations.push(`liveness: ${config.livenessBoundMs}ms after healing, ${lagging.map((node) => `n${node.index} at h${node.height} (r${node.round})`).join(", ")} below h${target}`);
  }
  for (const node of honest) {
    const missing = uncommitted(node);
    if (missing.length > 0) violations.push(`liveness: ${config.livenessBoundMs}ms after healing, n${node.index} has not committed valid txs ${missing.map((tx) => tx.id).join(",")}`);
  }
  for (const node of nodes) node.crash();
  const finalHeights = honest.map((node) => node.height);
  const txsCommitted = validTxs.filter((tx) => honest.every((node) => node.store.hasTx(tx.hash))).length;
  return {
    seed,
    ok: violations.length === 0,
    violations,
    heightMin: Math.min(...finalHeights),
    heightMax: Math.max(...finalHeights),
    events: queue.eventsRun,
    evidence: evidenceCount,
    txsCommitted,
    scenario,
    faults,
    trace,
  };
}
