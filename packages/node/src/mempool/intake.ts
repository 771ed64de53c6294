import { KexinError, protocolLimits } from "@kexin/core";
import type { AdmittedTx } from "../execution/index.ts";
import { duplicateTxError } from "./errors.ts";
import type { Mempool } from "./mempool.ts";
import type { PrecheckedTx } from "./txCheck.ts";
import type { SignatureCheck, SignatureVerifier } from "./signatureVerifier.ts";

export type IntakeOutcome = { readonly admitted: AdmittedTx } | { readonly error: KexinError };

/** Where a submission came from: a client (through the API) or a peer (transaction gossip). */
export type IntakeSource = "client" | "peer";

/** Transactions checked, or admitted, in one go before the node turns to other work. */
const intakeChunkTxs = 256;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A submission being prechecked a chunk at a time. */
class Arrival {
  readonly settled: Promise<void>;
  private settle: () => void = () => undefined;
  private hurried = false;
  private wake: (() => void) | undefined;

  constructor() {
    this.settled = new Promise<void>((resolve) => (this.settle = resolve));
  }

  /** Lets other work run before the next chunk, unless a proposal waits for this submission. */
  pause(): Promise<void> {
    if (this.hurried) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      setImmediate(resolve);
    });
  }

  hurry(): void {
    this.hurried = true;
    this.wake?.();
  }

  /** Every chunk is prechecked (or the submission failed). */
  done(): void {
    this.settle();
  }
}

/** Part of a submission whose signatures are being verified. */
interface InFlight {
  readonly entries: ReadonlyMap<string, { readonly prechecked: PrecheckedTx; readonly index: number }>;
  readonly results: Promise<boolean[]>;
  readonly expedite: () => void;
}

function signatureCheckOf(entry: PrecheckedTx): SignatureCheck {
  return { publicKey: entry.tx.signer, message: entry.signingBytes, signature: entry.tx.signature };
}

/**
 * The path of submitted transactions into the mempool: cheap checks on the main thread, signatures
 * verified off it, then admission one by one, submissions in the order they arrived, so an
 * account's consecutive nonces are admitted in sequence even when they came in separate
 * submissions. A large submission is checked and admitted a chunk at a time, so that consensus
 * messages arriving meanwhile are not held up behind it; a proposal waiting for some of its
 * transactions hurries their checks and signatures ahead of everything else.
 */
export class TxIntake {
  /** Transactions whose signatures are being verified, by hash hex. */
  private readonly inFlight = new Map<string, InFlight>();
  /** Transactions of submissions whose later chunks are still to be prechecked. */
  private readonly arriving = new Map<string, Arrival>();
  /** Settles when the latest submission has been admitted; the next one waits for it. */
  private admissionTail: Promise<void> = Promise.resolve();

  constructor(
    private readonly mempool: Mempool,
    private readonly verifier: SignatureVerifier,
    /** Told of the transactions admitted from client submissions, a chunk at a time, e.g. to gossip them to peers. */
    private readonly onAdmitted?: (admitted: readonly AdmittedTx[]) => void,
  ) {}

  async submit(transactions: readonly Uint8Array[], source: IntakeSource = "client"): Promise<IntakeOutcome[]> {
    // The order of admission is fixed here, as the submission arrives.
    const previous = this.admissionTail;
    let admissionDone = (): void => undefined;
    this.admissionTail = new Promise<void>((resolve) => (admissionDone = resolve));
    const chunks: { readonly prechecked: readonly (PrecheckedTx | KexinError)[]; readonly inFlight: InFlight }[] = [];
    const outcomes: IntakeOutcome[] = [];
    // Hashed now, so that a proposal arriving before the last chunk is prechecked waits for these instead of fetching them.
    const hashes = transactions.map((bytes) => (bytes.length <= protocolLimits.txBytesMax ? this.mempool.hashOf(bytes) : undefined));
    const arrival = new Arrival();
    for (const hash of hashes) if (hash && !this.arriving.has(hash.hashHex)) this.arriving.set(hash.hashHex, arrival);
    try {
      // A large submission is checked, and later admitted, a chunk at a time, so consensus messages arriving meanwhile are not held up behind it.
      for (let start = 0; start < transactions.length; start += intakeChunkTxs) {
        if (start > 0) await arrival.pause();
        chunks.push(this.precheckChunk(transactions.slice(start, start + intakeChunkTxs), hashes.slice(start, start + intakeChunkTxs)));
      }
      this.forgetArrival(hashes, arrival);
      const verdicts = await Promise.all(chunks.map((chunk) => chunk.inFlight.results));
      await previous;
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0) await yieldToEventLoop();
        const admitted = this.admitChunk(chunk.prechecked, chunk.inFlight, verdicts[index] ?? []);
        outcomes.push(...admitted);
        // Announced chunk by chunk: a proposer may put a chunk in a block before the rest is admitted, and peers must have it by then.
        const admittedTxs = admitted.flatMap((outcome) => ("admitted" in outcome ? [outcome.admitted] : []));
        if (this.onAdmitted && source === "client" && admittedTxs.length > 0) this.onAdmitted(admittedTxs);
      }
    } finally {
      this.forgetArrival(hashes, arrival);
      for (const { inFlight } of chunks) for (const hashHex of inFlight.entries.keys()) if (this.inFlight.get(hashHex) === inFlight) this.inFlight.delete(hashHex);
      admissionDone();
    }
    return outcomes;
  }

  private forgetArrival(hashes: readonly ({ hashHex: string } | undefined)[], arrival: Arrival): void {
    for (const hash of hashes) if (hash && this.arriving.get(hash.hashHex) === arrival) this.arriving.delete(hash.hashHex);
    arrival.done();
  }

  /** Prechecks transactions and starts verifying the signatures of those that pass. */
  private precheckChunk(transactions: readonly Uint8Array[], hashes: readonly ({ hash: Uint8Array; hashHex: string } | undefined)[]): { prechecked: (PrecheckedTx | KexinError)[]; inFlight: InFlight } {
    const prechecked = transactions.map((bytes, index) => {
      try {
        const entry = this.mempool.precheck(bytes, hashes[index]);
        // The same transaction arriving again while its first copy is verified is refused now, not verified twice.
        if (this.inFlight.has(entry.hashHex)) return duplicateTxError(entry.hashHex);
        return entry;
      } catch (error) {
        if (error instanceof KexinError) return error;
        throw error;
      }
    });
    const toVerify = prechecked.filter((entry): entry is PrecheckedTx => !(entry instanceof KexinError));
    const inFlight: InFlight = { entries: new Map(toVerify.map((entry, index) => [entry.hashHex, { prechecked: entry, index }])), ...this.verifier.schedule(toVerify.map(signatureCheckOf)) };
    for (const entry of toVerify) this.inFlight.set(entry.hashHex, inFlight);
    return { prechecked, inFlight };
  }

  private admitChunk(prechecked: readonly (PrecheckedTx | KexinError)[], inFlight: InFlight, valid: readonly boolean[]): IntakeOutcome[] {
    return prechecked.map((entry) => {
      if (entry instanceof KexinError) return { error: entry };
      try {
        return { admitted: this.mempool.admit(entry, valid[inFlight.entries.get(entry.hashHex)?.index ?? -1] === true) };
      } catch (error) {
        if (error instanceof KexinError) return { error };
        throw error;
      }
    });
  }

  /**
   * For listed transactions whose signatures are being verified now: verifies them ahead of
   * everything else waiting, and resolves with each one that passed, checked and ready for a block
   * (whether or not the mempool then admits it). Undefined when none is being verified.
   */
  verifyInFlight(hashHexes: readonly string[]): Promise<Map<string, AdmittedTx>> | undefined {
    const arrivals = new Set<Arrival>();
    for (const hashHex of hashHexes) {
      const arrival = this.arriving.get(hashHex);
      if (arrival && !this.inFlight.has(hashHex)) arrivals.add(arrival);
    }
    if (arrivals.size > 0) {
      for (const arrival of arrivals) arrival.hurry();
      return Promise.all([...arrivals].map((arrival) => arrival.settled)).then(() => this.verifyInFlight(hashHexes) ?? new Map());
    }
    const submissions = new Set<InFlight>();
    for (const hashHex of hashHexes) {
      const submission = this.inFlight.get(hashHex);
      if (submission) submissions.add(submission);
    }
    if (submissions.size === 0) return undefined;
    const wanted = new Set(hashHexes);
    return Promise.all(
      [...submissions].map(async (submission) => {
        submission.expedite();
        const valid = await submission.results.catch((): boolean[] => []);
        const verified: [string, AdmittedTx][] = [];
        for (const [hashHex, { prechecked, index }] of submission.entries) {
          if (wanted.has(hashHex) && valid[index] === true) verified.push([hashHex, this.mempool.admittedOf(prechecked)]);
        }
        return verified;
      }),
    ).then((parts) => new Map(parts.flat()));
  }

  /**
   * Checks transactions fetched for a proposed block, in block order: decoding, chain, schema and
   * signature, but not expiry, duplicates or state, which the block's validation decides. Each that
   * passes is also admitted to the mempool where admission allows, so a copy arriving later by
   * gossip is refused before it is verified again. Undefined for a transaction that fails the
   * checks; validation then refuses the block with the reason.
   */
  async checkForBlock(transactions: readonly Uint8Array[]): Promise<(AdmittedTx | undefined)[]> {
    const prechecked = transactions.map((bytes) => {
      try {
        return this.mempool.precheckForBlock(bytes);
      } catch {
        return undefined;
      }
    });
    const toVerify = prechecked.filter((entry): entry is PrecheckedTx => entry !== undefined);
    // A proposed block waits for these.
    const verification = this.verifier.schedule(toVerify.map(signatureCheckOf));
    verification.expedite();
    const valid = await verification.results;
    const validity = new Map(toVerify.map((entry, index) => [entry, valid[index] === true]));
    return prechecked.map((entry) => {
      if (!entry || validity.get(entry) !== true) return undefined;
      try {
        return this.mempool.admit(entry, true);
      } catch {
        return this.mempool.get(entry.hashHex) ?? this.mempool.admittedOf(entry);
      }
    });
  }
}
