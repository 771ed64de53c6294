import type { ServiceOpenContext } from "../modules/service.ts";
import { type BlobStoreOptions, defaultBlobStoreOptions } from "./blobStore.ts";

/** A service's option settings of its blob store (config.json: `services.<service>.blobs`); the service name is not a setting. */
export type BlobStoreSettings = Partial<Omit<BlobStoreOptions, "service">>;

const blobOptionNames = new Set(["directory", "blobBytesMax", "totalBytesMax", "blobsMax", "diskReserveBytes"]);

/** The store's options from the service's entry of the node's options (`services.<service>.blobs`), over the defaults. */
export function blobStoreOptionsOf(service: string, context: ServiceOpenContext): BlobStoreOptions {
  const defaults = defaultBlobStoreOptions(service, context.dataDir, context.diskReserveBytes);
  const options = context.options;
  if (options === undefined) return defaults;
  if (options === null || typeof options !== "object" || Array.isArray(options)) throw new Error(`services.${service} must be an object`);
  const blobs = (options as { blobs?: BlobStoreSettings }).blobs;
  if (blobs === undefined) return defaults;
  if (blobs === null || typeof blobs !== "object" || Array.isArray(blobs)) throw new Error(`services.${service}.blobs must be an object`);
  const unknown = Object.keys(blobs).filter((name) => !blobOptionNames.has(name));
  if (unknown.length > 0) throw new Error(`services.${service}.blobs has unknown settings: ${unknown.join(", ")}`);
  return { ...defaults, ...blobs, ...(blobs.directory !== undefined ? { directory: context.resolvePath(blobs.directory) } : {}) };
}
