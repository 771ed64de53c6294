import {
  type AgreementRecord,
  type ExchangeQuoteAnswer,
  type MemberBalance,
  type ObligationAnswer,
  type PointsHistoryEntry,
  type ProgramTotalsAnswer,
  type RedemptionRecord,
  KexinError,
  agreementIdSchema,
  pointsDayOf,
  pointsError,
  programIdSchema,
} from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { readAgreement } from "./agreements.ts";
import { readClock } from "./clock.ts";
import { checkExchange } from "./exchange.ts";
import { owedOf, readOwed } from "./obligations.ts";
import { readLots } from "./holdings.ts";
import { type StoredHistoryEntry, type StoredObligation, heightList, pageParameters, pointsLists, readListPage } from "./lists.ts";
import { liveBalance, liveLots } from "./lots.ts";
import { requireProgram } from "./programs.ts";
import { readRedemption } from "./redemptions.ts";
import { requireReward } from "./rewards.ts";
import { type StoredTotals, expiredBy, readTotals } from "./totals.ts";

const { start, limit } = pageParameters;
const address = Type.String({ pattern: "^[0-9a-f]{40}$" });

/** The block time queries judge expiry by: the newest block a platform transaction ran in. */
function asOf(state: StateRead): { readonly time: number; readonly day: number } {
  const { time } = readClock(state);
  return { time, day: pointsDayOf(time) };
}

export function programTotals(state: StateRead, id: string): ProgramTotalsAnswer {
  const program = requireProgram(state, id);
  const now = asOf(state);
  const totals = readTotals(state, id);
  const expired = expiredBy(state, id, totals, now.day);
  const outstanding = totals.issued - totals.burnt - expired;
  return { program: id, asOf: now, issued: totals.issued, burnt: totals.burnt, expired, outstanding, exchangedIn: totals.exchangedIn, exchangedOut: totals.exchangedOut, redeemed: totals.redeemed, liabilityFen: outstanding * program.faceValueFen };
}

function historyEntry([height, time, tx, kind, program, account, amount, reference]: StoredHistoryEntry): PointsHistoryEntry {
  return { height, time, tx, kind, program, account, amount, reference };
}

/** The obligation after the last change at or below `height`, found by bisection over the pair's list. */
function obligationAt(index: StateRead, from: string, to: string, height: number): ObligationAnswer {
  const list = heightList<StoredObligation>(index, pointsLists.obligations(from, to));
  const through = list.countThrough(height);
  return { from, to, height, ...owedOf(through === 0 ? undefined : list.entryAt(through - 1)) };
}

/** A program's totals as its last change at or below `height` left them, expiry judged at that change's block time. */
function programTotalsAt(state: StateRead, index: StateRead, id: string, height: number): ProgramTotalsAnswer {
  const program = requireProgram(state, id);
  const list = heightList<StoredTotals>(index, pointsLists.totals(id));
  const through = list.countThrough(height);
  if (through === 0) throw pointsError("POINTS_PROGRAM_NOT_FOUND", `points program "${id}" had no totals recorded at height ${height}`, { program: id, height });
  const [, time, issued, burnt, expired, exchangedIn, exchangedOut, redeemed] = list.entryAt(through - 1);
  const outstanding = issued - burnt - expired;
  return { program: id, asOf: { time, day: pointsDayOf(time) }, issued, burnt, expired, outstanding, exchangedIn, exchangedOut, redeemed, liabilityFen: outstanding * program.faceValueFen };
}

const rewardId = Type.String({ pattern: "^[a-z][a-z0-9_.-]{1,63}$" });
const txHash = Type.String({ pattern: "^[0-9a-f]{64}$" });

export const pointsPlatformQueries: Readonly<Record<string, QueryDefinition>> = {
  program: defineQuery({
    description: "One program of the points platform.",
    parameters: Type.Object({ id: programIdSchema }),
    run: (state, parameters) => requireProgram(state, parameters.id),
  }),
  programs: defineQuery({
    description: "The programs of the points platform in the order registered, a page at a time.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const { entries, ...page } = readListPage<string>(index, pointsLists.programs(), parameters);
      return { ...page, programs: entries.map((id) => requireProgram(state, id)) };
    },
  }),
  program_totals: defineQuery({
    description: "A program's points issued, burnt, expired and outstanding, and its outstanding liability in fen, as of the newest platform block; with `height`, as the program's last change at or below it left them.",
    parameters: Type.Object({ program: programIdSchema, height: Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "the block height to read them at")) }),
    run: (state, parameters, _readModule, _blocks, index) => (parameters.height === undefined ? programTotals(state, parameters.program) : programTotalsAt(state, index, parameters.program, Number(parameters.height))),
  }),
  member_balances: defineQuery({
    description: "A member's live balance and lots of every program it ever held, a page of programs at a time, as of the newest platform block.",
    parameters: Type.Object({ address, start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const now = asOf(state);
      const { entries, ...page } = readListPage<string>(index, pointsLists.memberPrograms(parameters.address), parameters);
      const balances = entries.map((program): MemberBalance => {
        const lots = readLots(state, program, parameters.address) ?? [];
        return { program, balance: liveBalance(lots, now.day), lots: liveLots(lots, now.day).map(([expiresOn, amount]) => ({ expiresOn, amount })) };
      });
      return { ...page, address: parameters.address, asOf: now, balances };
    },
  }),
  history: defineQuery({
    description: "The changes of a member's points (name `address`) or of a program's (name `program`), oldest first, a page at a time.",
    parameters: Type.Object({ address: Type.Optional(address), program: Type.Optional(programIdSchema), start, limit }),
    run: (_state, parameters, _readModule, _blocks, index) => {
      if ((parameters.address === undefined) === (parameters.program === undefined)) throw pointsError("POINTS_QUERY_INVALID", "name either an address or a program, not both");
      const list = parameters.address !== undefined ? pointsLists.memberHistory(parameters.address) : pointsLists.programHistory(parameters.program as string);
      const { entries, ...page } = readListPage<StoredHistoryEntry>(index, list, parameters);
      return { ...page, entries: entries.map(historyEntry) };
    },
  }),
  agreement: defineQuery({
    description: "One exchange agreement, proposed or active.",
    parameters: Type.Object({ id: agreementIdSchema }),
    run: (state, parameters) => {
      const agreement = readAgreement(state, parameters.id);
      if (agreement === undefined) throw pointsError("POINTS_NO_AGREEMENT", `no exchange agreement "${parameters.id}" exists`, { agreement: parameters.id });
      return agreement;
    },
  }),
  agreements: defineQuery({
    description: "The exchange agreements in the order proposed, a page at a time.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const { entries, ...page } = readListPage<string>(index, pointsLists.agreements(), parameters);
      return { ...page, agreements: entries.map((id) => readAgreement(state, id) as AgreementRecord) };
    },
  }),
  obligation: defineQuery({
    description: "What program `from` owes program `to` from exchanges and redemptions (refunds deducted), at `height` (default: the newest committed block).",
    parameters: Type.Object({ from: programIdSchema, to: programIdSchema, height: Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "the block height to read it at")) }),
    run: (state, parameters, _readModule, blocks, index) => {
      requireProgram(state, parameters.from);
      requireProgram(state, parameters.to);
      if (parameters.height === undefined) return { from: parameters.from, to: parameters.to, height: blocks.height, ...readOwed(state, parameters.from, parameters.to) };
      return obligationAt(index, parameters.from, parameters.to, Number(parameters.height));
    },
  }),
  quote: defineQuery({
    description: "A live quote of an exchange: the fee, the points received and the value owed, what the daily caps leave, and the refusal the exchange would meet as of the newest platform block.",
    parameters: Type.Object({ agreement: agreementIdSchema, amount: integerParameter({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, "points given"), address: Type.Optional(address) }),
    run: (state, parameters): ExchangeQuoteAnswer => {
      const now = asOf(state);
      const nextBlock = { height: readClock(state).height + 1, time: now.time };
      const amount = Number(parameters.amount);
      const member = parameters.address ?? "0".repeat(40);
      const quote = { agreement: parameters.agreement, asOf: now, amount, fee: 0, received: 0, owedFen: 0, memberRemainingToday: null, totalRemainingToday: 0, refusal: null };
      try {
        const { agreement, terms, memberGivenToday, totalGivenToday } = checkExchange(state, parameters.agreement, member, amount, nextBlock);
        const balance = parameters.address === undefined ? undefined : liveBalance(readLots(state, agreement.from, member) ?? [], now.day);
        const remaining = { memberRemainingToday: parameters.address === undefined ? null : agreement.memberDailyCap - memberGivenToday, totalRemainingToday: agreement.totalDailyCap - totalGivenToday };
        const refusal = balance !== undefined && balance < amount ? { code: "POINTS_INSUFFICIENT_BALANCE", message: `balance of ${balance} "${agreement.from}" points is less than ${amount}` } : null;
        return { ...quote, fee: terms.fee, received: terms.received, owedFen: terms.owedFen, ...remaining, refusal };
      } catch (error) {
        if (!(error instanceof KexinError)) throw error;
        return { ...quote, refusal: { code: error.code, message: error.message } };
      }
    },
  }),
  reward: defineQuery({
    description: "One reward of the catalogue, with its price and what is left of its stock.",
    parameters: Type.Object({ id: rewardId }),
    run: (state, parameters) => requireReward(state, parameters.id),
  }),
  rewards: defineQuery({
    description: "The catalogue of rewards in the order published, a page at a time.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const { entries, ...page } = readListPage<string>(index, pointsLists.rewards(), parameters);
      return { ...page, rewards: entries.map((id) => requireReward(state, id)) };
    },
  }),
  redemption: defineQuery({
    description: "One redemption, by the hash of its transaction: what was paid, from which lots, and whether the merchant confirmed or refunded it.",
    parameters: Type.Object({ id: txHash }),
    run: (state, parameters) => {
      const redemption = readRedemption(state, parameters.id);
      if (redemption === undefined) throw pointsError("POINTS_REDEMPTION_NOT_FOUND", `no redemption ${parameters.id} exists`, { redemption: parameters.id });
      return redemption;
    },
  }),
  redemptions: defineQuery({
    description: "The redemptions by a member (name `address`) or of a program's rewards (name `program`), oldest first, a page at a time.",
    parameters: Type.Object({ address: Type.Optional(address), program: Type.Optional(programIdSchema), start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      if ((parameters.address === undefined) === (parameters.program === undefined)) throw pointsError("POINTS_QUERY_INVALID", "name either an address or a program, not both");
      const list = parameters.address !== undefined ? pointsLists.memberRedemptions(parameters.address) : pointsLists.programRedemptions(parameters.program as string);
      const { entries, ...page } = readListPage<string>(index, list, parameters);
      return { ...page, redemptions: entries.map((id) => readRedemption(state, id) as RedemptionRecord) };
    },
  }),
};
