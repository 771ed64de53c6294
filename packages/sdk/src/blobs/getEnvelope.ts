import { type SealedCipher, decodeSealedEnvelope, suiteOfSealedCipher, toHex } from "@kexin/core";
import type { Client } from "../clients/createClient.ts";
import { SdkError } from "../errors.ts";
import { requestBytes } from "../transport/request.ts";
import type { EnvelopeCache } from "./envelopeCache.ts";

/**
 * Downloads a sealed envelope from a service's blob store: GET /v1/<service>/blobs/:hash. The node
 * is not trusted: the bytes must be an envelope whose hash, under its own cipher's suite, is the one asked for.
 * With a cache, an envelope already checked is answered from memory and a new one is kept there.
 */
export function getEnvelope(
  client: Client,
  parameters: Parameters<typeof downloadEnvelope>[1] & { readonly cache?: EnvelopeCache | undefined },
): Promise<Uint8Array> {
  const { cache } = parameters;
  return cache === undefined ? downloadEnvelope(client, parameters) : cache.get(parameters.hash, () => downloadEnvelope(client, parameters));
}

async function downloadEnvelope(
  client: Client,
  parameters: {
    readonly service: string;
    readonly hash: string;
    readonly context: string;
    /** The error for bytes that are an envelope of another hash; SDK_BAD_RESPONSE by default. */
    readonly mismatch?: (actualHash: string) => Error;
    /** The cipher the bytes are sealed with, or an error saying why they are not in the service's format; by default a kexin-sealed/1 envelope's. */
    readonly cipherOf?: (bytes: Uint8Array) => SealedCipher;
    readonly signal?: AbortSignal;
  },
): Promise<Uint8Array> {
  const { hash, context } = parameters;
  const path = `/v1/${parameters.service}/blobs/${hash}`;
  const { status, bytes } = await requestBytes(client, { method: "GET", path, signal: parameters.signal });
  const bad = (reason: string): SdkError => new SdkError({ code: "SDK_BAD_RESPONSE", url: `${client.url}${path}`, status, reason }, `${context}: ${reason}`);
  let actual: string;
  try {
    const cipher = parameters.cipherOf?.(bytes) ?? decodeSealedEnvelope(bytes).cipher;
    actual = toHex(suiteOfSealedCipher(cipher).hash(bytes));
  } catch (error) {
    throw bad(`the node's answer is not a sealed envelope (${error instanceof Error ? error.message : String(error)})`);
  }
  if (actual !== hash) throw parameters.mismatch?.(actual) ?? bad(`the node's answer hashes to ${actual}, not ${hash}`);
  return bytes;
}
