import { sealedUploadAuthorisation } from "@kexin/core";
import { BlobStore, type BlobStoreSettings, blobHttpStatusByCode, blobStoreOptionsOf, registerSealedBlobRoutes } from "../../blobs/index.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { CertificateRenderer } from "./certificate/index.ts";
import { createEvidenceModule } from "./index.ts";
import { registerEvidenceProofRoutes } from "./routes/proof.ts";

/** The evidence service's entry of the node's per-service options (config.json: `services.evidence`). */
export interface EvidenceServiceOptions {
  /**
   * Where and how much the node keeps of uploaded sealed envelopes (default: `evidence-blobs` in the data folder, 64 MiB each,
   * 16 GiB in all, refused when they would leave less than twice the chain's diskReserveBytes free). A relative `directory` is
   * taken from the node's home.
   */
  readonly blobs?: BlobStoreSettings;
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
    httpStatusByCode: { ...blobHttpStatusByCode("evidence"), CERTIFICATE_BUSY: 503, CERTIFICATE_FONT_MISSING: 500 },
    open: async (context) => ({ blobs: await BlobStore.open(blobStoreOptionsOf("evidence", context)), certificates: new CertificateRenderer() }),
    close: async ({ certificates }) => certificates.close(),
    api: {
      tag: { name: "evidence", description: "Anchors' proofs and certificates, and sealed envelopes" },
      register: (app, context, { blobs, certificates }) => {
        registerEvidenceProofRoutes(app, context, certificates);
        registerSealedBlobRoutes(app, context, blobs, { service: "evidence", authorisation: sealedUploadAuthorisation, sdkAction: "evidence.uploadSealed" });
      },
    },
  });
