import { type CryptoSuite, addressOf, signTx, toHex } from "@kexin/core";
import type { Mempool } from "../../mempool/index.ts";
import type { Equivocation } from "./replica.ts";

export interface EvidenceReporterDependencies {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  /** The validator key signs the report; validators may report without an account. */
  readonly privateKey: Uint8Array;
  readonly mempool: Mempool;
  readonly submit: (tx: Uint8Array) => Promise<void>;
  readonly logger: { info(object: object, message: string): void; warn(object: object, message: string): void };
}

/** Reports are far apart (each needs a validator signing twice); this bounds memory if one keeps doing it. */
const reportedKeysMax = 10_000;
/** Long enough for any block that still accepts it; the misbehaviour module refuses stale evidence anyway. */
const reportExpiryBlocks = 1_000;

/** Turns duplicate votes this node saw into misbehaviour transactions, once each. */
export class EvidenceReporter {
  private readonly reported = new Set<string>();

  constructor(private readonly dependencies: EvidenceReporterDependencies) {}

  report(evidence: Equivocation): void {
    const { first, second } = evidence;
    const key = `${toHex(first.validator)}/${first.height}/${first.round}/${first.kind}`;
    if (this.reported.has(key) || this.reported.size >= reportedKeysMax) return;
    this.reported.add(key);
    const { suite, chainId, privateKey, mempool, submit, logger } = this.dependencies;
    const nonce = mempool.nextNonce(addressOf(suite, suite.publicKeyOf(privateKey)));
    const payload = {
      validator: toHex(first.validator),
      height: first.height,
      round: first.round,
      kind: first.kind,
      first: { blockHash: first.blockHash ? toHex(first.blockHash) : "", signature: toHex(first.signature) },
      second: { blockHash: second.blockHash ? toHex(second.blockHash) : "", signature: toHex(second.signature) },
    };
    const signed = signTx(suite, privateKey, { chainId, nonce, module: "misbehaviour", type: "report_duplicate_vote", payload, expiry: first.height + reportExpiryBlocks });
    logger.info({ validator: payload.validator, height: first.height, round: first.round, kind: first.kind, tx: toHex(signed.hash) }, "reporting a duplicate vote");
    submit(signed.bytes).catch((error: unknown) => logger.warn({ err: error }, "could not submit duplicate-vote evidence"));
  }
}
