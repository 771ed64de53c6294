import { type ProgramRecord, type RegisterProgramPayload, pointsDayOf, pointsError, registerProgramPayloadSchema } from "@kexin/core";
import { type ReadContext, type StateRead, defineTxType } from "../../execution/interface.ts";
import { administeredOrganisation, identityModuleName, readAccount } from "../identity/index.ts";
import { exactAmount } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { pointsKeys } from "./keys.ts";
import { appendToList, pointsLists } from "./lists.ts";
import type { PointsRecords } from "./recordCache.ts";
import { programFromState } from "./stateRecords.ts";
import { emptyTotals, writeTotals } from "./totals.ts";

export function readProgram(state: StateRead, id: string): ProgramRecord | undefined {
  const stored = state.get(pointsKeys.program(id));
  return stored === undefined ? undefined : programFromState(stored);
}

export function requireProgram(state: StateRead, id: string): ProgramRecord {
  const program = readProgram(state, id);
  if (program === undefined) throw pointsError("POINTS_PROGRAM_NOT_FOUND", `no points program "${id}" is registered`, { program: id });
  return program;
}

/** The organisation the signer administers; POINTS_NOT_MERCHANT_ADMIN for anyone else, or for an admin of another merchant than `merchants`. */
export function requireMerchantAdmin(context: ReadContext, action: string, merchants?: readonly string[]): string {
  const organisation = administeredOrganisation(context);
  if (organisation === undefined || (merchants !== undefined && !merchants.includes(organisation))) {
    const whose = merchants === undefined ? "an organisation" : merchants.map((merchant) => `"${merchant}"`).join(" or ");
    throw pointsError("POINTS_NOT_MERCHANT_ADMIN", `only an admin of ${whose} may ${action}; ${context.caller.address} is none`, { address: context.caller.address });
  }
  return organisation;
}

/** Whether the signer acts for `merchant`: one of its admins, or one of its members with the `merchant` role. */
export function actsForMerchant(context: ReadContext, merchant: string): boolean {
  const account = readAccount(context.readModule(identityModuleName), context.caller.address);
  return account !== undefined && account.active && account.org === merchant && (account.kind === "admin" || account.roles.includes("merchant"));
}

/** Issuance is for the program's merchant: its admins and its members with the `merchant` role. */
export function requireIssuer(context: ReadContext, program: ProgramRecord): void {
  if (!actsForMerchant(context, program.merchant)) {
    throw pointsError("POINTS_NOT_MERCHANT_MEMBER", `only an admin or a member with the merchant role of "${program.merchant}" may issue "${program.id}" points`, {
      program: program.id,
      address: context.caller.address,
    });
  }
}

function checkAmounts(payload: RegisterProgramPayload): number {
  return exactAmount(payload.faceValueFen, "faceValueFen");
}

/** `points.register_program`; programs are written through `records`. */
export const registerProgram = (records: PointsRecords) =>
  defineTxType({
    description: "A merchant organisation's admin registers a points program: its names, the face value of a point in fen, its expiry policy and whether members may transfer.",
    schema: registerProgramPayloadSchema,
    costUnits: 20,
    authorise: (context, payload) => {
      requireMerchantAdmin(context, "register a points program");
      checkAmounts(payload);
    },
    execute: (context, payload) => {
      const merchant = requireMerchantAdmin(context, "register a points program");
      const faceValueFen = checkAmounts(payload);
      if (readProgram(context.state, payload.id) !== undefined) throw pointsError("POINTS_PROGRAM_EXISTS", `points program "${payload.id}" is already registered`, { program: payload.id });
      recordClock(context);
      const program: ProgramRecord = {
        id: payload.id,
        name: { zh: payload.name.zh, en: payload.name.en },
        faceValueFen,
        expiry: payload.expiry,
        transferable: payload.transferable,
        merchant,
        registeredBy: context.caller.address,
        registeredAt: context.block.height,
      };
      records.writeProgram(context.state, context.block.height, program);
      writeTotals(context, payload.id, emptyTotals(pointsDayOf(context.block.time)));
      appendToList(context, pointsLists.programs(), payload.id);
      context.emit("program_registered", { program: payload.id, merchant, faceValueFen, expiry: payload.expiry.kind === "days" ? payload.expiry.days : 0, transferable: payload.transferable });
    },
  });
