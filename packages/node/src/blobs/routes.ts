import {
  KexinError,
  addressOf,
  decodeSealedEnvelope,
  decodeSignedTx,
  fromHex,
  isHex,
  sealedCipherOf,
  toHex,
  txSigningBytes,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiContext } from "../api/context.ts";
import { errorBody, httpStatusOf } from "../api/errorStatus.ts";
import { unsupportedMediaType } from "../api/mediaType.ts";
import { identityModuleName, readAccount } from "../modules/identity/index.ts";
import { type BlobStore, BlobStoreError, blobCodePrefix } from "./blobStore.ts";

/** The header that carries an upload's authorisation: hex of a signed <service>.store_blob { hash, size }. */
export const blobAuthorisationHeader = "x-kexin-authorisation";

/**
 * Uploads whose bodies are being received or checked at once. Each holds its whole body in
 * memory (at most blobBytesMax), so this bounds the memory uploads take.
 */
const uploadsInFlightMax = 4;
/** A signed transaction body is a few hundred bytes; its hex far below this. */
const authorisationHexLengthMax = 8_192;

/** Refusals of a service's blob routes; each code starts with the service's name in capitals (DATASHARE_BLOB_…). */
export type BlobRouteErrorType =
  | { code: `${string}_BLOB_UNAUTHORISED`; reason: string }
  | { code: `${string}_BLOB_NOT_MEMBER`; address: string }
  | { code: `${string}_BLOB_MISMATCH`; field: "hash" | "size"; authorised: string; got: string }
  | { code: `${string}_BLOB_NOT_SEALED`; reason: string }
  | { code: `${string}_BLOB_TOO_LARGE`; sizeBytes: number; blobBytesMax: number }
  | { code: `${string}_BLOB_BUSY`; uploadsInFlightMax: number };
export class BlobRouteError extends KexinError<BlobRouteErrorType> {}

/** Which service's store the routes serve, and what authorises an upload to it. */
export interface BlobRoutesDescriptor {
  /** The service's name: its routes are /v1/<service>/blobs, its OpenAPI tag and error codes follow it. */
  readonly service: string;
  /** The never-submitted transaction body an upload is authorised by: `{ module, type }` of its signed `{ hash, size }`. */
  readonly authorisation: { readonly module: string; readonly type: string };
  /** The SDK action that uploads, named in the refusal of an unauthorised upload. */
  readonly sdkAction: string;
  /**
   * The cipher an upload is sealed with, read from its bytes, or a KexinError saying why they are
   * not in the store's format. Default: a kexin-sealed/1 envelope (decodeSealedEnvelope).
   */
  readonly cipherOfUpload?: (bytes: Uint8Array, sizeBytesMax: number) => string;
}

const sealedEnvelopeCipher = (bytes: Uint8Array, sizeBytesMax: number): string => decodeSealedEnvelope(bytes, sizeBytesMax).cipher;

/** HTTP statuses of a service's blob codes besides 400. */
export function blobHttpStatusByCode(service: string): Readonly<Record<string, number>> {
  const prefix = blobCodePrefix(service);
  return { [`${prefix}_BLOB_UNAUTHORISED`]: 401, [`${prefix}_BLOB_NOT_MEMBER`]: 403, [`${prefix}_BLOB_TOO_LARGE`]: 413, [`${prefix}_BLOB_BUSY`]: 503, [`${prefix}_BLOB_STORE_FULL`]: 507 };
}

interface UploadAuthorisation {
  readonly address: string;
  readonly hash: string;
  readonly size: number;
}

function unauthorised(descriptor: BlobRoutesDescriptor, reason: string): BlobRouteError {
  const { module, type } = descriptor.authorisation;
  return new BlobRouteError(
    { code: `${blobCodePrefix(descriptor.service)}_BLOB_UNAUTHORISED`, reason },
    `upload not authorised: ${reason}. Send header ${blobAuthorisationHeader}: the hex of a signed ${module}.${type} { hash, size } of the envelope (the SDK's ${descriptor.sdkAction} does this)`,
  );
}

function tooLarge(prefix: string, sizeBytes: number, blobBytesMax: number): BlobRouteError {
  return new BlobRouteError({ code: `${prefix}_BLOB_TOO_LARGE`, sizeBytes, blobBytesMax }, `the envelope is ${sizeBytes} bytes; this node keeps envelopes of at most ${blobBytesMax} bytes`);
}

function mismatch(prefix: string, field: "hash" | "size", authorised: string, got: string): BlobRouteError {
  return new BlobRouteError({ code: `${prefix}_BLOB_MISMATCH`, field, authorised, got }, `the upload's ${field} is ${got}, but its authorisation is for ${authorised}`);
}

/**
 * A service's sealed-envelope store over HTTP: registered accounts upload envelopes
 * (kexin-sealed/1) that the node checks and keeps under the suite hash of their bytes; anyone may
 * download one by its hash, since only the key its submitter holds opens it.
 */
export function registerSealedBlobRoutes(app: FastifyInstance, context: ApiContext, blobs: BlobStore, descriptor: BlobRoutesDescriptor): void {
  const { suite, chainId, executor, logger } = context;
  const { service } = descriptor;
  const prefix = blobCodePrefix(service);
  const log = logger.child({ module: `${service}-blobs` });
  const cipher = sealedCipherOf(suite.id);
  let uploadsInFlight = 0;

  /** Checked from the headers alone, before any of the body is read. */
  function authorise(request: FastifyRequest): UploadAuthorisation {
    const header = request.headers[blobAuthorisationHeader];
    if (typeof header !== "string" || header.length === 0) throw unauthorised(descriptor, `the header ${blobAuthorisationHeader} is missing`);
    if (header.length > authorisationHexLengthMax || !isHex(header)) throw unauthorised(descriptor, `the header ${blobAuthorisationHeader} is not hex of a signed transaction body`);
    let tx;
    try {
      tx = decodeSignedTx(fromHex(header.toLowerCase()));
    } catch (error) {
      throw unauthorised(descriptor, `the authorisation does not decode: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (tx.chainId !== chainId) throw unauthorised(descriptor, `the authorisation is for chain "${tx.chainId}", not "${chainId}"`);
    if (tx.module !== descriptor.authorisation.module || tx.type !== descriptor.authorisation.type) throw unauthorised(descriptor, `the authorisation is a ${tx.module}.${tx.type}`);
    const payload = tx.payload as Record<string, unknown> | null;
    const fields = payload !== null && typeof payload === "object" && !Array.isArray(payload) ? Object.keys(payload).sort().join(",") : "";
    if (fields !== "hash,size" || !isHex(payload?.hash, 32) || !Number.isSafeInteger(payload?.size) || (payload?.size as number) < 0) {
      throw unauthorised(descriptor, "its payload must be exactly { hash: 64 hex digits, size: bytes }");
    }
    if (!suite.verify(tx.signer, txSigningBytes(tx), tx.signature)) throw unauthorised(descriptor, "its signature does not verify");
    const address = addressOf(suite, tx.signer);
    const account = readAccount(executor.readCommitted(identityModuleName), address);
    if (!account?.active) {
      throw new BlobRouteError({ code: `${prefix}_BLOB_NOT_MEMBER`, address }, `${address} is not an active registered account of this chain; only members, admins and devices may store envelopes`);
    }
    const hash = (payload?.hash as string).toLowerCase();
    const size = payload?.size as number;
    if (size > blobs.options.blobBytesMax) throw tooLarge(prefix, size, blobs.options.blobBytesMax);
    const declared = request.headers["content-length"];
    if (declared !== undefined && Number(declared) !== size) throw mismatch(prefix, "size", String(size), declared);
    const pathHash = (request.params as { hash?: string }).hash;
    if (pathHash !== undefined && pathHash.toLowerCase() !== hash) throw mismatch(prefix, "hash", hash, pathHash.toLowerCase());
    return { address, hash, size };
  }

  async function store(authorisation: UploadAuthorisation, body: unknown, reply: FastifyReply): Promise<FastifyReply> {
    if (!(body instanceof Uint8Array)) throw new BlobRouteError({ code: `${prefix}_BLOB_NOT_SEALED`, reason: "no body" }, "send the envelope's bytes as the body, with content-type application/octet-stream");
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    if (bytes.length !== authorisation.size) throw mismatch(prefix, "size", String(authorisation.size), String(bytes.length));
    let envelopeCipher: string;
    try {
      envelopeCipher = (descriptor.cipherOfUpload ?? sealedEnvelopeCipher)(bytes, blobs.options.blobBytesMax);
    } catch (error) {
      if (!(error instanceof KexinError)) throw error;
      throw new BlobRouteError({ code: `${prefix}_BLOB_NOT_SEALED`, reason: error.message }, `${error.message}; this store keeps sealed envelopes only`);
    }
    if (envelopeCipher !== cipher) {
      const reason = `the envelope is sealed with ${envelopeCipher}, but this chain's suite ${suite.id} seals with ${cipher}`;
      throw new BlobRouteError({ code: `${prefix}_BLOB_NOT_SEALED`, reason }, reason);
    }
    const hash = toHex(suite.hash(bytes));
    if (hash !== authorisation.hash) throw mismatch(prefix, "hash", authorisation.hash, hash);
    let created: boolean;
    try {
      created = await blobs.put(hash, bytes);
    } catch (error) {
      // The uploader is told the disk is short; the operator, through the log, which folder.
      if (error instanceof BlobStoreError && error.code === `${prefix}_BLOB_STORE_FULL`) log.warn({ ...error.type, directory: blobs.options.directory }, "envelope refused: no room");
      throw error;
    }
    if (created) log.info({ hash, size: bytes.length, uploader: authorisation.address }, "envelope stored");
    return reply.status(created ? 201 : 200).send({ hash, size: bytes.length, created });
  }

  const uploaded = Type.Object({ hash: Type.String(), size: Type.Integer(), created: Type.Boolean({ description: "false when the node already held these bytes" }) });
  const uploadSchema = {
    tags: [service],
    headers: Type.Object({ [blobAuthorisationHeader]: Type.Optional(Type.String({ description: `hex of a signed ${descriptor.authorisation.module}.${descriptor.authorisation.type} { hash, size } of a registered account; never submitted as a transaction` })) }),
    // Described for OpenAPI without a type: the bytes are checked by the handler, not by the schema validator.
    body: { content: { "application/octet-stream": { schema: { description: "the envelope (kexin-sealed/1), its raw bytes" } } } },
    response: { 200: uploaded, 201: uploaded },
  };
  const hashParameter = Type.Object({ hash: Type.String({ pattern: "^[0-9a-fA-F]{64}$", description: "the suite hash of the envelope" }) });

  // An encapsulated scope, so the octet-stream parser and its size bound apply to these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser("application/octet-stream", { parseAs: "buffer", bodyLimit: blobs.options.blobBytesMax }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error, request, reply) => {
      const code = (error as { code?: unknown }).code;
      if (code === "FST_ERR_CTP_BODY_TOO_LARGE") {
        const { blobBytesMax } = blobs.options;
        return reply.status(413).send(errorBody(`${prefix}_BLOB_TOO_LARGE`, `the envelope is larger than this node's limit of ${blobBytesMax} bytes`, { blobBytesMax }));
      }
      if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
        const refusal = unsupportedMediaType(request.headers["content-type"], "the envelope's bytes as application/octet-stream");
        return reply.status(httpStatusOf(refusal.code)).send(errorBody(refusal.code, refusal.message));
      }
      // Everything else is answered as on every route, by the server's own handler.
      throw error;
    });
    // Authorised and counted before the body is read, so that nobody else can make the node buffer envelopes.
    scope.addHook("onRequest", async (request, reply) => {
      if (request.method !== "PUT" && request.method !== "POST") return;
      (request as FastifyRequest & { authorisation?: UploadAuthorisation }).authorisation = authorise(request);
      if (uploadsInFlight >= uploadsInFlightMax) {
        throw new BlobRouteError({ code: `${prefix}_BLOB_BUSY`, uploadsInFlightMax }, `the node is already receiving ${uploadsInFlightMax} envelopes; try again shortly`);
      }
      uploadsInFlight += 1;
      // The response's 'close' follows both a sent answer and a dropped connection, so the slot is always given back.
      reply.raw.once("close", () => {
        uploadsInFlight -= 1;
      });
    });
    const authorisationOf = (request: FastifyRequest): UploadAuthorisation => (request as FastifyRequest & { authorisation: UploadAuthorisation }).authorisation;

    scope.put(
      `/v1/${service}/blobs/:hash`,
      { schema: { ...uploadSchema, summary: "Store a sealed envelope under its hash (idempotent)", params: hashParameter } },
      async (request, reply) => store(authorisationOf(request), request.body, reply),
    );
    scope.post(`/v1/${service}/blobs`, { schema: { ...uploadSchema, summary: "Store a sealed envelope; answers its hash (idempotent)" } }, async (request, reply) =>
      store(authorisationOf(request), request.body, reply),
    );

    const notStored = (hash: string) => errorBody("NOT_FOUND", `this node holds no envelope ${hash}`);
    scope.get(
      `/v1/${service}/blobs/:hash`,
      {
        exposeHeadRoute: false,
        schema: {
          summary: "Download a sealed envelope by its hash",
          tags: [service],
          params: hashParameter,
          response: {
            200: { description: "the envelope", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
            404: { description: "NOT_FOUND: the node holds no such envelope", type: "object", properties: { error: { type: "object", additionalProperties: true } } },
          },
        },
      },
      async (request, reply) => {
        const hash = (request.params as { hash: string }).hash.toLowerCase();
        const found = await blobs.readSmallWhole(hash);
        if (!found) return reply.status(404).send(notStored(hash));
        return blobHeaders(reply, hash, found.size).send(found.bytes === undefined ? found.stream : Buffer.from(found.bytes.buffer, found.bytes.byteOffset, found.bytes.byteLength));
      },
    );
    const headOptions = {
      schema: { summary: "Whether the node holds an envelope, and its size (content-length)", tags: [service], params: hashParameter },
      // @fastify/swagger leaves HEAD routes out of the document unless asked.
      config: { swagger: { exposeHeadRoute: true } },
    };
    scope.head(`/v1/${service}/blobs/:hash`, headOptions, async (request, reply) => {
      const hash = (request.params as { hash: string }).hash.toLowerCase();
      const size = await blobs.sizeOf(hash);
      if (size === undefined) return reply.status(404).send();
      return blobHeaders(reply, hash, size).send();
    });
  });
}

/** An envelope never changes under its hash, so it may be cached for good. */
function blobHeaders(reply: FastifyReply, hash: string, size: number): FastifyReply {
  return reply
    .header("content-type", "application/octet-stream")
    .header("content-length", String(size))
    .header("etag", `"${hash}"`)
    .header("cache-control", "public, max-age=31536000, immutable");
}
