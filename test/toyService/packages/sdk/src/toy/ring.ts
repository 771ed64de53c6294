import type { TxCall } from "../call.ts";
import { requireText } from "../validation.ts";

export type RingPayload = { readonly note: string };
export type RingCall = TxCall<"toy", "ring", RingPayload>;

/** Rings the bell once with a note; the signer must be a registered account. */
export function ring(parameters: RingPayload): RingCall {
  return { module: "toy", type: "ring", payload: { note: requireText("toy.ring", "note", parameters.note, 140) } };
}
