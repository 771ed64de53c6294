/*
 * Content-addressed stores of sealed envelopes that services keep beside the chain (files
 * anchored by hash, shared records), each in its own folder under its own settings, and their HTTP routes.
 */
export { type BlobRead, BlobStore, BlobStoreError, type BlobStoreErrorType, type BlobStoreOptions, blobCodePrefix, blobStoreDefaults, defaultBlobStoreOptions, wholeBlobBytesMax } from "./blobStore.ts";
export { type BlobStoreSettings, blobStoreOptionsOf } from "./options.ts";
export { BlobRouteError, type BlobRouteErrorType, type BlobRoutesDescriptor, blobAuthorisationHeader, blobHttpStatusByCode, registerSealedBlobRoutes } from "./routes.ts";
