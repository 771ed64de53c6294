import { type Commit, type CommitSignature, VoteType, bytesEqual, decodeCommit, fromHex, toHex, voteSigningBytes } from "@kexin/core";
import { TendermintEngine, proposalsPerRoundMax } from "./engine.ts";
import { valuesPerValidatorMax } from "./roundVotes.ts";
import {
  type CertifiedBlock,
  type ConsensusMessage,
  type ProposalMessage,
  type StatusMessage,
  type SyncResponseMessage,
  type VoteMessage,
  proposalSigningBytes,
} from "./messages.ts";
import type { BftOptions } from "./options.ts";
import type { EngineInput, EngineOutput, Step, ValueId, VoteKind } from "./types.ts";
import type { ValidatorSet } from "./validatorSet.ts";
import type { ConsensusWal, SignedRecord } from "./wal.ts";
import type { RoundState, Scheduler } from "../interface.ts";

/** What the replica needs from the chain: building, checking and committing blocks. */
export interface ReplicaApplication {
  /** Height of the last committed block; 0 before block 1. */
  committedHeight(): number;
  /** The validators that decide this height. */
  validatorsFor(height: number): ValidatorSet;
  buildBlock(height: number, round: number): Uint8Array;
  /** Height and header hash of an encoded block, or undefined if it does not decode. */
  identifyBlock(block: Uint8Array): { height: number; hash: Uint8Array } | undefined;
  /** Whether the block may be committed as the next block; the reason if not. */
  validateBlock(height: number, block: Uint8Array): string | undefined;
  commitBlock(height: number, block: Uint8Array, commit: Commit): void;
  certifiedBlock(height: number): CertifiedBlock | undefined;
  /**
   * Calls ready() when a block is worth proposing (enough transactions waiting, or long enough
   * since the last block); returns a cancel function. Without it the replica proposes at once.
   */
  awaitProposal?(height: number, round: number, ready: () => void): () => void;
}

export interface ReplicaSigner {
  readonly publicKey: Uint8Array;
  sign(bytes: Uint8Array): Uint8Array;
}

export type SignatureCheck = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export interface ReplicaNetwork {
  broadcast(message: ConsensusMessage): void;
  send(peer: string, message: ConsensusMessage): void;
}

export type { Scheduler };

/** Two signed votes of one validator for the same height, round and kind with different blocks: an equivocation. */
export interface Equivocation {
  readonly first: VoteMessage;
  readonly second: VoteMessage;
}

export interface ReplicaLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface ReplicaDependencies {
  readonly chainId: string;
  readonly options: BftOptions;
  readonly application: ReplicaApplication;
  /** Absent for a node that follows the chain without voting. */
  readonly signer?: ReplicaSigner;
  readonly verifySignature: SignatureCheck;
  readonly network: ReplicaNetwork;
  readonly schedule: Scheduler;
  readonly wal: ConsensusWal;
  readonly logger: ReplicaLogger;
  readonly onEquivocation?: (equivocation: Equivocation) => void;
  readonly onSignedConflictRefused?: (record: SignedRecord, wanted: ValueId | null) => void;
  /** Creates the engine; the simulator passes deliberately broken engines to prove it catches them. */
  readonly createEngine?: (parameters: ConstructorParameters<typeof TendermintEngine>[0]) => TendermintEngine;
}

interface HeightState {
  readonly height: number;
  readonly validators: ValidatorSet;
  readonly engine: TendermintEngine;
  /** Blocks proposed at this height, by hash hex. */
  readonly blocks: Map<ValueId, Uint8Array>;
  /** Verified votes by "kind/round/validatorIndex/value". */
  readonly votes: Map<string, VoteMessage>;
  /** Each validator's first vote per "kind/round/validatorIndex", and how many distinct values it voted for. */
  readonly firstVotes: Map<string, { readonly message: VoteMessage; values: number }>;
  /** Our own proposal and votes of the current height, re-sent while we stay in the round. */
  readonly ownMessages: Map<string, ProposalMessage | VoteMessage>;
  readonly proposals: Map<string, ProposalMessage>;
  readonly proposalsPerRound: Map<number, number>;
  /** Signatures of the proposals accepted at this height; bounded by proposalsPerRoundMax per round. */
  readonly proposalSignatures: Set<string>;
  readonly signed: Map<string, SignedRecord>;
}

const signedKey = (kind: SignedRecord["kind"], round: number): string => `${kind}/${round}`;
const voterKey = (kind: VoteKind, round: number, validator: number): string => `${kind}/${round}/${validator}`;
const voteKey = (kind: VoteKind, round: number, validator: number, valueId: ValueId | null): string => `${kind}/${round}/${validator}/${valueId ?? "nil"}`;

/**
 * Drives one TendermintEngine per height: checks signatures and proposers, keeps the write-ahead
 * log, signs (never twice differently), re-sends its own messages until the round moves on,
 * builds commits from precommits, and catches up from peers with certified blocks. It owns no
 * clock or socket: the node and the simulator pass them in.
 */
export class Replica {
  private state!: HeightState;
  private replaying = false;
  private stopped = false;
  /** Round timeouts of the height being decided; dropped when it is decided. */
  private readonly timeoutCancels = new Set<() => void>();
  private cancelStatus: (() => void) | undefined;
  private statusPosition = "";
  private statusTicksInRound = 0;
  private futureMessages: { from: string; message: ConsensusMessage }[] = [];
  private syncInFlight: { peer: string; cancel: () => void } | undefined;
  private readonly log: ReplicaLogger;

  constructor(private readonly dependencies: ReplicaDependencies) {
    this.log = dependencies.logger;
  }

  get height(): number {
    return this.state.height;
  }

  get round(): number {
    return this.state.engine.round;
  }

  get step(): Step {
    return this.state.engine.step;
  }

  /** The height, round and step being decided and that round's proposer; undefined before start() entered a height. */
  roundState(): RoundState | undefined {
    // Set by enterHeight; absent only when start() failed before it.
    const state = this.state as HeightState | undefined;
    if (state === undefined) return undefined;
    const { height, validators, engine } = state;
    return { height, round: engine.round, step: engine.step, proposer: validators.publicKey(validators.proposer(height, engine.round)) };
  }

  /** Restores the height in progress from the WAL, then starts gossiping status. */
  start(): void {
    this.enterHeight(this.dependencies.application.committedHeight() + 1, true);
    this.scheduleStatus();
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timeoutCancels) cancel();
    this.timeoutCancels.clear();
    this.cancelStatus?.();
    this.syncInFlight?.cancel();
    this.syncInFlight = undefined;
  }

  receive(from: string, message: ConsensusMessage): void {
    if (this.stopped) return;
    switch (message.type) {
      case "proposal":
      case "vote":
        if (message.height === this.state.height + 1) this.bufferFuture(from, message);
        else if (message.height === this.state.height) {
          if (message.type === "proposal") this.receiveProposal(message);
          else this.receiveVote(message);
        }
        return;
      case "status":
        this.receiveStatus(from, message);
        return;
      case "syncRequest":
        this.answerSync(from, message.fromHeight, message.count);
        return;
      case "syncResponse":
        this.receiveSync(from, message);
        return;
    }
  }

  private bufferFuture(from: string, message: ConsensusMessage): void {
    if (this.futureMessages.length < this.dependencies.options.futureMessagesMax) this.futureMessages.push({ from, message });
  }

  private enterHeight(height: number, replay: boolean): void {
    const { application, options, wal, signer } = this.dependencies;
    const validators = application.validatorsFor(height);
    const selfIndex = signer ? (validators.indexOf(signer.publicKey) ?? -1) : -1;
    const parameters = { height, validators, selfIndex, timeouts: options.timeouts };
    const engine = this.dependencies.createEngine ? this.dependencies.createEngine(parameters) : new TendermintEngine(parameters);
    this.state = { height, validators, engine, blocks: new Map(), votes: new Map(), firstVotes: new Map(), ownMessages: new Map(), proposals: new Map(), proposalsPerRound: new Map(), proposalSignatures: new Set(), signed: new Map() };
    wal.pruneBelow(height);
    const entries = replay ? wal.entries(height) : [];
    this.replaying = true;
    for (const entry of entries) if (entry.type === "signed") this.state.signed.set(signedKey(entry.record.kind, entry.record.round), entry.record);
    this.apply(engine.start());
    for (const entry of entries) {
      if (entry.type !== "input") continue;
      if (entry.block) this.state.blocks.set(this.valueIdOf(entry.input), entry.block);
      if (entry.signature && entry.input.type === "vote") this.restoreVote(entry.input, entry.signature);
      this.apply(engine.handle(entry.input));
      if (this.state.engine !== engine) break;
    }
    this.replaying = false;
    if (this.state.engine !== engine) return;
    if (entries.length > 0) this.log.info({ height, entries: entries.length, round: engine.round, step: engine.step }, "consensus state restored from the WAL");
    if (engine.awaitingValue) this.awaitOwnBlock(height, engine.round);
    const buffered = this.futureMessages;
    this.futureMessages = [];
    for (const { from, message } of buffered) this.receive(from, message);
  }

  /** A peer's vote the engine acted on before a restart, so it can count towards a commit again. */
  private restoreVote(input: Extract<EngineInput, { type: "vote" }>, signature: Uint8Array): void {
    const { validators, height } = this.state;
    if (input.validator < 0 || input.validator >= validators.size) return;
    const blockHash = input.valueId === null ? null : fromHex(input.valueId);
    const message: VoteMessage = { type: "vote", kind: input.kind, height, round: input.round, blockHash, validator: validators.publicKey(input.validator), signature };
    this.storeVote(message, input.validator, input.valueId);
  }

  private valueIdOf(input: EngineInput): ValueId {
    return input.type === "proposal" || input.type === "ownValue" ? input.valueId : "";
  }

  /** Logs an input, feeds it to the engine and carries out what the engine asks for. */
  private input(input: EngineInput, attachment: { block?: Uint8Array; signature?: Uint8Array } = {}): void {
    this.dependencies.wal.append(this.state.height, { type: "input", input, ...attachment });
    this.apply(this.state.engine.handle(input));
  }

  private apply(outputs: readonly EngineOutput[]): void {
    for (const output of outputs) {
      if (this.stopped) return;
      switch (output.type) {
        case "needValue":
          if (!this.replaying) this.awaitOwnBlock(output.height, output.round);
          break;
        case "broadcastProposal":
          this.sendProposal(output.round, output.validRound, output.valueId);
          break;
        case "broadcastVote":
          this.sendVote(output.kind, output.round, output.valueId);
          break;
        case "scheduleTimeout":
          this.scheduleTimeout(output);
          break;
        case "decide":
          this.decide(output.round, output.valueId, output.precommitters);
          return;
        case "equivocation":
          this.reportEquivocation(output);
          break;
      }
    }
  }

  private awaitOwnBlock(height: number, round: number): void {
    const application = this.dependencies.application;
    if (!application.awaitProposal) {
      this.proposeOwnBlock(height, round);
      return;
    }
    // ready() may run before awaitProposal returns, so the cancel function is kept in a holder.
    const holder: { cancel?: () => void; fired: boolean } = { fired: false };
    holder.cancel = application.awaitProposal(height, round, () => {
      holder.fired = true;
      if (holder.cancel) this.timeoutCancels.delete(holder.cancel);
      const engine = this.state.engine;
      if (this.stopped || this.state.height !== height || engine.round !== round || !engine.awaitingValue) return;
      this.proposeOwnBlock(height, round);
    });
    if (!holder.fired) this.timeoutCancels.add(holder.cancel);
  }

  private proposeOwnBlock(height: number, round: number): void {
    const block = this.dependencies.application.buildBlock(height, round);
    const identity = this.dependencies.application.identifyBlock(block);
    if (!identity || identity.height !== height) throw new Error("the application built a block that does not identify as the height being decided");
    const valueId = toHex(identity.hash);
    this.state.blocks.set(valueId, block);
    this.input({ type: "ownValue", height, round, valueId }, { block });
  }

  /** Returns our signature for this step, or undefined when we already signed something else for it. */
  private signOnce(kind: SignedRecord["kind"], round: number, valueId: ValueId | null, bytes: Uint8Array): Uint8Array | undefined {
    const signer = this.dependencies.signer;
    if (!signer) return undefined;
    const key = signedKey(kind, round);
    const previous = this.state.signed.get(key);
    if (previous) {
      if (previous.valueId === valueId) return previous.signature;
      this.log.warn({ height: this.state.height, round, kind, signed: previous.valueId, wanted: valueId }, "refused to sign a conflicting message");
      this.dependencies.onSignedConflictRefused?.(previous, valueId);
      return undefined;
    }
    const record: SignedRecord = { kind, height: this.state.height, round, valueId, signature: signer.sign(bytes) };
    this.state.signed.set(key, record);
    this.dependencies.wal.append(this.state.height, { type: "signed", record });
    return record.signature;
  }

  private sendProposal(round: number, validRound: number, valueId: ValueId): void {
    const block = this.state.blocks.get(valueId);
    if (!block) throw new Error(`the engine proposes block ${valueId}, which this replica does not hold`);
    const bytes = proposalSigningBytes(this.dependencies.chainId, this.state.height, round, validRound, fromHex(valueId));
    const signature = this.signOnce("proposal", round, valueId, bytes);
    if (!signature) return;
    const message: ProposalMessage = { type: "proposal", height: this.state.height, round, validRound, block, signature };
    this.state.ownMessages.set(`proposal/${round}`, message);
    this.state.proposals.set(`${round}/${valueId}`, message);
    this.dependencies.wal.flush();
    this.dependencies.network.broadcast(message);
  }

  private sendVote(kind: VoteKind, round: number, valueId: ValueId | null): void {
    const signer = this.dependencies.signer;
    if (!signer) return;
    const blockHash = valueId === null ? null : fromHex(valueId);
    const bytes = voteSigningBytes({ chainId: this.dependencies.chainId, height: this.state.height, round, type: VoteType[kind], blockHash });
    const signature = this.signOnce(kind, round, valueId, bytes);
    if (!signature) return;
    const message: VoteMessage = { type: "vote", kind, height: this.state.height, round, blockHash, validator: signer.publicKey, signature };
    const selfIndex = this.state.validators.indexOf(signer.publicKey) as number;
    this.storeVote(message, selfIndex, valueId);
    this.state.ownMessages.set(`${kind}/${round}`, message);
    this.dependencies.wal.flush();
    this.dependencies.network.broadcast(message);
  }

  private scheduleTimeout(output: Extract<EngineOutput, { type: "scheduleTimeout" }>): void {
    const height = this.state.height;
    const cancel = this.dependencies.schedule(output.durationMs, () => {
      this.timeoutCancels.delete(cancel);
      if (this.stopped || this.state.height !== height) return;
      const { engine, validators } = this.state;
      if (output.step === "propose" && engine.step === "propose" && engine.round === output.round) {
        const proposer = toHex(validators.publicKey(validators.proposer(height, output.round)));
        this.log.info({ height, round: output.round, proposer }, "no valid proposal before the propose timeout; prevoting nil");
      }
      this.input({ type: "timeout", step: output.step, height, round: output.round });
    });
    this.timeoutCancels.add(cancel);
  }

  private receiveProposal(message: ProposalMessage): void {
    const { application, chainId, verifySignature } = this.dependencies;
    const { height, validators } = this.state;
    if (message.round > this.state.engine.round + this.dependencies.options.roundsAheadMax) return;
    // Re-sent copies are common; the signature names a proposal without decoding its block.
    const signatureHex = toHex(message.signature);
    if (this.state.proposalSignatures.has(signatureHex)) return;
    const identity = application.identifyBlock(message.block);
    if (!identity || identity.height !== height) return;
    const valueId = toHex(identity.hash);
    const key = `${message.round}/${valueId}`;
    if (this.state.proposals.has(key)) return;
    // A faulty proposer may sign many blocks for one round; the engine keeps no more than this.
    if ((this.state.proposalsPerRound.get(message.round) ?? 0) >= proposalsPerRoundMax) return;
    const proposer = validators.publicKey(validators.proposer(height, message.round));
    if (!verifySignature(proposer, proposalSigningBytes(chainId, height, message.round, message.validRound, identity.hash), message.signature)) return;
    if (message.validRound >= message.round) return;
    this.state.proposals.set(key, message);
    this.state.proposalSignatures.add(signatureHex);
    this.state.proposalsPerRound.set(message.round, (this.state.proposalsPerRound.get(message.round) ?? 0) + 1);
    const reason = application.validateBlock(height, message.block);
    if (reason !== undefined) this.log.warn({ height, round: message.round, block: valueId, reason }, "proposal rejected");
    this.state.blocks.set(valueId, message.block);
    this.input({ type: "proposal", height, round: message.round, validRound: message.validRound, valueId, valid: reason === undefined }, { block: message.block });
  }

  private receiveVote(message: VoteMessage): void {
    const { chainId, verifySignature } = this.dependencies;
    const { height, validators } = this.state;
    if (message.round > this.state.engine.round + this.dependencies.options.roundsAheadMax) return;
    const validator = validators.indexOf(message.validator);
    if (validator === undefined) return;
    const valueId = message.blockHash === null ? null : toHex(message.blockHash);
    if (this.state.votes.has(voteKey(message.kind, message.round, validator, valueId))) return;
    if ((this.state.firstVotes.get(voterKey(message.kind, message.round, validator))?.values ?? 0) >= valuesPerValidatorMax) return;
    const bytes = voteSigningBytes({ chainId, height, round: message.round, type: VoteType[message.kind], blockHash: message.blockHash });
    if (!verifySignature(message.validator, bytes, message.signature)) return;
    this.storeVote(message, validator, valueId);
    this.input({ type: "vote", kind: message.kind, height, round: message.round, valueId, validator }, { signature: message.signature });
  }

  private storeVote(message: VoteMessage, validator: number, valueId: ValueId | null): void {
    this.state.votes.set(voteKey(message.kind, message.round, validator, valueId), message);
    const first = this.state.firstVotes.get(voterKey(message.kind, message.round, validator));
    if (first) first.values += 1;
    else this.state.firstVotes.set(voterKey(message.kind, message.round, validator), { message, values: 1 });
  }

  private reportEquivocation(output: Extract<EngineOutput, { type: "equivocation" }>): void {
    const first = this.state.votes.get(voteKey(output.kind, output.round, output.validator, output.first));
    const second = this.state.votes.get(voteKey(output.kind, output.round, output.validator, output.second));
    if (!first || !second) return;
    this.log.warn({ height: output.height, round: output.round, kind: output.kind, validator: toHex(first.validator) }, "validator signed two different votes");
    this.dependencies.onEquivocation?.({ first, second });
  }

  private decide(round: number, valueId: ValueId, precommitters: readonly number[]): void {
    const { height, validators } = this.state;
    const block = this.state.blocks.get(valueId);
    if (!block) throw new Error(`decided block ${valueId} at height ${height} is not held`);
    const signatures: CommitSignature[] = [];
    let power = 0;
    for (const validator of precommitters) {
      // A counted precommit lacks its signature only if the sign-once guard refused ours; the rest must carry the quorum.
      const vote = this.state.votes.get(voteKey("precommit", round, validator, valueId));
      if (!vote || vote.blockHash === null || toHex(vote.blockHash) !== valueId) continue;
      signatures.push({ validator: validators.publicKey(validator), signature: vote.signature });
      power += validators.power(validator);
    }
    if (power < validators.quorumPower) {
      this.log.warn({ height, round, block: valueId }, "decided without a full set of signed precommits; waiting to sync the block");
      return;
    }
    this.commitAndAdvance(height, block, { height, round, blockHash: fromHex(valueId), signatures });
  }

  private commitAndAdvance(height: number, block: Uint8Array, commit: Commit): void {
    const application = this.dependencies.application;
    if (application.committedHeight() < height) application.commitBlock(height, block, commit);
    for (const cancel of this.timeoutCancels) cancel();
    this.timeoutCancels.clear();
    this.enterHeight(height + 1, false);
  }

  private scheduleStatus(): void {
    this.cancelStatus = this.dependencies.schedule(this.dependencies.options.statusIntervalMs, () => {
      if (this.stopped) return;
      this.gossipStatus();
      this.scheduleStatus();
    });
  }

  /**
   * Re-sends our messages of the current round, and the polka behind our valid value, so peers
   * that lost messages still make progress: a re-proposal is only accepted by a peer holding the
   * 2f+1 prevotes it cites, and the validators who cast them may have moved on or be faulty.
   */
  private gossipStatus(): void {
    const network = this.dependencies.network;
    const { engine, validators } = this.state;
    const round = engine.round;
    const status: StatusMessage = { type: "status", height: this.state.height, round };
    network.broadcast(status);
    // A round that ends within a status interval lost nothing worth re-sending; proposals carry whole blocks.
    const position = `${this.state.height}/${round}`;
    this.statusTicksInRound = this.statusPosition === position ? this.statusTicksInRound + 1 : 0;
    this.statusPosition = position;
    if (this.statusTicksInRound === 0) return;
    // A proposal (a whole block) is re-sent only once peers would have timed out waiting for it.
    const proposalDue = this.statusTicksInRound * this.dependencies.options.statusIntervalMs >= this.dependencies.options.timeouts.proposeBaseMs;
    for (const message of this.state.ownMessages.values()) {
      if (message.round === round && (message.type === "vote" || proposalDue)) network.broadcast(message);
    }
    const valid = engine.valid;
    if (valid.value !== null && valid.round < round) {
      for (let validator = 0; validator < validators.size; validator += 1) {
        const vote = this.state.votes.get(voteKey("prevote", valid.round, validator, valid.value));
        if (vote) network.broadcast(vote);
      }
    }
  }

  private receiveStatus(from: string, message: StatusMessage): void {
    if (message.height > this.state.height) this.requestSync(from);
  }

  private requestSync(peer: string): void {
    if (this.syncInFlight) return;
    const cancel = this.dependencies.schedule(this.dependencies.options.syncTimeoutMs, () => {
      this.syncInFlight = undefined;
    });
    this.syncInFlight = { peer, cancel };
    this.dependencies.network.send(peer, { type: "syncRequest", fromHeight: this.state.height, count: this.dependencies.options.syncBlocksMax });
  }

  private answerSync(peer: string, fromHeight: number, count: number): void {
    const application = this.dependencies.application;
    const last = Math.min(application.committedHeight(), fromHeight + Math.min(count, this.dependencies.options.syncBlocksMax) - 1);
    const blocks: CertifiedBlock[] = [];
    // The answer must fit one message; the first block always goes, since a block fits a proposal.
    const bytesMax = this.dependencies.options.messageBytesMax - 1024;
    let bytes = 0;
    for (let height = fromHeight; height <= last; height += 1) {
      const certified = application.certifiedBlock(height);
      if (!certified) break;
      bytes += certified.block.length + certified.commit.length + 16;
      if (blocks.length > 0 && bytes > bytesMax) break;
      blocks.push(certified);
    }
    if (blocks.length > 0) this.dependencies.network.send(peer, { type: "syncResponse", blocks });
  }

  private receiveSync(from: string, message: SyncResponseMessage): void {
    if (this.syncInFlight?.peer === from) {
      this.syncInFlight.cancel();
      this.syncInFlight = undefined;
    }
    for (const certified of message.blocks) {
      if (this.stopped) return;
      const identity = this.dependencies.application.identifyBlock(certified.block);
      if (!identity || identity.height < this.state.height) continue;
      if (identity.height > this.state.height) return;
      const checked = this.checkCertified(identity.height, identity.hash, certified);
      if (typeof checked === "string") {
        this.log.warn({ peer: from, height: identity.height, problem: checked }, "sync: rejected a certified block");
        return;
      }
      this.commitAndAdvance(identity.height, certified.block, checked);
    }
  }

  /** Checks that 2f+1 of the height's validators precommitted this block and that it is valid; the problem if not. */
  private checkCertified(height: number, hash: Uint8Array, certified: CertifiedBlock): Commit | string {
    const { chainId, verifySignature } = this.dependencies;
    let commit: Commit;
    try {
      commit = decodeCommit(certified.commit);
    } catch (error) {
      return `commit does not decode: ${(error as Error).message}`;
    }
    if (commit.height !== height) return `commit is for height ${commit.height}`;
    if (!bytesEqual(commit.blockHash, hash)) return "commit is for another block";
    const validators = this.state.validators;
    const counted = new Set<number>();
    let power = 0;
    const bytes = voteSigningBytes({ chainId, height, round: commit.round, type: VoteType.precommit, blockHash: hash });
    for (const entry of commit.signatures) {
      const index = validators.indexOf(entry.validator);
      if (index === undefined || counted.has(index)) continue;
      if (!verifySignature(entry.validator, bytes, entry.signature)) return `bad precommit signature from ${toHex(entry.validator)}`;
      counted.add(index);
      power += validators.power(index);
    }
    if (power < validators.quorumPower) return `precommits hold ${power} of ${validators.totalPower} voting power, below ${validators.quorumPower}`;
    const reason = this.dependencies.application.validateBlock(height, certified.block);
    if (reason !== undefined) return `block is invalid: ${reason}`;
    return commit;
  }
}
