import { type CborValue, type PublishRewardPayload, type RewardRecord, pointsError, publishRewardPayloadSchema } from "@kexin/core";
import { type ReadContext, type StateRead, defineTxType } from "../../execution/interface.ts";
import { readAgreement } from "./agreements.ts";
import { exactAmount } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { pointsKeys } from "./keys.ts";
import { appendToList, pointsLists } from "./lists.ts";
import { requireMerchantAdmin, requireProgram } from "./programs.ts";

export function readReward(state: StateRead, id: string): RewardRecord | undefined {
  return state.get(pointsKeys.reward(id)) as RewardRecord | undefined;
}

export function requireReward(state: StateRead, id: string): RewardRecord {
  const reward = readReward(state, id);
  if (reward === undefined) throw pointsError("POINTS_REWARD_NOT_FOUND", `no reward "${id}" is in the catalogue`, { reward: id });
  return reward;
}

function checkedAmounts(payload: PublishRewardPayload): { readonly points: number; readonly stock: number | null } {
  return { points: exactAmount(payload.price.points, "price.points"), stock: payload.stock === undefined ? null : exactAmount(payload.stock, "stock") };
}

function requirePublisher(context: ReadContext, payload: PublishRewardPayload): string {
  const program = requireProgram(context.state, payload.program);
  return requireMerchantAdmin(context, `publish rewards of "${program.id}"`, [program.merchant]);
}

/** A price in the program's own points names no agreement; one in a partner's names an accepted agreement from the partner's program to this one. */
function checkPrice(state: StateRead, payload: PublishRewardPayload): void {
  requireProgram(state, payload.price.program);
  if (payload.price.program === payload.program) {
    if (payload.agreement !== undefined) throw pointsError("POINTS_REWARD_PRICE_INVALID", "a reward priced in its own program's points names no agreement", { reward: payload.id });
    return;
  }
  const agreement = payload.agreement === undefined ? undefined : readAgreement(state, payload.agreement);
  if (agreement === undefined || agreement.status !== "active" || agreement.from !== payload.price.program || agreement.to !== payload.program) {
    throw pointsError(
      "POINTS_REWARD_PRICE_INVALID",
      `a reward of "${payload.program}" priced in "${payload.price.program}" points needs an accepted agreement from "${payload.price.program}" to "${payload.program}"`,
      { reward: payload.id },
    );
  }
}

export const publishReward = defineTxType({
  description: "An admin of a program's merchant lists a reward in the catalogue, priced in the program's points or a partner program's (under an accepted agreement), with an optional stock.",
  schema: publishRewardPayloadSchema,
  costUnits: 15,
  authorise: (context, payload) => {
    checkedAmounts(payload);
    requirePublisher(context, payload);
  },
  execute: (context, payload) => {
    const { points, stock } = checkedAmounts(payload);
    const merchant = requirePublisher(context, payload);
    if (readReward(context.state, payload.id) !== undefined) throw pointsError("POINTS_REWARD_EXISTS", `reward "${payload.id}" is already in the catalogue`, { reward: payload.id });
    checkPrice(context.state, payload);
    recordClock(context);
    const reward: RewardRecord = {
      id: payload.id,
      program: payload.program,
      merchant,
      title: { zh: payload.title.zh, en: payload.title.en },
      price: { program: payload.price.program, points },
      agreement: payload.agreement ?? null,
      stock,
      publishedBy: context.caller.address,
      publishedAt: context.block.height,
    };
    context.state.set(pointsKeys.reward(payload.id), reward as unknown as CborValue);
    appendToList(context, pointsLists.rewards(), payload.id);
    context.emit("reward_published", { reward: payload.id, program: payload.program, priceProgram: payload.price.program, pricePoints: points });
  },
});
