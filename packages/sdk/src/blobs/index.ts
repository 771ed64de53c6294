/* Sealed envelopes in a service's blob store on the node: shared by the services that keep them (evidence, datashare). */
export { type UploadEnvelopeParameters, type UploadEnvelopeReturnType, uploadEnvelope } from "./uploadEnvelope.ts";
export { getEnvelope } from "./getEnvelope.ts";
export { EnvelopeCache, envelopeCacheBytesMaxDefault } from "./envelopeCache.ts";
