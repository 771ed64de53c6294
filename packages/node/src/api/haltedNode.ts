import { KexinError } from "@kexin/core";
import type { FastifyInstance } from "fastify";
import { haltReason } from "../consensus/index.ts";
import type { ApiContext } from "./context.ts";

export type NodeHaltedErrorType = { code: "NODE_HALTED"; height: number; reason: string };
export class NodeHaltedError extends KexinError<NodeHaltedErrorType> {}

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Once consensus has halted, the node stays up so that its operator can read why (GET /healthz)
 * and what it holds, but takes nothing new: a transaction it admitted would never commit, and an
 * upload would eat into a disk that may be why it halted.
 */
export function refuseWritesOnceHalted(app: FastifyInstance, context: ApiContext): void {
  app.addHook("onRequest", async (request) => {
    const halted = context.consensus.halted;
    if (halted === undefined || readMethods.has(request.method)) return;
    const height = context.store.head()?.height ?? 0;
    const reason = haltReason(halted);
    throw new NodeHaltedError({ code: "NODE_HALTED", height, reason }, `the node halted at height ${height} and takes no new transactions or uploads until it is restarted: ${reason}`);
  });
}
