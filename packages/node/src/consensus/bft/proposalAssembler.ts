import { type BlockHeader, fromHex, toHex } from "@kexin/core";
import type { AdmittedTx } from "../../execution/index.ts";
import { proposalsPerRoundMax } from "./engine.ts";
import { type CompactProposalMessage, type ProposalMessage, type TxsRequestMessage, type TxsResponseMessage, type WireMessage, proposalSigningBytes, txHashBytes } from "./messages.ts";
import type { Scheduler, SignatureCheck } from "./replica.ts";
import type { ValidatorSet } from "./validatorSet.ts";

/** What assembling needs from the chain; ChainApplication provides it. */
export interface AssemblyApplication {
  headerOf(headerBytes: Uint8Array): { header: BlockHeader; hash: Uint8Array } | undefined;
  knownTx(hashHex: string): AdmittedTx | undefined;
  assembleBlock(headerBytes: Uint8Array, header: BlockHeader, hash: Uint8Array, txs: readonly (AdmittedTx | Uint8Array)[]): Uint8Array;
  validatorsFor(height: number): ValidatorSet;
}

/** What assembling needs from transaction intake; TxIntake provides it. */
export interface AssemblyIntake {
  verifyInFlight(hashHexes: readonly string[]): Promise<Map<string, AdmittedTx>> | undefined;
  checkForBlock(transactions: readonly Uint8Array[]): Promise<(AdmittedTx | undefined)[]>;
}

export interface ProposalAssemblerDependencies {
  readonly chainId: string;
  readonly application: AssemblyApplication;
  readonly intake: AssemblyIntake;
  /** The chain's hash function, for matching fetched transactions to the hashes asked for. */
  readonly hash: (bytes: Uint8Array) => Uint8Array;
  readonly verifySignature: SignatureCheck;
  /** The height and round the replica is in. */
  readonly position: () => { readonly height: number; readonly round: number };
  readonly send: (peer: string, message: WireMessage) => void;
  /** Hands a whole proposal to the replica. */
  readonly deliver: (from: string, message: ProposalMessage) => void;
  readonly schedule: Scheduler;
  /** Runs work that continues after an await the way every other consensus input runs (a failure halts the node). */
  readonly guard: (work: () => void) => void;
  readonly fetchTimeoutMs: number;
  /** Largest txsResponse this node sends. */
  readonly responseBytesMax: number;
  readonly logger: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

/** Counters for tests and logs. */
export interface AssemblyStats {
  /** Proposals handed to the replica whole. */
  proposalsAssembled: number;
  /** Of those, proposals that waited for transactions (verified by intake, or fetched). */
  proposalsWaited: number;
  txsRequested: number;
  txsReceived: number;
  proposalsAbandoned: number;
}

interface Assembly {
  readonly key: string;
  readonly from: string;
  readonly message: CompactProposalMessage;
  readonly header: BlockHeader;
  readonly hash: Uint8Array;
  readonly hashHexes: readonly string[];
  readonly txs: (AdmittedTx | Uint8Array | undefined)[];
  cancelTimer: () => void;
  requested: boolean;
  /** Missing when the proposal arrived, and when it did (performance.now()). */
  readonly missingAtArrival: number;
  readonly arrivedAtMs: number;
}

/** Proposals waiting for transactions at once; with the round window below, a few per round suffice. */
const assembliesMax = 3 * proposalsPerRoundMax;
/** Signatures of proposals already handed over, so re-sent copies are dropped without work. */
const deliveredKeysMax = 64;

function splitHashes(txHashes: Uint8Array): string[] {
  const hashHexes: string[] = [];
  for (let offset = 0; offset < txHashes.length; offset += txHashBytes) hashHexes.push(toHex(txHashes.subarray(offset, offset + txHashBytes)));
  return hashHexes;
}

/**
 * Turns compact proposals (a header and transaction hashes) back into whole blocks for the
 * replica. Nearly every transaction is in the mempool already. Those still being verified by
 * intake are waited for; the rest are fetched from the peer that sent the proposal and verified
 * before the block is handed over. Until then the replica has no proposal, so a block that cannot
 * be completed gets a nil prevote when the propose timeout fires, as any missing proposal does.
 */
export class ProposalAssembler {
  private readonly assemblies = new Map<string, Assembly>();
  private readonly delivered = new Map<string, number>();
  private prunedBelow = 0;
  readonly stats: AssemblyStats = { proposalsAssembled: 0, proposalsWaited: 0, txsRequested: 0, txsReceived: 0, proposalsAbandoned: 0 };

  constructor(private readonly dependencies: ProposalAssemblerDependencies) {}

  receive(from: string, message: CompactProposalMessage): void {
    const { application, intake } = this.dependencies;
    const { height, round } = this.dependencies.position();
    this.pruneBelow(height);
    if (message.height < height || message.height > height + 1) return;
    // Re-sent copies are common; the signature names a proposal without decoding anything.
    const key = toHex(message.signature);
    if (this.delivered.has(key) || this.assemblies.has(key)) return;
    const identity = application.headerOf(message.header);
    if (!identity || identity.header.height !== message.height) return;
    const hashHexes = splitHashes(message.txHashes);
    const txs: (AdmittedTx | Uint8Array | undefined)[] = hashHexes.map((hashHex) => application.knownTx(hashHex));
    if (!txs.includes(undefined)) {
      this.handOver(key, from, message, identity.header, identity.hash, txs as AdmittedTx[]);
      return;
    }
    if (!this.worthWaiting(message, identity.hash, height, round)) return;
    const missingAtArrival = txs.filter((tx) => tx === undefined).length;
    const assembly: Assembly = { key, from, message, header: identity.header, hash: identity.hash, hashHexes, txs, cancelTimer: () => undefined, requested: false, missingAtArrival, arrivedAtMs: performance.now() };
    this.assemblies.set(key, assembly);
    assembly.cancelTimer = this.dependencies.schedule(this.dependencies.fetchTimeoutMs, () => this.abandon(assembly, "timed out"));
    // Transactions intake is verifying now are taken from there, ahead of its queue; fetching them would verify them twice.
    const verifying = intake.verifyInFlight(this.missingHashes(assembly));
    if (!verifying) {
      this.request(assembly);
      return;
    }
    verifying.then(
      (verified) => this.dependencies.guard(() => this.afterVerified(assembly, verified)),
      () => this.dependencies.guard(() => this.afterVerified(assembly, new Map())),
    );
  }

  /** Answers a peer's txsRequest with the transactions this node holds, as many as fit one message. */
  answer(from: string, request: TxsRequestMessage): void {
    const txs: Uint8Array[] = [];
    let bytes = 0;
    for (const hashHex of splitHashes(request.txHashes)) {
      const known = this.dependencies.application.knownTx(hashHex);
      if (!known) continue;
      bytes += known.bytes.length + 8;
      if (bytes > this.dependencies.responseBytesMax) break;
      txs.push(known.bytes);
    }
    this.dependencies.send(from, { type: "txsResponse", height: request.height, txs });
  }

  receiveTxs(from: string, response: TxsResponseMessage): void {
    const waiting = [...this.assemblies.values()].filter((assembly) => assembly.requested && assembly.from === from && assembly.message.height === response.height);
    if (waiting.length === 0) return;
    const offered = new Map<string, Uint8Array>();
    for (const bytes of response.txs) offered.set(toHex(this.dependencies.hash(bytes)), bytes);
    const needed = new Map<string, Uint8Array>();
    for (const assembly of waiting) {
      for (const hashHex of this.missingHashes(assembly)) {
        const bytes = offered.get(hashHex);
        if (bytes) needed.set(hashHex, bytes);
      }
    }
    if (needed.size === 0) return;
    this.stats.txsReceived += needed.size;
    const hashHexes = [...needed.keys()];
    const fill = (checked: readonly (AdmittedTx | undefined)[]): void => {
      // A transaction that fails the checks still goes into the block as bytes: validation refuses the block with the reason.
      const found = new Map(hashHexes.map((hashHex, index) => [hashHex, checked[index] ?? (needed.get(hashHex) as Uint8Array)]));
      for (const assembly of waiting) {
        if (this.assemblies.get(assembly.key) !== assembly) continue;
        assembly.hashHexes.forEach((hashHex, index) => {
          if (assembly.txs[index] === undefined) assembly.txs[index] = found.get(hashHex);
        });
        this.finishIfComplete(assembly);
      }
    };
    this.dependencies.intake.checkForBlock([...needed.values()]).then(
      (checked) => this.dependencies.guard(() => fill(checked)),
      () => this.dependencies.guard(() => fill([])),
    );
  }

  /** Drops every proposal waiting for transactions; for shutdown. */
  close(): void {
    for (const assembly of this.assemblies.values()) assembly.cancelTimer();
    this.assemblies.clear();
  }

  private afterVerified(assembly: Assembly, verified: ReadonlyMap<string, AdmittedTx>): void {
    if (this.assemblies.get(assembly.key) !== assembly) return;
    const application = this.dependencies.application;
    assembly.hashHexes.forEach((hashHex, index) => {
      assembly.txs[index] ??= verified.get(hashHex) ?? application.knownTx(hashHex);
    });
    if (!this.finishIfComplete(assembly)) this.request(assembly);
  }

  private request(assembly: Assembly): void {
    const missing = this.missingHashes(assembly);
    const txHashes = new Uint8Array(missing.length * txHashBytes);
    missing.forEach((hashHex, index) => txHashes.set(fromHex(hashHex), index * txHashBytes));
    assembly.requested = true;
    this.stats.txsRequested += missing.length;
    this.dependencies.logger.info({ height: assembly.message.height, round: assembly.message.round, peer: assembly.from, missing: missing.length }, "fetching a proposal's missing transactions");
    this.dependencies.send(assembly.from, { type: "txsRequest", height: assembly.message.height, txHashes });
  }

  private finishIfComplete(assembly: Assembly): boolean {
    if (assembly.txs.includes(undefined)) return false;
    assembly.cancelTimer();
    this.assemblies.delete(assembly.key);
    this.stats.proposalsWaited += 1;
    this.dependencies.logger.info({ height: assembly.message.height, round: assembly.message.round, missing: assembly.missingAtArrival, fetched: assembly.requested, waitedMs: Math.round(performance.now() - assembly.arrivedAtMs) }, "proposal completed");
    this.handOver(assembly.key, assembly.from, assembly.message, assembly.header, assembly.hash, assembly.txs as (AdmittedTx | Uint8Array)[]);
    return true;
  }

  private handOver(key: string, from: string, message: CompactProposalMessage, header: BlockHeader, hash: Uint8Array, txs: readonly (AdmittedTx | Uint8Array)[]): void {
    const { height } = this.dependencies.position();
    // The replica moved past this proposal's height while its transactions were fetched.
    if (message.height < height) return;
    // A next height's proposal waits in the replica's bounded buffer, which may drop it; a copy re-sent later must get through.
    if (message.height === height) {
      if (this.delivered.size >= deliveredKeysMax) this.delivered.delete(this.delivered.keys().next().value as string);
      this.delivered.set(key, message.height);
    }
    this.stats.proposalsAssembled += 1;
    const block = this.dependencies.application.assembleBlock(message.header, header, hash, txs);
    this.dependencies.deliver(from, { type: "proposal", height: message.height, round: message.round, validRound: message.validRound, block, signature: message.signature });
  }

  private abandon(assembly: Assembly, reason: string): void {
    if (this.assemblies.get(assembly.key) !== assembly) return;
    this.assemblies.delete(assembly.key);
    this.stats.proposalsAbandoned += 1;
    const missing = this.missingHashes(assembly).length;
    this.dependencies.logger.warn({ height: assembly.message.height, round: assembly.message.round, block: toHex(assembly.hash), missing, reason }, "proposal abandoned: transactions missing");
  }

  /**
   * Only the rightful proposer's proposals, for this round, the next, or round 0 of the next
   * height, are worth waiting and fetching for, and only a few at a time: anyone else could make
   * this node fetch without end. Others are dropped unremembered, so a copy re-sent later is
   * assembled if it can be.
   */
  private worthWaiting(message: CompactProposalMessage, hash: Uint8Array, height: number, round: number): boolean {
    const near = message.height === height ? message.round <= round + 1 : message.round === 0;
    if (!near || message.validRound >= message.round || this.assemblies.size >= assembliesMax) return false;
    let sameRound = 0;
    for (const assembly of this.assemblies.values()) if (assembly.message.height === message.height && assembly.message.round === message.round) sameRound += 1;
    if (sameRound >= proposalsPerRoundMax) return false;
    const validators = this.dependencies.application.validatorsFor(message.height);
    const proposer = validators.publicKey(validators.proposer(message.height, message.round));
    const bytes = proposalSigningBytes(this.dependencies.chainId, message.height, message.round, message.validRound, hash);
    return this.dependencies.verifySignature(proposer, bytes, message.signature);
  }

  private missingHashes(assembly: Assembly): string[] {
    return assembly.hashHexes.filter((_hashHex, index) => assembly.txs[index] === undefined);
  }

  private pruneBelow(height: number): void {
    if (height <= this.prunedBelow) return;
    this.prunedBelow = height;
    for (const assembly of [...this.assemblies.values()]) {
      if (assembly.message.height >= height) continue;
      assembly.cancelTimer();
      this.assemblies.delete(assembly.key);
    }
    for (const [key, keyHeight] of [...this.delivered]) if (keyHeight < height) this.delivered.delete(key);
  }
}
