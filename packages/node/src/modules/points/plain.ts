import { PointsError } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type StateRead, defineQuery, defineTxType } from "../../execution/interface.ts";
import { requireRegistered, requireRole } from "../identity/index.ts";

/*
 * The plain points: one program per merchant organisation (named by its id), no expiry, no lots.
 * Their transactions, state keys (`balance/`, `supply/`), costs, results and events are those of
 * every chain already running and the reference of the benchmarks: nothing here may change.
 */

const address = Type.String({ pattern: "^[0-9a-f]{40}$", description: "40 hex digits" });
const program = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$", description: "the issuing organisation's id" });
// Amounts stay below 2^53 so every language decodes them as exact integers.
const amount = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

const balanceKey = (programId: string, owner: string): string => `balance/${programId}/${owner}`;
const supplyKey = (programId: string): string => `supply/${programId}`;

function balanceOf(state: StateRead, programId: string, owner: string): number {
  return (state.get(balanceKey(programId, owner)) as number | undefined) ?? 0;
}

export const issue = defineTxType({
  description: "A merchant member issues its organisation's loyalty points to an account.",
  schema: Type.Object({ to: address, amount }, { additionalProperties: false }),
  costUnits: 5,
  authorise: (context) => {
    requireRole(context, "merchant");
  },
  execute: (context, payload) => {
    const issuer = requireRole(context, "merchant");
    const supply = (context.state.get(supplyKey(issuer.org)) as number | undefined) ?? 0;
    if (supply + payload.amount > Number.MAX_SAFE_INTEGER) {
      throw new PointsError({ code: "POINTS_SUPPLY_OVERFLOW", program: issuer.org }, `issuing ${payload.amount} would overflow the supply of "${issuer.org}"`);
    }
    context.state.set(supplyKey(issuer.org), supply + payload.amount);
    context.state.set(balanceKey(issuer.org, payload.to), balanceOf(context.state, issuer.org, payload.to) + payload.amount);
    context.emit("issued", { program: issuer.org, to: payload.to, amount: payload.amount });
  },
});

export const transfer = defineTxType({
  description: "Moves points of one program from the signer to another account.",
  schema: Type.Object({ to: address, program, amount }, { additionalProperties: false }),
  costUnits: 3,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const from = context.caller.address;
    if (from === payload.to) throw new PointsError({ code: "POINTS_SELF_TRANSFER" }, "cannot transfer points to the same account");
    const balance = balanceOf(context.state, payload.program, from);
    if (balance < payload.amount) {
      throw new PointsError(
        { code: "POINTS_INSUFFICIENT_BALANCE", program: payload.program, balance, amount: payload.amount },
        `balance of ${balance} "${payload.program}" points is less than ${payload.amount}`,
      );
    }
    context.state.set(balanceKey(payload.program, from), balance - payload.amount);
    context.state.set(balanceKey(payload.program, payload.to), balanceOf(context.state, payload.program, payload.to) + payload.amount);
    context.emit("transferred", { program: payload.program, from, to: payload.to, amount: payload.amount });
  },
});

export const plainQueries = {
    balance: defineQuery({
      description: "An account's balance of one program.",
      parameters: Type.Object({ address, program }),
      run: (state, parameters) => ({ address: parameters.address, program: parameters.program, amount: balanceOf(state, parameters.program, parameters.address) }),
    }),
};
