import { type PublishRewardPayload, publishRewardPayloadSchema } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { pointsCall } from "./payload.ts";

export type PublishRewardCall = TxCall<"points", "publish_reward", PublishRewardPayload>;

/** Lists a reward of a program in the catalogue (the signer administers its merchant), priced in the program's points or, under an accepted agreement, a partner program's. */
export function publishReward(parameters: PublishRewardPayload): PublishRewardCall {
  return pointsCall("publish_reward", publishRewardPayloadSchema, { ...parameters, title: { ...parameters.title }, price: { ...parameters.price } });
}
