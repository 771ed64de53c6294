import { type SignedTx, TxStatus, decodeSignedTx, decodeTxResult, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { type AnchorRecord, evidenceModuleLimits, evidenceModuleName, readAnchor } from "../../modules/evidence/index.ts";
import type { StoredBlock } from "../../storage/index.ts";
import type { ApiContext } from "../context.ts";
import { errorBody } from "../errorStatus.ts";

/** The format name of the portable proof of one anchor: its fields, and the receipt of the transaction that made it. */
export const evidenceProofFormat = "kexin-evidence-proof/1";

function isAnchorOf(tx: SignedTx, hash: string): boolean {
  if (tx.module !== evidenceModuleName || tx.type !== "anchor") return false;
  const payload = tx.payload as { hash?: unknown } | null;
  return payload !== null && typeof payload === "object" && payload.hash === hash;
}

export function registerEvidenceRoutes(app: FastifyInstance, context: ApiContext): void {
  const { store, suite, executor, receipts } = context;

  /**
   * The module cannot know its transaction's hash, so the anchor record keeps its block height,
   * and the transaction is found in that block: anchors of one hash committed in one block are
   * recorded in the order of their successful transactions, so the record's rank among the
   * records of its block picks the transaction.
   */
  function locateAnchorTx(record: AnchorRecord, block: StoredBlock): number {
    const state = executor.readCommitted(evidenceModuleName);
    let rank = 0;
    for (let index = record.index - 1; index >= 0 && readAnchor(state, record.hash, index)?.height === record.height; index--) rank++;
    for (let txIndex = 0; txIndex < block.txs.length; txIndex++) {
      const bytes = block.txs[txIndex] as Uint8Array;
      if (!isAnchorOf(decodeSignedTx(bytes), record.hash)) continue;
      const result = store.getResult(suite.hash(bytes));
      if (!result || decodeTxResult(result).status !== TxStatus.ok) continue;
      if (rank === 0) return txIndex;
      rank--;
    }
    throw new Error(`block ${record.height} holds no transaction for anchor ${record.hash}/${record.index}`);
  }

  app.get(
    "/v1/evidence/:hash/proof",
    {
      schema: {
        summary: "The portable proof of one anchor (format kexin-evidence-proof/1): its fields and the receipt of its transaction, checkable offline",
        tags: ["evidence"],
        params: Type.Object({ hash: Type.String({ pattern: "^[0-9a-fA-F]{64}$" }) }),
        querystring: Type.Object({ index: Type.Optional(Type.Integer({ minimum: 0, maximum: evidenceModuleLimits.anchorsPerHashMax - 1, description: "which anchoring of the hash (default 0, the first-seen one)" })) }),
      },
    },
    async (request, reply) => {
      const hash = (request.params as { hash: string }).hash.toLowerCase();
      const index = (request.query as { index?: number }).index ?? 0;
      const record = readAnchor(executor.readCommitted(evidenceModuleName), hash, index);
      if (!record) return reply.status(404).send(errorBody("NOT_FOUND", index === 0 ? `hash ${hash} is not anchored on this chain` : `hash ${hash} has no anchor number ${index}`));
      const block = store.getBlock(record.height);
      if (!block) throw new Error(`anchor ${hash}/${index} names block ${record.height}, which is not stored`);
      const txIndex = locateAnchorTx(record, block);
      const txHash = suite.hash(block.txs[txIndex] as Uint8Array);
      const { hash: _hash, index: _index, sequence: _sequence, ...fields } = record;
      return reply.send({
        format: evidenceProofFormat,
        suite: suite.id,
        anchor: { hash, ...fields, txHash: toHex(txHash) },
        receipt: receipts.build(txHash, record.height, txIndex, block),
      });
    },
  );
}
