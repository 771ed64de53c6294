import { toHex } from "@kexin/core";
import type {
  TendermintEngine} from "./imports.ts";
import {
  type BftOptions,
  type ConsensusMessage,
  type Equivocation,
  type EngineParameters,
  MemoryWal,
  Replica,
  ValidatorSet,
  VoteType,
  defaultBftOptions,
  proposalSigningBytes,
  voteSigningBytes,
} from "./imports.ts";
import { SimulatedApplication, SimulatedChain, decodeSimulatedBlock, encodeSimulatedBlock } from "./application.ts";
import { SimulatedKeys, sha256 } from "./crypto.ts";
import { EventQueue } from "./eventQueue.ts";
import { Random } from "./random.ts";

export interface SimulationConfig {
  readonly validators: number;
  /** Validators that equivocate as proposer and double-vote; at most f = ⌊(n−1)/3⌋. */
  readonly byzantine: number;
  /** Virtual time with crashes, partitions, drops and long delays. */
  readonly faultPhaseMs: number;
  /** After the network heals, every honest node must commit this many more heights… */
  readonly heightsAfterHeal: number;
  /** …within this much virtual time. */
  readonly livenessBoundMs: number;
  readonly eventsMax: number;
  /** Builds each honest validator's engine; a test passes a broken one to show the checks catch it. */
  readonly createEngine?: (parameters: EngineParameters) => TendermintEngine;
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
  readonly faults: readonly string[];
  readonly trace: readonly string[];
}

interface SimulatedNode {
  readonly index: number;
  readonly id: string;
  readonly byzantine: boolean;
  readonly key: { publicKey: Uint8Array; sign: (message: Uint8Array) => Uint8Array };
  readonly wal: MemoryWal;
  readonly chain: SimulatedChain;
  readonly random: Random;
  replica: Replica | undefined;
  /** Bumped by every crash so callbacks of a dead incarnation do nothing. */
  incarnation: number;
}

interface NetworkConditions {
  dropProbability: number;
  duplicateProbability: number;
  delayMinMs: number;
  delayMaxMs: number;
  /** Node index → group; messages cross only within a group. Empty: no partition. */
  groups: number[];
}

const describe = (message: ConsensusMessage): string => {
  switch (message.type) {
    case "proposal": {
      const block = decodeSimulatedBlock(message.block);
      return `proposal h${message.height} r${message.round} vr${message.validRound} ${toHex(sha256(message.block)).slice(0, 8)} (by n${block?.proposer})`;
    }
    case "vote":
      return `${message.kind} h${message.height} r${message.round} ${message.blockHash ? toHex(message.blockHash).slice(0, 8) : "nil"}`;
    case "status":
      return `status h${message.height} r${message.round}`;
    case "syncRequest":
      return `syncRequest from h${message.fromHeight} ×${message.count}`;
    case "syncResponse":
      return `syncResponse ${message.blocks.length} blocks`;
  }
};

/** Runs one seeded schedule and checks agreement, validity, no honest double-sign and liveness. */
export function runSimulation(seed: number, configuration: Partial<SimulationConfig> = {}): SimulationResult {
  const config: SimulationConfig = { ...defaultSimulationConfig, ...configuration };
  const options = config.options ?? defaultBftOptions;
  const chainId = "sim";
  const random = new Random(seed);
  const queue = new EventQueue();
  const keys = new SimulatedKeys();
  const violations: string[] = [];
  const faults: string[] = [];
  const trace: string[] = [];
  const log = (line: string): void => {
    if (config.trace) trace.push(`${String(queue.now).padStart(7)}ms ${line}`);
  };
  const faultTolerance = Math.floor((config.validators - 1) / 3);
  if (config.byzantine > faultTolerance) throw new Error(`at most ${faultTolerance} of ${config.validators} validators may be Byzantine`);

  const nodes: SimulatedNode[] = [];
  for (let index = 0; index < config.validators; index += 1) {
    nodes.push({
      index,
      id: `n${index}`,
      // The last validators are the Byzantine ones, so proposer rotation reaches them early and often.
      byzantine: index >= config.validators - config.byzantine,
      key: keys.create(random.bytes(32)),
      wal: new MemoryWal(),
      chain: new SimulatedChain(),
      random: random.fork(),
      replica: undefined,
      incarnation: 0,
    });
  }
  const validators = new ValidatorSet(nodes.map((node) => ({ publicKey: node.key.publicKey, power: 1 })));
  const honest = nodes.filter((node) => !node.byzantine);

  // Agreement and validity: the first honest commit of a height fixes it for everyone.
  const decided = new Map<number, string>();
  const onCommit = (node: SimulatedNode, height: number, hash: Uint8Array, block: Uint8Array): void => {
    const hex = toHex(hash);
    log(`n${node.index} COMMIT h${height} ${hex.slice(0, 8)}`);
    if (node.byzantine) return;
    const known = decided.get(height);
    if (known === undefined) decided.set(height, hex);
    else if (known !== hex) violations.push(`agreement: height ${height} decided as ${known.slice(0, 8)} and as ${hex.slice(0, 8)} (n${node.index})`);
    const decoded = decodeSimulatedBlock(block);
    const previous = node.chain.committed[height - 2];
    if (!decoded || decoded.height !== height || toHex(decoded.prevHash) !== toHex(previous?.hash ?? new Uint8Array(32))) {
      violations.push(`validity: n${node.index} committed an invalid block at height ${height}`);
    }
  };

  // No honest double-sign: every signed message an honest node sends is recorded.
  const signedByHonest = new Map<string, string>();
  const reportedDoubleSigns = new Set<string>();
  const recordSent = (message: ConsensusMessage): void => {
    if (message.type !== "vote" && message.type !== "proposal") return;
    // Nodes relay others' votes, so the signer is the vote's validator, not the sender.
    const signer = message.type === "vote" ? validators.indexOf(message.validator) : validators.proposer(message.height, message.round);
    if (signer === undefined || (nodes[signer] as SimulatedNode).byzantine) return;
    const kind = message.type === "vote" ? message.kind : "proposal";
    const value = message.type === "vote" ? (message.blockHash ? toHex(message.blockHash) : "nil") : toHex(sha256(message.block));
    const key = `${signer}/${message.height}/${message.round}/${kind}`;
    const known = signedByHonest.get(key);
    if (known === undefined) signedByHonest.set(key, value);
    else if (known !== value && !reportedDoubleSigns.has(key)) {
      reportedDoubleSigns.add(key);
      violations.push(`double-sign: honest n${signer} signed ${kind} h${message.height} r${message.round} for ${known.slice(0, 8)} and ${value.slice(0, 8)}`);
    }
  };

  let evidenceCount = 0;
  const onEvidence = (node: SimulatedNode, evidence: Equivocation): void => {
    const accused = validators.indexOf(evidence.first.validator);
    evidenceCount += 1;
    log(`n${node.index} EVIDENCE against n${accused} ${describe(evidence.first)} / ${describe(evidence.second)}`);
    if (accused === undefined || !(nodes[accused] as SimulatedNode).byzantine) violations.push(`evidence: n${node.index} accused honest validator n${accused}`);
  };

  const conditions: NetworkConditions = {
    dropProbability: random.pick([0, 0.02, 0.1, 0.25]),
    duplicateProbability: random.pick([0, 0.05]),
    delayMinMs: 1,
    delayMaxMs: random.pick([20, 150, 600, 2_000]),
    groups: [],
  };
  faults.push(`network drop ${conditions.dropProbability} duplicate ${conditions.duplicateProbability} delay ≤${conditions.delayMaxMs}ms`);
  const networkRandom = random.fork();
  const connected = (from: number, to: number): boolean => conditions.groups.length === 0 || conditions.groups[from] === conditions.groups[to];

  const deliverLater = (from: SimulatedNode, to: SimulatedNode, message: ConsensusMessage): void => {
    if (!connected(from.index, to.index) || networkRandom.chance(conditions.dropProbability)) return;
    const copies = networkRandom.chance(conditions.duplicateProbability) ? 2 : 1;
    for (let copy = 0; copy < copies; copy += 1) {
      const delayMs = networkRandom.integer(conditions.delayMinMs, conditions.delayMaxMs);
      const incarnation = to.incarnation;
      queue.schedule(delayMs, () => {
        if (to.incarnation !== incarnation || !to.replica || !connected(from.index, to.index)) return;
        log(`n${to.index} <- n${from.index} ${describe(message)}`);
        receive(to, from, message);
      });
    }
  };

  const receive = (to: SimulatedNode, from: SimulatedNode, message: ConsensusMessage): void => {
    if (to.byzantine && message.type === "proposal") byzantineVoteForEverything(to, message);
    to.replica?.receive(from.id, message);
  };

  const sendFrom = (node: SimulatedNode, targets: readonly SimulatedNode[], message: ConsensusMessage): void => {
    recordSent(message);
    for (const target of targets) if (target !== node) deliverLater(node, target, message);
  };

  const others = (node: SimulatedNode): SimulatedNode[] => nodes.filter((other) => other !== node);

  /** Splits the peers at random: Byzantine nodes tell each half a different story. */
  const splitPeers = (node: SimulatedNode): [SimulatedNode[], SimulatedNode[]] => {
    const first: SimulatedNode[] = [];
    const second: SimulatedNode[] = [];
    for (const other of others(node)) (node.random.chance(0.5) ? first : second).push(other);
    return [first, second];
  };

  const signVote = (node: SimulatedNode, kind: "prevote" | "precommit", height: number, round: number, blockHash: Uint8Array | null): ConsensusMessage => ({
    type: "vote",
    kind,
    height,
    round,
    blockHash,
    validator: node.key.publicKey,
    signature: node.key.sign(voteSigningBytes({ chainId, height, round, type: VoteType[kind], blockHash })),
  });

  const byzantineBroadcast = (node: SimulatedNode, message: ConsensusMessage): void => {
    if (message.type === "proposal") {
      // Equivocating proposer: a second block for the same round to half of the peers.
      const alternative = encodeSimulatedBlock({ height: message.height, round: message.round, proposer: node.index, prevHash: node.chain.lastHash(), payload: node.random.bytes(8) });
      const signature = node.key.sign(proposalSigningBytes(chainId, message.height, message.round, message.validRound, sha256(alternative)));
      const [first, second] = splitPeers(node);
      sendFrom(node, first, message);
      sendFrom(node, second, { ...message, block: alternative, signature });
      return;
    }
    if (message.type === "vote" && node.random.chance(0.7)) {
      // Double vote: the honest vote to some peers, a conflicting one to the rest.
      const conflicting = message.blockHash === null ? sha256(node.random.bytes(8)) : null;
      const [first, second] = splitPeers(node);
      sendFrom(node, first, message);
      sendFrom(node, second, signVote(node, message.kind, message.height, message.round, conflicting));
      return;
    }
    sendFrom(node, others(node), message);
  };

  /** A Byzantine validator ignores its lock: it prevotes and precommits every proposal it sees, to everyone. */
  const byzantineVoteForEverything = (node: SimulatedNode, message: Extract<ConsensusMessage, { type: "proposal" }>): void => {
    const blockHash = sha256(message.block);
    const targets = others(node);
    sendFrom(node, targets, signVote(node, "prevote", message.height, message.round, blockHash));
    sendFrom(node, targets, signVote(node, "precommit", message.height, message.round, blockHash));
  };

  const startNode = (node: SimulatedNode): void => {
    const incarnation = node.incarnation;
    const application = new SimulatedApplication(node.chain, validators, node.index, node.random, (height, hash, block) => onCommit(node, height, hash, block));
    const replica = new Replica({
      chainId,
      options,
      application,
      signer: { publicKey: node.key.publicKey, sign: node.key.sign },
      verifySignature: keys.verify,
      network: {
        broadcast: (message) => {
          if (node.incarnation !== incarnation) return;
          log(`n${node.index} -> all ${describe(message)}`);
          if (node.byzantine) byzantineBroadcast(node, message);
          else sendFrom(node, others(node), message);
        },
        send: (peer, message) => {
          if (node.incarnation !== incarnation) return;
          const target = nodes.find((candidate) => candidate.id === peer);
          log(`n${node.index} -> ${peer} ${describe(message)}`);
          if (target) sendFrom(node, [target], message);
        },
      },
      schedule: (durationMs, callback) =>
        queue.schedule(durationMs, () => {
          if (node.incarnation === incarnation) callback();
        }),
      wal: node.wal,
      logger: { info: () => undefined, warn: () => undefined },
      onEquivocation: (evidence) => onEvidence(node, evidence),
      ...(config.createEngine && !node.byzantine ? { createEngine: config.createEngine } : {}),
    });
    node.replica = replica;
    replica.start();
  };

  const crash = (node: SimulatedNode): void => {
    if (!node.replica) return;
    log(`n${node.index} CRASH at h${node.replica.height} r${node.replica.round}`);
    node.replica.stop();
    node.replica = undefined;
    node.incarnation += 1;
    node.wal.crash();
  };

  const restart = (node: SimulatedNode): void => {
    if (node.replica) return;
    log(`n${node.index} RESTART from h${node.chain.height}`);
    startNode(node);
  };

  // The fault schedule, drawn before the run starts so that it depends on the seed alone.
  const faultRandom = random.fork();
  const faultCount = faultRandom.integer(0, 6);
  for (let fault = 0; fault < faultCount; fault += 1) {
    const atMs = faultRandom.integer(0, config.faultPhaseMs - 1);
    const durationMs = faultRandom.integer(100, 8_000);
    if (faultRandom.chance(0.5)) {
      const node = faultRandom.pick(honest);
      faults.push(`crash n${node.index} at ${atMs}ms for ${durationMs}ms`);
      queue.schedule(atMs, () => crash(node));
      queue.schedule(Math.min(atMs + durationMs, config.faultPhaseMs), () => restart(node));
    } else {
      const groups = nodes.map(() => faultRandom.integer(0, 1));
      faults.push(`partition ${groups.join("")} at ${atMs}ms for ${durationMs}ms`);
      queue.schedule(atMs, () => {
        log(`PARTITION ${groups.join("")}`);
        conditions.groups = groups;
      });
      queue.schedule(Math.min(atMs + durationMs, config.faultPhaseMs), () => {
        log("PARTITION healed");
        conditions.groups = [];
      });
    }
  }

  for (const node of nodes) startNode(node);
  let withinBudget = queue.runUntil(config.faultPhaseMs, config.eventsMax);

  // Liveness phase: heal everything and require progress.
  log("HEAL");
  conditions.groups = [];
  conditions.dropProbability = 0;
  conditions.duplicateProbability = 0;
  conditions.delayMaxMs = 50;
  for (const node of honest) restart(node);
  const heightAtHeal = Math.max(...honest.map((node) => node.chain.height));
  const target = heightAtHeal + config.heightsAfterHeal;
  const deadline = config.faultPhaseMs + config.livenessBoundMs;
  while (withinBudget && queue.now < deadline && honest.some((node) => node.chain.height < target)) {
    withinBudget = queue.runUntil(Math.min(queue.now + 250, deadline), config.eventsMax);
  }
  if (!withinBudget) violations.push(`budget: more than ${config.eventsMax} events`);
  const lagging = honest.filter((node) => node.chain.height < target);
  if (lagging.length > 0) {
    violations.push(
      `liveness: ${config.livenessBoundMs}ms after healing, ${lagging.map((node) => `n${node.index} at h${node.chain.height} (r${node.replica?.round})`).join(", ")} below h${target}`,
    );
  }
  for (const node of nodes) node.replica?.stop();
  const heights = honest.map((node) => node.chain.height);
  return {
    seed,
    ok: violations.length === 0,
    violations,
    heightMin: Math.min(...heights),
    heightMax: Math.max(...heights),
    events: queue.eventsRun,
    evidence: evidenceCount,
    faults,
    trace,
  };
}
