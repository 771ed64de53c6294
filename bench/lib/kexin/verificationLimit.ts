import { availableParallelism } from "node:os";
import { type SuiteId, decodeSignedTx, getSuite, signTx, txSigningBytesOfEncoded } from "@kexin/core";
import { type SignatureCheck, WorkerSignatureVerifier } from "../../../packages/node/src/mempool/index.ts";
import { BenchFailure } from "../errors.ts";
import { SeededRandom } from "../random.ts";

export interface VerificationLimit {
  readonly suite: SuiteId;
  /** Signatures verified per second by the node's own verifier on every core of the machine. */
  readonly perSecond: number;
  readonly threads: number;
  readonly verified: number;
  readonly seconds: number;
}

export interface VerificationLimitOptions {
  /** Distinct signed transactions at most; the measurement verifies them over and over. */
  readonly transactions: number;
  /** Signing stops earlier once this much time has gone by (SM2 signs slowly), with at least `transactionsMin` signed. */
  readonly signingMs: number;
  readonly transactionsMin: number;
  /** The measurement goes on, pass after pass, until this much time has gone by. */
  readonly measureMs: number;
  readonly seed: string;
}

export const defaultVerificationLimitOptions: VerificationLimitOptions = { transactions: 2_000, signingMs: 1_500, transactionsMin: 256, measureMs: 2_000, seed: "kexin-bench-limit" };

/**
 * Checks per request: one request is one slice for one worker, so the measurement can end soon
 * after its time is up even for SM2 (64 checks are about a second of one thread under load).
 */
const requestChecks = 64;
/** Requests in flight per thread, so no worker waits for the next one to be handed out. */
const requestsPerThread = 2;
const accounts = 16;

/**
 * Real points transfers signed with the chain's suite, reduced to what the node's intake hands
 * its signature workers: the signer's key, the signing bytes cut from the decoded encoding, and
 * the signature.
 */
function signedChecks(suiteId: SuiteId, options: VerificationLimitOptions): SignatureCheck[] {
  const suite = getSuite(suiteId);
  const random = new SeededRandom(options.seed, "verification-limit");
  const keys = Array.from({ length: accounts }, () => suite.generatePrivateKey());
  const startMs = performance.now();
  const checks: SignatureCheck[] = [];
  for (let index = 0; index < options.transactions; index++) {
    if (index >= options.transactionsMin && performance.now() - startMs > options.signingMs) break;
    const privateKey = keys[index % accounts] as Uint8Array;
    const body = {
      chainId: "kexin-bench-limit",
      nonce: Math.floor(index / accounts),
      module: "points",
      type: "transfer",
      payload: { to: random.hex(20), program: "merchant", amount: 1 },
      expiry: 1_000_000,
    };
    const { bytes } = signTx(suite, privateKey, body);
    const tx = decodeSignedTx(bytes);
    checks.push({ publicKey: tx.signer, message: txSigningBytesOfEncoded(tx, bytes), signature: tx.signature });
  }
  return checks;
}

/**
 * The machine's ceiling for a chain of this suite: every transaction's signature must be checked
 * by every validator, and nothing else a node does is as dear, so no node can commit faster than
 * its verifier runs on all cores. Measured with the node's own worker-thread verifier, one thread
 * per core (the node itself keeps one core for its main thread, so this is an upper bound).
 */
export async function measureVerificationLimit(suiteId: SuiteId, options: VerificationLimitOptions = defaultVerificationLimitOptions): Promise<VerificationLimit> {
  const checks = signedChecks(suiteId, options);
  const threads = availableParallelism();
  const verifier = new WorkerSignatureVerifier(suiteId, threads);
  const verifyAll = async (part: readonly SignatureCheck[]): Promise<void> => {
    const verdicts = await verifier.verify(part);
    const refused = verdicts.filter((valid) => !valid).length;
    if (refused > 0) throw new BenchFailure(`the ${suiteId} verifier refused ${refused} of ${part.length} valid signatures`);
  };
  try {
    // A first small round starts the threads and compiles the verifier; it is not counted.
    await Promise.all(Array.from({ length: threads }, (_unused, thread) => verifyAll(checks.slice(thread * requestChecks, (thread + 1) * requestChecks))));
    let cursor = 0;
    let verified = 0;
    const startMs = performance.now();
    let lastDoneMs = startMs;
    const lane = async (): Promise<void> => {
      while (performance.now() - startMs < options.measureMs) {
        const start = cursor % checks.length;
        cursor = start + requestChecks;
        const part = checks.slice(start, start + requestChecks);
        await verifyAll(part);
        verified += part.length;
        lastDoneMs = performance.now();
      }
    };
    await Promise.all(Array.from({ length: threads * requestsPerThread }, () => lane()));
    const seconds = (lastDoneMs - startMs) / 1000;
    return { suite: suiteId, perSecond: verified / seconds, threads, verified, seconds };
  } finally {
    await verifier.close();
  }
}
