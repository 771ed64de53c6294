import { type AgreementRecord, type ProposeAgreementPayload, acceptAgreementPayloadSchema, endAgreementPayloadSchema, pointsError, proposeAgreementPayloadSchema } from "@kexin/core";
import { type ReadContext, type StateRead, defineTxType } from "../../execution/interface.ts";
import { exactAmount } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { pointsKeys } from "./keys.ts";
import { appendToList, pointsLists } from "./lists.ts";
import { requireMerchantAdmin, requireProgram } from "./programs.ts";
import type { PointsRecords } from "./recordCache.ts";
import { agreementFromState } from "./stateRecords.ts";

/*
 * An exchange agreement is signed by both merchants in two transactions: an admin of either
 * program's merchant proposes the terms, and an admin of the other merchant accepts them as they
 * stand. Two transactions keep every signature an ordinary transaction signature (checked,
 * receipted and audited like any other), and the acceptance names only the id, so what is
 * accepted is exactly what is on chain.
 */

export function readAgreement(state: StateRead, id: string): AgreementRecord | undefined {
  const stored = state.get(pointsKeys.agreement(id));
  return stored === undefined ? undefined : agreementFromState(stored);
}


function checkedTerms(payload: ProposeAgreementPayload) {
  return {
    rate: { from: exactAmount(payload.rate.from, "rate.from"), to: exactAmount(payload.rate.to, "rate.to") },
    fee: { fixed: exactAmount(payload.fee.fixed, "fee.fixed"), basisPoints: payload.fee.basisPoints },
    settlementFenPerPoint: exactAmount(payload.settlementFenPerPoint, "settlementFenPerPoint"),
    memberDailyCap: exactAmount(payload.memberDailyCap, "memberDailyCap"),
    totalDailyCap: exactAmount(payload.totalDailyCap, "totalDailyCap"),
  };
}

/** The two programs' merchants, checked to be a pair the signer may propose for. */
function requireProposer(context: ReadContext, payload: ProposeAgreementPayload): { readonly organisation: string } {
  if (payload.from === payload.to) throw pointsError("POINTS_AGREEMENT_INVALID", "an exchange agreement joins two different programs", { program: payload.from });
  const from = requireProgram(context.state, payload.from);
  const to = requireProgram(context.state, payload.to);
  return { organisation: requireMerchantAdmin(context, `propose an agreement between "${from.id}" and "${to.id}"`, [from.merchant, to.merchant]) };
}

export const proposeAgreement = (records: PointsRecords) =>
  defineTxType({
    description: "An admin of one of two programs' merchants proposes an exchange agreement from one program to the other: rate, rounding, fee, settlement value, daily caps and validity.",
    schema: proposeAgreementPayloadSchema,
    costUnits: 20,
    authorise: (context, payload) => {
      checkedTerms(payload);
      requireProposer(context, payload);
    },
    execute: (context, payload) => {
      const terms = checkedTerms(payload);
      const { organisation } = requireProposer(context, payload);
      if (payload.validUntil <= payload.validFrom || payload.validUntil <= context.block.time) {
        throw pointsError("POINTS_AGREEMENT_INVALID", `the validity window [${payload.validFrom}, ${payload.validUntil}) is empty or already over at block time ${context.block.time}`, { agreement: payload.id });
      }
      if (readAgreement(context.state, payload.id) !== undefined) throw pointsError("POINTS_AGREEMENT_EXISTS", `exchange agreement "${payload.id}" already exists`, { agreement: payload.id });
      recordClock(context);
      const agreement: AgreementRecord = {
        id: payload.id,
        from: payload.from,
        to: payload.to,
        ...terms,
        rounding: payload.rounding,
        validFrom: payload.validFrom,
        validUntil: payload.validUntil,
        status: "proposed",
        proposedBy: organisation,
        proposer: context.caller.address,
        proposedAt: context.block.height,
      };
      records.writeAgreement(context.state, context.block.height, agreement);
      appendToList(context, pointsLists.agreements(), payload.id);
      context.emit("agreement_proposed", { agreement: payload.id, from: payload.from, to: payload.to, proposedBy: organisation });
    },
  });

export function agreementEnded(agreement: AgreementRecord) {
  return pointsError("POINTS_AGREEMENT_ENDED", `exchange agreement "${agreement.id}" was ended at height ${agreement.endedAt ?? 0}`, { agreement: agreement.id, endedAt: agreement.endedAt ?? 0 });
}

/** The agreement, checked to be a proposal an admin of the other merchant is accepting. */
function requireAcceptable(context: ReadContext, id: string): AgreementRecord {
  const agreement = readAgreement(context.state, id);
  if (agreement === undefined) throw pointsError("POINTS_NO_AGREEMENT", `no exchange agreement "${id}" has been proposed`, { agreement: id });
  if (agreement.status === "ended") throw agreementEnded(agreement);
  if (agreement.status !== "proposed") throw pointsError("POINTS_AGREEMENT_ALREADY_ACCEPTED", `exchange agreement "${id}" was accepted at height ${agreement.acceptedAt ?? 0}`, { agreement: id });
  const merchants = [requireProgram(context.state, agreement.from).merchant, requireProgram(context.state, agreement.to).merchant];
  // With both programs of one merchant, any of its admins accepts; otherwise the merchant that did not propose.
  const counterparty = merchants[0] === merchants[1] ? merchants[0] : merchants.find((merchant) => merchant !== agreement.proposedBy);
  const organisation = requireMerchantAdmin(context, `accept exchange agreement "${id}"`);
  if (organisation !== counterparty) {
    throw pointsError("POINTS_NOT_COUNTERPARTY", `only an admin of "${String(counterparty)}" may accept exchange agreement "${id}", proposed by "${agreement.proposedBy}"`, { agreement: id, organisation });
  }
  return agreement;
}

export const acceptAgreement = (records: PointsRecords) =>
  defineTxType({
    description: "An admin of the other merchant accepts a proposed exchange agreement as it stands; members may exchange under it from then on, within its validity.",
    schema: acceptAgreementPayloadSchema,
    costUnits: 10,
    authorise: (context, payload) => {
      requireAcceptable(context, payload.id);
    },
    execute: (context, payload) => {
      const agreement = requireAcceptable(context, payload.id);
      if (context.block.time >= agreement.validUntil) throw pointsError("POINTS_AGREEMENT_EXPIRED", `exchange agreement "${agreement.id}" was valid until ${agreement.validUntil}`, { agreement: agreement.id, validUntil: agreement.validUntil });
      recordClock(context);
      const accepted: AgreementRecord = { ...agreement, status: "active", acceptor: context.caller.address, acceptedAt: context.block.height };
      records.writeAgreement(context.state, context.block.height, accepted);
      context.emit("agreement_accepted", { agreement: agreement.id, from: agreement.from, to: agreement.to });
    },
  });

/** The agreement, checked not to be ended yet and to be one of the signer's merchant's programs. */
function requireEndable(context: ReadContext, id: string): AgreementRecord {
  const agreement = readAgreement(context.state, id);
  if (agreement === undefined) throw pointsError("POINTS_NO_AGREEMENT", `no exchange agreement "${id}" has been proposed`, { agreement: id });
  requireMerchantAdmin(context, `end exchange agreement "${id}"`, [requireProgram(context.state, agreement.from).merchant, requireProgram(context.state, agreement.to).merchant]);
  if (agreement.status === "ended") throw agreementEnded(agreement);
  return agreement;
}

/*
 * Either merchant may end an agreement on its own: a contract both signed may be terminated by
 * one side, and the chain records who ended it and when. It ends from the next block, so that
 * every exchange of the block it is ended in was already in force when the block was proposed,
 * whatever order the proposer put the transactions in. What was owed under it stays owed.
 */
export const endAgreement = (records: PointsRecords) =>
  defineTxType({
    description: "An admin of either program's merchant ends an exchange agreement (or withdraws a proposal); exchanges and redemptions under it are refused from the next block on.",
    schema: endAgreementPayloadSchema,
    costUnits: 10,
    authorise: (context, payload) => {
      requireEndable(context, payload.id);
    },
    execute: (context, payload) => {
      const agreement = requireEndable(context, payload.id);
      recordClock(context);
      const ended: AgreementRecord = { ...agreement, status: "ended", endedBy: context.caller.address, endedAt: context.block.height };
      records.writeAgreement(context.state, context.block.height, ended);
      context.emit("agreement_ended", { agreement: agreement.id, from: agreement.from, to: agreement.to, endedBy: context.caller.address });
    },
  });
