import { type ReceiptJson, fromHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../../api/context.ts";
import { errorBody } from "../../../api/errorStatus.ts";
import { integerParameter } from "../../../execution/index.ts";
import { CertificateError, type CertificateRenderer, certificateLimits, verifyUrl } from "../certificate/index.ts";
import { type AnchorRecord, evidenceModuleLimits, evidenceModuleName, readAnchor } from "../index.ts";

/** The format name of the portable proof of one anchor: its fields, and the receipt of the transaction that made it. */
export const evidenceProofFormat = "kexin-evidence-proof/1";

interface EvidenceProofBody {
  readonly format: typeof evidenceProofFormat;
  readonly suite: string;
  readonly anchor: Omit<AnchorRecord, "index" | "sequence">;
  readonly receipt: ReceiptJson;
}

/** Proofs and certificates of anchors; certificates are drawn by `certificates`, which the service opens and closes. */
export function registerEvidenceProofRoutes(app: FastifyInstance, context: ApiContext, certificates: CertificateRenderer): void {
  const { store, suite, executor, receipts } = context;

  /** The proof of anchor `index` of `hash`, or undefined when the hash has no such anchor. */
  function proofOf(hash: string, index: number): EvidenceProofBody | undefined {
    const record = readAnchor(executor.readCommitted(evidenceModuleName), executor.readCommittedIndex(evidenceModuleName), hash, index);
    if (!record) return undefined;
    const txHash = fromHex(record.txHash);
    const location = store.locateTx(txHash);
    const block = location ? store.getBlock(location.height) : undefined;
    if (!location || !block) throw new Error(`anchor ${hash}/${index} names transaction ${record.txHash}, which is not stored`);
    const { size, mediaType, title, caseNumber, tags, submitter, height, time } = record;
    return {
      format: evidenceProofFormat,
      suite: suite.id,
      anchor: { hash, size, mediaType, title, caseNumber, tags, submitter, height, time, txHash: record.txHash },
      receipt: receipts.build(txHash, location.height, location.index, block),
    };
  }

  const notAnchored = (hash: string, index: number) => errorBody("NOT_FOUND", index === 0 ? `hash ${hash} is not anchored on this chain` : `hash ${hash} has no anchor number ${index}`);
  const params = Type.Object({ hash: Type.String({ pattern: "^[0-9a-fA-F]{64}$" }) });
  const index = Type.Optional(integerParameter({ maximum: evidenceModuleLimits.anchorsPerHashMax - 1 }, "which anchoring of the hash (default 0, the first-seen one)"));

  app.get(
    "/v1/evidence/:hash/proof",
    {
      schema: {
        summary: "The portable proof of one anchor (format kexin-evidence-proof/1): its fields and the receipt of its transaction, checkable offline",
        tags: ["evidence"],
        params,
        querystring: Type.Object({ index }),
      },
    },
    async (request, reply) => {
      const hash = (request.params as { hash: string }).hash.toLowerCase();
      const anchorIndex = (request.query as { index?: number }).index ?? 0;
      const proof = proofOf(hash, anchorIndex);
      if (!proof) return reply.status(404).send(notAnchored(hash, anchorIndex));
      return reply.send(proof);
    },
  );

  app.get(
    "/v1/evidence/:hash/certificate.pdf",
    {
      schema: {
        summary: "A one-page PDF certificate (存证证书) of one anchor, in Chinese and English, with a QR code of the console's verify page for the hash",
        description:
          "Drawn from the anchor's proof (GET /v1/evidence/:hash/proof) after checking it: hash, media type, size, title, case number, tags, submitter, block time (UTC and Asia/Shanghai), block height and hash, transaction hash, chain id, and the validators that signed the block. The QR code holds <baseUrl>/verify?hash=<hash>. The same anchor and base URL always give the same bytes. 503 CERTIFICATE_BUSY when the node is already drawing its limit of certificates.",
        tags: ["evidence"],
        params,
        querystring: Type.Object({
          index,
          baseUrl: Type.Optional(
            Type.String({
              maxLength: certificateLimits.baseUrlLengthMax,
              description: "where people reach the console, e.g. https://kexin.example.org (default: this node, as the request addressed it); http or https, without query or fragment",
            }),
          ),
        }),
        response: {
          200: { description: "the certificate", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
          404: { description: "NOT_FOUND: the hash has no such anchor", type: "object", properties: { error: { type: "object", additionalProperties: true } } },
        },
      },
    },
    async (request, reply) => {
      const hash = (request.params as { hash: string }).hash.toLowerCase();
      const query = request.query as { index?: number; baseUrl?: string };
      const anchorIndex = query.index ?? 0;
      const baseUrl = query.baseUrl ?? `${request.protocol}://${request.host}`;
      // A bad base URL is the caller's mistake, answered before any work is queued.
      verifyUrl(baseUrl, hash);
      const proof = proofOf(hash, anchorIndex);
      if (!proof) return reply.status(404).send(notAnchored(hash, anchorIndex));
      let pdf: Uint8Array;
      try {
        ({ pdf } = await certificates.render({ proof, baseUrl }));
      } catch (error) {
        // The node built this proof from its own chain, so a refusal of it is the node's fault, not the caller's.
        if (error instanceof CertificateError && error.code === "CERTIFICATE_INVALID_PROOF") throw new Error(`the node's own proof of ${hash}/${anchorIndex} cannot be certified: ${error.message}`);
        throw error;
      }
      const name = `evidence-certificate-${hash.slice(0, 16)}${anchorIndex === 0 ? "" : `-${anchorIndex}`}.pdf`;
      return reply.header("content-type", "application/pdf").header("content-disposition", `inline; filename="${name}"`).send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );
}
