import { toHex } from "@kexin/core";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { SdkError, invalidParameter } from "../errors.ts";
import { requestBytes } from "../transport/request.ts";
import type { Wallet } from "../wallet/wallet.ts";

export type UploadEnvelopeParameters = {
  /** The service whose store keeps it: the envelope goes to PUT /v1/<service>/blobs/:hash. */
  readonly service: string;
  /** The never-submitted transaction body that authorises the upload (`{ module, type }` of a signed `{ hash, size }`). */
  readonly authorisation: { readonly module: string; readonly type: string };
  /** The name of the calling action, for error messages. */
  readonly context: string;
  readonly envelope: Uint8Array;
  readonly wallet: Wallet;
  readonly chainId?: string;
  readonly signal?: AbortSignal;
};
export type UploadEnvelopeReturnType = { readonly hash: string; readonly size: number; readonly created: boolean };

/** Stores a sealed envelope in a service's blob store on the node, authorised by the wallet's signature over its hash and size. */
export async function uploadEnvelope(client: Client, parameters: UploadEnvelopeParameters): Promise<UploadEnvelopeReturnType> {
  const { envelope, wallet, service, context } = parameters;
  if (!(envelope instanceof Uint8Array)) throw invalidParameter(context, "envelope", "must be the envelope's bytes (a Uint8Array)");
  const chainId = parameters.chainId ?? (await getStatus(client, { signal: parameters.signal })).chainId;
  const hash = toHex(wallet.suite.hash(envelope));
  const authorisation = wallet.signTx({ chainId, nonce: 0, ...parameters.authorisation, payload: { hash, size: envelope.length }, expiry: 0 });
  const path = `/v1/${service}/blobs/${hash}`;
  const answer = await requestBytes(client, { method: "PUT", path, body: envelope, headers: { "x-kexin-authorisation": toHex(authorisation.bytes) }, signal: parameters.signal });
  const stored = JSON.parse(new TextDecoder().decode(answer.bytes)) as UploadEnvelopeReturnType;
  if (stored.hash !== hash) {
    const reason = `the node answered hash ${String(stored.hash)} for an envelope whose hash is ${hash}`;
    throw new SdkError({ code: "SDK_BAD_RESPONSE", url: `${client.url}${path}`, status: answer.status, reason }, `${context}: ${reason}`);
  }
  return stored;
}
