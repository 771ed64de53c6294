import { addressOf, addressPattern, stateProofEntriesMax, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { haltReason } from "../../consensus/index.ts";
import { parseIntegerParameters } from "../../execution/index.ts";
import { identityModuleName, readAccount } from "../../modules/identity/index.ts";
import type { ApiContext } from "../context.ts";
import { errorBody } from "../errorStatus.ts";
import { StateReadRecorder } from "../recordingStateRead.ts";
import { StateProofRequestError } from "../stateProofBuilder.ts";

/** The header hash of a committed block, the one read-only block fact queries are given. */
function committedBlockHash(store: ApiContext["store"], suite: ApiContext["suite"], height: number): Uint8Array | undefined {
  const block = Number.isSafeInteger(height) && height >= 1 ? store.getBlock(height) : undefined;
  return block ? suite.hash(block.header) : undefined;
}

/** Peers listed by GET /v1/status; a consortium has a few dozen nodes, and the count is always whole. */
const statusPeersListedMax = 100;

/** Connected peers of a bft node, sorted by peer id so that two answers compare line by line; null on a solo node, which has no network. */
function connectedPeers(p2p: ApiContext["p2p"]) {
  if (p2p === undefined) return null;
  const peers = [...p2p.peers()].sort((a, b) => (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0));
  return {
    count: peers.length,
    list: peers.slice(0, statusPeersListedMax).map((peer) => ({ peerId: peer.peerId, publicKey: peer.publicKeyHex, address: peer.address })),
  };
}

export function registerChainRoutes(app: FastifyInstance, context: ApiContext): void {
  const { store, suite, mempool, executor, registry, metrics } = context;

  app.get("/healthz", { schema: { summary: "Liveness and the current height; 503 once consensus has halted", tags: ["node"] } }, async (_request, reply) => {
    const height = store.head()?.height ?? 0;
    if (context.consensus.halted !== undefined) {
      return reply.status(503).send({ status: "halted", height, reason: haltReason(context.consensus.halted) });
    }
    return { status: "ok", height };
  });

  app.get("/metrics", { schema: { summary: "Prometheus metrics", tags: ["node"] } }, async (_request, reply) => {
    metrics.mempoolTxs.set(mempool.size);
    metrics.mempoolBytes.set(mempool.sizeBytes);
    metrics.peers.set(context.p2p?.peers().length ?? 0);
    context.consensusWatch.updateMetrics();
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get("/v1/status", { schema: { summary: "Chain and node status", tags: ["node"] } }, async () => {
    const head = store.head();
    const next = context.schedule.at((head?.height ?? 0) + 1);
    return {
      chainId: context.chainId,
      suite: suite.id,
      genesisHash: toHex(context.genesisHash),
      height: head?.height ?? 0,
      lastBlockHash: head && head.height > 0 ? toHex(head.hash) : null,
      lastBlockTime: head && head.height > 0 ? head.time : null,
      validatorsHash: toHex(next.hash),
      validators: next.validators.map((validator) => ({
        publicKey: toHex(validator.publicKey),
        address: addressOf(suite, validator.publicKey),
        power: validator.power,
      })),
      mempool: { txs: mempool.size, bytes: mempool.sizeBytes },
      consensus: context.consensus.engine,
      consensusState: context.consensusWatch.view(),
      modules: registry.moduleNames(),
      peers: connectedPeers(context.p2p),
    };
  });

  app.get(
    "/v1/accounts/:address",
    {
      schema: {
        summary: "An account's next nonce and registration",
        tags: ["accounts"],
        params: Type.Object({ address: Type.String({ pattern: addressPattern.source }) }),
      },
    },
    async (request) => {
      const { address } = request.params as { address: string };
      const account = readAccount(executor.readCommitted(identityModuleName), address);
      return {
        address,
        nonce: mempool.nextNonce(address),
        committedNonce: executor.committedNonce(address),
        member: account ? { org: account.org, roles: account.roles, kind: account.kind, name: account.name, active: account.active } : null,
      };
    },
  );

  app.get(
    "/v1/query/:module/:query",
    {
      schema: {
        summary: "Run a module's read-only query over committed state",
        tags: ["modules"],
        params: Type.Object({ module: Type.String({ maxLength: 32 }), query: Type.String({ maxLength: 32 }) }),
      },
    },
    async (request, reply) => {
      const { module, query } = request.params as { module: string; query: string };
      const resolved = registry.resolveQuery(module, query);
      if (!resolved) return reply.status(404).send(errorBody("QUERY_NOT_FOUND", `module "${module}" has no query "${query}"`));
      const { prove, ...parameters } = request.query as Record<string, unknown>;
      if (prove !== undefined && prove !== "true" && prove !== "false") return reply.status(400).send(errorBody("API_BAD_REQUEST", 'query parameter prove: must be "true" or "false"'));
      // Checked by the API's one integer rule; modules read them as the text they arrived as.
      parseIntegerParameters(resolved.definition.parameters, parameters);
      if (!resolved.check.Check(parameters)) {
        const first = resolved.check.Errors(parameters).First();
        const field = first?.path.replace(/^\//, "") || "query";
        return reply.status(400).send(errorBody("API_BAD_REQUEST", `query parameter ${field}: ${first?.message ?? "invalid"}`));
      }
      // A query may run a contract: the interpreter loads first if committed state holds one.
      await executor.ready(() => []);
      const head = store.head();
      const blocks = { height: head?.height ?? 0, time: head?.time ?? 0, blockHash: (height: number) => committedBlockHash(store, suite, height) };
      if (prove === "true") {
        const recorder = new StateReadRecorder();
        const result = resolved.definition.run(
          recorder.state(executor.readCommitted(module), module),
          parameters,
          (other) => recorder.state(executor.readCommitted(other), other),
          blocks,
          recorder.unproven(executor.readCommittedIndex(module)),
        );
        const keys = recorder.provableKeys();
        if (keys === undefined || keys.length === 0 || keys.length > stateProofEntriesMax) {
          const why = keys === undefined ? "it lists keys or reads the derived index, which the state tree does not prove complete" : `it reads ${keys.length} keys`;
          throw new StateProofRequestError({ code: "QUERY_NOT_PROVABLE", module, query }, `${module}.${query} cannot be proven: ${why}; prove single keys through GET /v1/state instead`);
        }
        return reply.send({ result: result ?? null, proof: context.stateProofs.prove(keys) });
      }
      const result = resolved.definition.run(executor.readCommitted(module), parameters, (other) => executor.readCommitted(other), blocks, executor.readCommittedIndex(module));
      if (result === null || result === undefined) return reply.status(404).send(errorBody("NOT_FOUND", `${module}.${query} found nothing for these parameters`));
      return reply.send(result);
    },
  );
}
