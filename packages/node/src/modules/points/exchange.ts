import { type AgreementRecord, type ExchangeTerms, exchangePayloadSchema, exchangeTerms, pointsDayOf, pointsError } from "@kexin/core";
import { type BlockInfo, type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { agreementEnded, readAgreement } from "./agreements.ts";
import { exactAmount } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { burnPoints, issuePoints } from "./holdings.ts";
import { pointsKeys } from "./keys.ts";
import { recordHistory } from "./lists.ts";
import { changeOwed } from "./obligations.ts";
import { requireProgram } from "./programs.ts";
import type { PointsRecords } from "./recordCache.ts";

/** Points given under an agreement on `day`: the stored [day, points] counts only on its own day. */
function givenOn(state: StateRead, key: string, day: number): number {
  const stored = state.get(key) as readonly [number, number] | undefined;
  return stored !== undefined && stored[0] === day ? stored[1] : 0;
}

export interface ExchangeCheck {
  readonly agreement: AgreementRecord;
  readonly terms: ExchangeTerms;
  readonly day: number;
  readonly memberGivenToday: number;
  readonly totalGivenToday: number;
}

/**
 * The accepted agreement, in force in a block at `height` and `time`; POINTS_NO_AGREEMENT,
 * POINTS_AGREEMENT_ENDED (in a block after the one it was ended in), POINTS_AGREEMENT_NOT_YET_VALID
 * or POINTS_AGREEMENT_EXPIRED otherwise.
 */
export function requireAgreementInForce(agreement: AgreementRecord | undefined, id: string, { height, time }: BlockInfo): AgreementRecord {
  if (agreement === undefined) throw pointsError("POINTS_NO_AGREEMENT", `no exchange agreement "${id}" exists`, { agreement: id });
  // Ended in this very block, an agreement that was in force still applies to the block's other exchanges.
  const inForceThisBlock = agreement.status === "ended" && agreement.acceptedAt !== undefined && height <= (agreement.endedAt ?? 0);
  if (agreement.status === "ended" && !inForceThisBlock) throw agreementEnded(agreement);
  if (agreement.status === "proposed") throw pointsError("POINTS_NO_AGREEMENT", `exchange agreement "${id}" has not been accepted`, { agreement: id });
  return requireValidAt(agreement, time);
}

function requireValidAt(agreement: AgreementRecord, time: number): AgreementRecord {
  const { id } = agreement;
  if (time < agreement.validFrom) throw pointsError("POINTS_AGREEMENT_NOT_YET_VALID", `exchange agreement "${id}" applies from ${agreement.validFrom}`, { agreement: id, validFrom: agreement.validFrom });
  if (time >= agreement.validUntil) throw pointsError("POINTS_AGREEMENT_EXPIRED", `exchange agreement "${id}" was valid until ${agreement.validUntil}`, { agreement: id, validUntil: agreement.validUntil });
  return agreement;
}

/**
 * Everything an exchange of `amount` by `member` in `block` must satisfy but the
 * balance (checked as the points are taken): the agreement in force, its terms, its daily caps.
 * The exchange transaction and the quote query both ask it.
 */
export function checkExchange(state: StateRead, id: string, member: string, amount: number, block: BlockInfo, stored: AgreementRecord | undefined = readAgreement(state, id)): ExchangeCheck {
  const agreement = requireAgreementInForce(stored, id, block);
  const terms = exchangeTerms(agreement, amount);
  const day = pointsDayOf(block.time);
  const memberGivenToday = givenOn(state, pointsKeys.exchangedByMember(id, member), day);
  const totalGivenToday = givenOn(state, pointsKeys.exchangedTotal(id), day);
  if (memberGivenToday + amount > agreement.memberDailyCap) {
    throw pointsError("POINTS_MEMBER_DAILY_CAP_EXCEEDED", `${member} has given ${memberGivenToday} of its ${agreement.memberDailyCap} points a day under "${id}"; ${amount} more is over the cap`, {
      agreement: id,
      cap: agreement.memberDailyCap,
      given: memberGivenToday,
      amount,
    });
  }
  if (totalGivenToday + amount > agreement.totalDailyCap) {
    throw pointsError("POINTS_DAILY_CAP_EXCEEDED", `members have given ${totalGivenToday} of the ${agreement.totalDailyCap} points a day under "${id}"; ${amount} more is over the cap`, {
      agreement: id,
      cap: agreement.totalDailyCap,
      given: totalGivenToday,
      amount,
    });
  }
  return { agreement, terms, day, memberGivenToday, totalGivenToday };
}

/** Counts `amount` points given under the agreement towards the member's and everyone's caps of the day. */
export function countTowardsCaps(context: TxContext, check: ExchangeCheck, member: string, amount: number): void {
  context.state.set(pointsKeys.exchangedByMember(check.agreement.id, member), [check.day, check.memberGivenToday + amount]);
  context.state.set(pointsKeys.exchangedTotal(check.agreement.id), [check.day, check.totalGivenToday + amount]);
}

/** `points.exchange`; the agreement and the target program come decoded from `records`. */
export const exchange = (records: PointsRecords) =>
  defineTxType({
    description: "A member exchanges points of one program for another's under an accepted agreement: the given points are burnt, the received ones issued, and the source program owes the target the agreed value.",
    schema: exchangePayloadSchema,
    costUnits: 10,
    authorise: (context, payload) => {
      exactAmount(payload.amount, "amount");
      requireRegistered(context);
    },
    execute: (context, payload) => {
      const amount = exactAmount(payload.amount, "amount");
      const member = context.caller.address;
      const { height } = context.block;
      const check = checkExchange(context.state, payload.agreement, member, amount, context.block, records.agreement(context.state, payload.agreement, height));
      const { agreement, terms } = check;
      const target = records.program(context.state, agreement.to, height) ?? requireProgram(context.state, agreement.to);
      recordClock(context);
      burnPoints(context, agreement.from, member, amount, "exchange");
      issuePoints(context, target, member, terms.received, true);
      countTowardsCaps(context, check, member, amount);
      changeOwed(context, agreement.from, agreement.to, { fen: terms.owedFen, exchanges: 1, redemptions: 0, pointsGiven: amount, pointsReceived: terms.received });
      recordHistory(context, member, "exchanged_out", agreement.from, null, amount, agreement.id);
      recordHistory(context, member, "exchanged_in", agreement.to, null, terms.received, agreement.id);
      context.emit("exchanged", { agreement: agreement.id, from: agreement.from, to: agreement.to, member, amount, fee: terms.fee, received: terms.received, owedFen: terms.owedFen });
    },
  });
