import { decodeBounded, encodeCanonical, protocolLimits } from "@kexin/core";
import type { AdmittedTx } from "../execution/index.ts";
import { nodeLimits } from "../limits.ts";
import type { P2pNetwork } from "../p2p/index.ts";
import type { TxIntake } from "./intake.ts";

export const txTopic = "txs";

/**
 * Spreads transactions a client submitted to this node to its peers, and admits those peers
 * spread, so every validator's mempool holds them before a proposer includes them.
 */
export class TxGossip {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly network: P2pNetwork,
    intake: TxIntake,
    logger: { debug(object: object, message: string): void },
  ) {
    this.unsubscribe = network.onMessage(txTopic, (from, payload) => {
      let txs: Uint8Array[];
      try {
        // The list is neither hashed nor signed, so its encoding need not be canonical; each transaction's is checked on intake.
        const value = decodeBounded(payload, nodeLimits.apiBatchTxsMax * (protocolLimits.txBytesMax + 8));
        if (!Array.isArray(value) || value.length > nodeLimits.apiBatchTxsMax || !value.every((tx) => tx instanceof Uint8Array)) throw new Error("not a list of transactions");
        txs = value as Uint8Array[];
      } catch (error) {
        logger.debug({ peer: from, err: (error as Error).message }, "dropped a malformed transaction batch");
        return;
      }
      // Consensus hears of the admitted ones from the mempool.
      intake.submit(txs, "peer").catch(
        (error: unknown) => logger.debug({ peer: from, err: error }, "transaction batch from a peer failed"),
      );
    });
  }

  publish(admitted: readonly AdmittedTx[]): void {
    this.network.broadcast(txTopic, encodeCanonical(admitted.map((tx) => tx.bytes)));
  }

  close(): void {
    this.unsubscribe();
  }
}
