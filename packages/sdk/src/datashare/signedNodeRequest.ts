import { type CborValue, type KeyReleaseChallengeAnswer, type WireStatic, keyReleaseChallengeAnswerSchema, toHex } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import { getStatus } from "../actions/getStatus.ts";
import type { Client } from "../clients/createClient.ts";
import { ApiError } from "../errors.ts";
import { checkAnswer } from "../transport/checkAnswer.ts";
import { request } from "../transport/request.ts";
import type { Wallet } from "../wallet/wallet.ts";
import type { ChallengePool } from "./challengePool.ts";

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
  /** Challenges the node handed out with earlier answers: one is used instead of asking, and the answer's `nextChallenge` is kept. */
  readonly challenges?: ChallengePool;
  readonly signal?: AbortSignal;
};

/**
 * A request to the node's datashare routes that must come from a given key and be answered once:
 * takes a fresh single-use challenge (from `challenges` when it holds one, else asked of the node), signs a never-submitted body carrying it, posts the hex and
 * checks the answer against its wire schema.
 */
export async function signedNodeRequest<Schema extends TSchema>(client: Client, parameters: SignedNodeRequestParameters<Schema>): Promise<WireStatic<Schema>> {
  const { wallet, signal, action, challenges } = parameters;
  const chainId = parameters.chainId ?? (await getStatus(client, { signal })).chainId;
  const send = async (challenge: string): Promise<unknown> => {
    const signed = wallet.signTx({ chainId, nonce: 0, ...parameters.authorisation, payload: parameters.payload(challenge), expiry: 0 });
    return request<unknown>(client, { method: "POST", path: parameters.path, body: { request: toHex(signed.bytes) }, signal });
  };
  const pooled = challenges?.take();
  let answer: unknown;
  try {
    answer = await send(pooled ?? (await freshChallenge(client, action, signal)));
  } catch (error) {
    // A kept challenge may have been dropped by the node meanwhile (restarted, or too many outstanding): ask once.
    if (pooled === undefined || !(error instanceof ApiError) || error.code !== "DATASHARE_CHALLENGE_UNKNOWN") throw error;
    answer = await send(await freshChallenge(client, action, signal));
  }
  const checked = checkAnswer(parameters.answerSchema, answer, `${client.url}${parameters.path}`, action);
  const next = (checked as { readonly nextChallenge?: KeyReleaseChallengeAnswer }).nextChallenge;
  if (next !== undefined) challenges?.keep(next);
  return checked;
}

async function freshChallenge(client: Client, action: string, signal: AbortSignal | undefined): Promise<string> {
  const challengePath = "/v1/datashare/keys/challenge";
  const answer = await request<unknown>(client, { method: "POST", path: challengePath, body: {}, signal });
  return checkAnswer(keyReleaseChallengeAnswerSchema, answer, `${client.url}${challengePath}`, action).challenge;
}
