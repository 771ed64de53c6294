import { decodeSignedTx, decodeTxResult, fromHex, protocolLimits, toHex, resultView, txView } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { nodeLimits } from "../../limits.ts";
import type { ApiContext } from "../context.ts";
import { errorBody, httpStatusOf, kexinErrorBody } from "../errorStatus.ts";

const hexTx = Type.String({ pattern: "^([0-9a-fA-F]{2})+$", description: "hex of the canonical CBOR of a signed transaction" });
const hash = Type.String({ pattern: "^[0-9a-fA-F]{64}$" });

export function registerTxRoutes(app: FastifyInstance, context: ApiContext): void {
  const { mempool, intake, metrics, store, suite, receipts } = context;

  type Outcome = { hash: string; status: "pending" } | ReturnType<typeof errorBody>;

  /** Admits transactions in order, each on its own; bad input becomes an error body, never a throw. */
  async function admit(hexes: readonly string[]): Promise<Outcome[]> {
    const outcomes = await intake.submit(hexes.map((hex) => fromHex(hex)));
    return outcomes.map((outcome) => {
      if ("admitted" in outcome) return { hash: toHex(outcome.admitted.hash), status: "pending" as const };
      const error = outcome.error;
      metrics.txsRejected.inc({ code: error.code });
      return kexinErrorBody(error);
    });
  }

  app.post(
    "/v1/txs",
    {
      config: {
        bodyLimitNote: `one transaction is at most ${protocolLimits.txBytesMax} bytes (${2 * protocolLimits.txBytesMax} hex digits); send up to ${nodeLimits.apiBatchTxsMax} in one POST /v1/txs/batch, whose body may be up to ${nodeLimits.apiBatchBodyBytesMax} bytes`,
      },
      schema: {
        summary: "Submit one signed transaction",
        tags: ["transactions"],
        body: Type.Object({ tx: hexTx }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const [outcome] = await admit([(request.body as { tx: string }).tx]);
      if (!outcome) throw new Error("intake returned no outcome");
      if ("error" in outcome) return reply.status(httpStatusOf(outcome.error.code)).send(outcome);
      return reply.status(202).send(outcome);
    },
  );

  app.post(
    "/v1/txs/batch",
    {
      bodyLimit: nodeLimits.apiBatchBodyBytesMax,
      config: { bodyLimitNote: `a batch holds at most ${nodeLimits.apiBatchTxsMax} transactions of at most ${protocolLimits.txBytesMax} bytes each` },
      schema: {
        summary: "Submit signed transactions; each is admitted or refused on its own, in order",
        tags: ["transactions"],
        body: Type.Object({ txs: Type.Array(hexTx, { minItems: 1 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { txs } = request.body as { txs: string[] };
      if (txs.length > nodeLimits.apiBatchTxsMax) {
        return reply
          .status(httpStatusOf("API_BATCH_TOO_LARGE"))
          .send(errorBody("API_BATCH_TOO_LARGE", `a batch may hold at most ${nodeLimits.apiBatchTxsMax} transactions; this one has ${txs.length}`));
      }
      const results = await admit(txs);
      const accepted = results.filter((result) => !("error" in result)).length;
      return reply.send({ accepted, results });
    },
  );

  app.get(
    "/v1/txs/:hash",
    { schema: { summary: "A transaction's status, result and portable receipt", tags: ["transactions"], params: Type.Object({ hash }) } },
    async (request, reply) => {
      const hashHex = (request.params as { hash: string }).hash.toLowerCase();
      if (mempool.has(hashHex)) return reply.send({ hash: hashHex, status: "pending" });
      const txHash = fromHex(hashHex);
      const location = store.locateTx(txHash);
      const block = location ? store.getBlock(location.height) : undefined;
      const resultBytes = store.getResult(txHash);
      if (!location || !block || !resultBytes) {
        return reply.status(404).send(errorBody("TX_NOT_FOUND", `no transaction ${hashHex} is pending or committed on this node`));
      }
      const tx = decodeSignedTx(block.txs[location.index] as Uint8Array);
      return reply.send({
        hash: hashHex,
        status: "committed",
        height: location.height,
        index: location.index,
        tx: txView(suite, tx),
        result: resultView(decodeTxResult(resultBytes)),
        receipt: receipts.build(txHash, location.height, location.index, block),
      });
    },
  );
}

