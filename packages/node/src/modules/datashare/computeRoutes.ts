import { datashareError, datashareModuleName, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../api/context.ts";
import type { BlobStore } from "../../blobs/index.ts";
import { identityModuleName, readNodeOrganisation, readOrganisation } from "../identity/index.ts";
import type { ComputeKeys } from "./computeKeys.ts";
import type { DataKeyStore } from "./keyStore.ts";
import { ComputeWorker } from "./computeWorker.ts";

const tags = [datashareModuleName];

/**
 * The compute key route and the compute worker. An organisation's admin reads the key this node
 * would sign its compute results with and registers it as a node of the organisation; from then on
 * the node answers the organisation's compute requests.
 */
export function registerComputeRoutes(app: FastifyInstance, context: ApiContext, resources: { blobs: BlobStore; keys: DataKeyStore; computeKeys: ComputeKeys; submit: (tx: Uint8Array) => Promise<void> }): void {
  const { computeKeys } = resources;
  app.get(
    "/v1/datashare/compute-key/:organisation",
    { schema: { summary: "The key this node signs an organisation's compute results with (register it with identity.register_node to let the node answer)", tags, params: Type.Object({ organisation: Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" }) }) } },
    async (request) => {
      const { organisation } = request.params as { organisation: string };
      const identity = context.executor.readCommitted(identityModuleName);
      if (readOrganisation(identity, organisation) === undefined) throw datashareError("DATASHARE_GRANTEE_UNKNOWN", `no organisation "${organisation}" on this chain`, { organisation });
      const publicKey = toHex(await computeKeys.publicKeyOf(organisation));
      return { organisation, publicKey, registered: readNodeOrganisation(identity, publicKey) === organisation };
    },
  );
  const worker = new ComputeWorker({ api: context, ...resources });
  app.addHook("onClose", async () => worker.close());
}
