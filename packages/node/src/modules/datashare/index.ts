import { join } from "node:path";
import { datashareBlobUploadAuthorisation, datashareGenesisSectionSchema, decodeSealedRecord } from "@kexin/core";
import { BlobStore, type BlobStoreSettings, blobHttpStatusByCode, blobStoreOptionsOf, registerSealedBlobRoutes } from "../../blobs/index.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { ReleaseChallenges } from "./challenges.ts";
import { ComputeKeys } from "./computeKeys.ts";
import { registerComputeRoutes } from "./computeRoutes.ts";
import { writeDatashareGenesis } from "./credits.ts";
import { datashareHttpStatusByCode } from "./errors.ts";
import { registerDatashareKeyRoutes } from "./keyRoutes.ts";
import { DataKeyStore } from "./keyStore.ts";
import { createDatashareModule } from "./module.ts";
import { registerSubjectAuditRoute } from "./subjectAuditRoute.ts";

export { readAccessRecord } from "./access.ts";
export { readComputeRecord } from "./compute.ts";
export { readSharedRecord } from "./records.ts";
export { createDatashareModule } from "./module.ts";

/** The datashare service's entry of the node's per-service options (config.json: `services.datashare`). */
export interface DatashareServiceOptions {
  /** Where and how much the node keeps of records' ciphertexts (default: `datashare-blobs` in the data folder; the blob store's default bounds). */
  readonly blobs?: BlobStoreSettings;
}

/** What the datashare service keeps open while the node runs: ciphertexts, data keys, challenges of key requests. */
interface DatashareResources {
  readonly blobs: BlobStore;
  readonly keys: DataKeyStore;
  readonly challenges: ReleaseChallenges;
  readonly computeKeys: ComputeKeys;
  /** Admits the compute results this node signs. */
  readonly submit: (tx: Uint8Array) => Promise<void>;
}

/** Data sharing as the node runs it: its module, its genesis section of opening credits, the ciphertext store and key release. */
export const createDatashareService: ServiceFactory = ({ suite, genesis }) =>
  defineService<DatashareResources>({
    module: createDatashareModule(suite, genesis.chainId),
    genesis: { sectionSchema: datashareGenesisSectionSchema, write: (context, genesis) => writeDatashareGenesis(context, genesis) },
    httpStatusByCode: { ...datashareHttpStatusByCode, ...blobHttpStatusByCode("datashare") },
    open: async (context) => ({
      blobs: await BlobStore.open(blobStoreOptionsOf("datashare", context)),
      keys: await DataKeyStore.open(context.suite, join(context.dataDir, "datashare-keys")),
      challenges: new ReleaseChallenges(context.suite),
      computeKeys: await ComputeKeys.open(context.suite, join(context.dataDir, "datashare-keys", "compute")),
      submit: context.submit,
    }),
    api: {
      tag: { name: "datashare", description: "Encrypted records' ciphertexts, data-key deposit and release against committed accesses" },
      register: (app, context, { blobs, keys, challenges, computeKeys, submit }) => {
        // A record's ciphertext is a kexin-sealed-record/1 structure, sealed field by field.
        registerSealedBlobRoutes(app, context, blobs, {
          service: "datashare",
          authorisation: datashareBlobUploadAuthorisation,
          sdkAction: "datashare.shareRecord",
          cipherOfUpload: (bytes, sizeBytesMax) => decodeSealedRecord(bytes, sizeBytesMax).cipher,
        });
        registerDatashareKeyRoutes(app, context, keys, challenges);
        registerSubjectAuditRoute(app, context, challenges);
        registerComputeRoutes(app, context, { blobs, keys, computeKeys, submit });
      },
    },
  });
