import { type CborValue, type WireStatic, keyReleaseChallengeAnswerSchema, toHex } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
import { request } from "../transport/request.ts";
import type { Wallet } from "../wallet/wallet.ts";

export type SignedNodeRequestParameters<Schema extends TSchema> = {
  readonly wallet: Wallet;
  readonly chainId?: string;
  /** The never-submitted transaction type that authorises the request. */
  readonly authorisation: { readonly module: string; readonly type: string };
  /** The request's payload, given the node's fresh challenge. */
  readonly payload: (challenge: string) => CborValue;
  readonly path: string;
  readonly answerSchema: Schema;
  /** The SDK action, as errors name it. */
  readonly action: string;
  readonly signal?: AbortSignal;
};

/**
 * A request to the node's datashare routes that must come from a given key and be answered once:
 * takes a fresh single-use challenge, signs a never-submitted body carrying it, posts the hex and
 * checks the answer against its wire schema.
 */
export async function signedNodeRequest<Schema extends TSchema>(client: Client, parameters: SignedNodeRequestParameters<Schema>): Promise<WireStatic<Schema>> {
  const { wallet, signal, action } = parameters;
  const chainId = parameters.chainId ?? (await getStatus(client, { signal })).chainId;
  const challengePath = "/v1/datashare/keys/challenge";
  const { challenge } = checkAnswer(keyReleaseChallengeAnswerSchema, await request<unknown>(client, { method: "POST", path: challengePath, body: {}, signal }), `${client.url}${challengePath}`, action);
  const signed = wallet.signTx({ chainId, nonce: 0, ...parameters.authorisation, payload: parameters.payload(challenge), expiry: 0 });
  const answer = await request<unknown>(client, { method: "POST", path: parameters.path, body: { request: toHex(signed.bytes) }, signal });
  return checkAnswer(parameters.answerSchema, answer, `${client.url}${parameters.path}`, action);
}
