import { pointsError, programBurnPayloadSchema, programIssuePayloadSchema, programTransferPayloadSchema } from "@kexin/core";
import { defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { exactAmount } from "./amounts.ts";
import { recordClock } from "./clock.ts";
import { burnPoints, issuePoints, movePoints } from "./holdings.ts";
import { recordHistory } from "./lists.ts";
import { requireIssuer, requireProgram } from "./programs.ts";

export const programIssue = defineTxType({
  description: "A member of a program's merchant issues points of the program to an account, as one lot that expires under the program's policy.",
  schema: programIssuePayloadSchema,
  costUnits: 6,
  authorise: (context, payload) => {
    exactAmount(payload.amount, "amount");
    requireIssuer(context, requireProgram(context.state, payload.program));
  },
  execute: (context, payload) => {
    const amount = exactAmount(payload.amount, "amount");
    const program = requireProgram(context.state, payload.program);
    requireIssuer(context, program);
    recordClock(context);
    issuePoints(context, program, payload.to, amount, false);
    recordHistory(context, payload.to, "issued", program.id, null, amount);
    context.emit("program_issued", { program: program.id, to: payload.to, amount });
  },
});

export const programTransfer = defineTxType({
  description: "A member gives points of a transferable program to another account; its oldest points go first and keep their expiry.",
  schema: programTransferPayloadSchema,
  costUnits: 4,
  authorise: (context, payload) => {
    exactAmount(payload.amount, "amount");
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const amount = exactAmount(payload.amount, "amount");
    const from = context.caller.address;
    const program = requireProgram(context.state, payload.program);
    if (!program.transferable) throw pointsError("POINTS_NOT_TRANSFERABLE", `points of "${program.id}" cannot be transferred between members`, { program: program.id });
    if (from === payload.to) throw pointsError("POINTS_SELF_TRANSFER", "cannot transfer points to the same account");
    recordClock(context);
    movePoints(context, program.id, from, payload.to, amount);
    recordHistory(context, from, "sent", program.id, payload.to, amount);
    recordHistory(context, payload.to, "received", program.id, from, amount);
    context.emit("program_transferred", { program: program.id, from, to: payload.to, amount });
  },
});

export const programBurn = defineTxType({
  description: "A member gives up points of a program (spent with the merchant outside the chain); its oldest points go first.",
  schema: programBurnPayloadSchema,
  costUnits: 4,
  authorise: (context, payload) => {
    exactAmount(payload.amount, "amount");
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const amount = exactAmount(payload.amount, "amount");
    const program = requireProgram(context.state, payload.program);
    recordClock(context);
    burnPoints(context, program.id, context.caller.address, amount, "burn");
    recordHistory(context, context.caller.address, "burnt", program.id, null, amount);
    context.emit("program_burnt", { program: program.id, from: context.caller.address, amount });
  },
});
