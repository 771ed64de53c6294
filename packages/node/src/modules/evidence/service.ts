import { type ServiceFactory, type ServiceOpenContext, defineService } from "../service.ts";
import { BlobStore, type BlobStoreOptions, defaultBlobStoreOptions } from "./blobs/blobStore.ts";
import { CertificateRenderer } from "./certificate/index.ts";
import { createEvidenceModule } from "./index.ts";
import { registerEvidenceBlobRoutes } from "./routes/blobs.ts";
import { registerEvidenceProofRoutes } from "./routes/proof.ts";

/** The evidence service's entry of the node's per-service options (config.json: `services.evidence`). */
export interface EvidenceServiceOptions {
  /**
   * Where and how much the node keeps of uploaded sealed envelopes (default: `evidence-blobs` in the data folder, 64 MiB each,
   * 16 GiB in all, refused when they would leave less than twice the chain's diskReserveBytes free). A relative `directory` is
   * taken from the node's home.
   */
  readonly blobs?: Partial<BlobStoreOptions>;
}

const blobOptionNames = new Set(["directory", "blobBytesMax", "totalBytesMax", "blobsMax", "diskReserveBytes"]);

function blobStoreOptions(context: ServiceOpenContext): BlobStoreOptions {
  const defaults = defaultBlobStoreOptions(context.dataDir, context.diskReserveBytes);
  const options = context.options;
  if (options === undefined) return defaults;
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw new Error("services.evidence must be an object");
  const blobs = (options as EvidenceServiceOptions).blobs;
  if (blobs === undefined) return defaults;
  if (blobs === null || typeof blobs !== "object" || Array.isArray(blobs)) throw new Error("services.evidence.blobs must be an object");
  const unknown = Object.keys(blobs).filter((name) => !blobOptionNames.has(name));
  if (unknown.length > 0) throw new Error(`services.evidence.blobs has unknown settings: ${unknown.join(", ")}`);
  return { ...defaults, ...blobs, ...(blobs.directory !== undefined ? { directory: context.resolvePath(blobs.directory) } : {}) };
}

/** What the evidence service keeps open while the node runs. */
interface EvidenceResources {
  /** Sealed envelopes uploaded to this node (files beside the chain, not consensus state). */
  readonly blobs: BlobStore;
  readonly certificates: CertificateRenderer;
}

/** Evidence as the node runs it: its module, the sealed-envelope store, proofs and certificates over HTTP. */
export const createEvidenceService: ServiceFactory = ({ suite }) =>
  defineService<EvidenceResources>({
    module: createEvidenceModule({ suite }),
    httpStatusByCode: {
      EVIDENCE_BLOB_UNAUTHORISED: 401,
      EVIDENCE_BLOB_NOT_MEMBER: 403,
      EVIDENCE_BLOB_TOO_LARGE: 413,
      CERTIFICATE_BUSY: 503,
      EVIDENCE_BLOB_BUSY: 503,
      EVIDENCE_BLOB_STORE_FULL: 507,
      CERTIFICATE_FONT_MISSING: 500,
    },
    open: async (context) => ({ blobs: await BlobStore.open(blobStoreOptions(context)), certificates: new CertificateRenderer() }),
    close: async ({ certificates }) => certificates.close(),
    api: {
      tag: { name: "evidence", description: "Anchors' proofs and certificates, and sealed envelopes" },
      register: (app, context, { blobs, certificates }) => {
        registerEvidenceProofRoutes(app, context, certificates);
        registerEvidenceBlobRoutes(app, context, blobs);
      },
    },
  });
