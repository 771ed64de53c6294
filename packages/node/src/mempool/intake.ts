import { KexinError } from "@kexin/core";
import type { AdmittedTx } from "../execution/index.ts";
import type { Mempool, PrecheckedTx } from "./mempool.ts";
import type { SignatureVerifier } from "./signatureVerifier.ts";

export type IntakeOutcome = { readonly admitted: AdmittedTx } | { readonly error: KexinError };

/**
 * The path of submitted transactions into the mempool: cheap checks on the main thread, all
 * signatures of a submission verified together off it, then admission one by one in submission
 * order, so an account's consecutive nonces in one batch are admitted in sequence.
 */
export class TxIntake {
  constructor(
    private readonly mempool: Mempool,
    private readonly verifier: SignatureVerifier,
    /** Told of every submission's admitted transactions, e.g. to gossip them to peers. */
    private readonly onAdmitted?: (admitted: readonly AdmittedTx[]) => void,
  ) {}

  async submit(transactions: readonly Uint8Array[]): Promise<IntakeOutcome[]> {
    const prechecked: (PrecheckedTx | KexinError)[] = transactions.map((bytes) => {
      try {
        return this.mempool.precheck(bytes);
      } catch (error) {
        if (error instanceof KexinError) return error;
        throw error;
      }
    });
    const toVerify = prechecked.filter((entry): entry is PrecheckedTx => !(entry instanceof KexinError));
    const valid = await this.verifier.verify(toVerify.map((entry) => ({ publicKey: entry.tx.signer, message: entry.signingBytes, signature: entry.tx.signature })));
    const validity = new Map(toVerify.map((entry, index) => [entry, valid[index] === true]));
    const outcomes: IntakeOutcome[] = prechecked.map((entry) => {
      if (entry instanceof KexinError) return { error: entry };
      try {
        return { admitted: this.mempool.admit(entry, validity.get(entry) === true) };
      } catch (error) {
        if (error instanceof KexinError) return { error };
        throw error;
      }
    });
    if (this.onAdmitted) {
      const admitted = outcomes.flatMap((outcome) => ("admitted" in outcome ? [outcome.admitted] : []));
      if (admitted.length > 0) this.onAdmitted(admitted);
    }
    return outcomes;
  }
}
