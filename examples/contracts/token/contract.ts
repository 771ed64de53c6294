import type { Context, MethodsDeclaration } from "@kexin/sdk/contract";

/*
 * A fungible token. `init` mints the whole supply to the owner its arguments name: the
 * transaction that runs init is the approval that activates the contract, so its caller is
 * whichever admin approved last, not the token's owner. Balances live under
 * `balance/<account>`; the supply never changes after init, so no balance or sum of balances can
 * leave the safe-integer range.
 */

const amountMax = Number.MAX_SAFE_INTEGER;
/** A member's address, or another contract as `contract:<name>` (contracts may hold tokens too). */
const account = { type: "string", pattern: "^([0-9a-f]{40}|contract:[a-z][a-z0-9_-]{2,63})$" };

export const methods = {
  init: {
    args: { type: "object", properties: { owner: account, supply: { type: "integer", minimum: 0, maximum: amountMax } }, required: ["owner", "supply"], additionalProperties: false },
  },
  transfer: {
    args: { type: "object", properties: { to: account, amount: { type: "integer", minimum: 1, maximum: amountMax } }, required: ["to", "amount"], additionalProperties: false },
  },
  balanceOf: { args: { type: "object", properties: { owner: account }, required: ["owner"], additionalProperties: false }, readOnly: true },
  totalSupply: { args: { type: "object", additionalProperties: false }, readOnly: true },
} satisfies MethodsDeclaration;

function balanceKey(owner: string): string {
  return `balance/${owner}`;
}

function balance(ctx: Context, owner: string): number {
  return (ctx.state.get(balanceKey(owner)) as number | undefined) ?? 0;
}

/** A zero balance is deleted rather than stored, so state holds only accounts that own something. */
function setBalance(ctx: Context, owner: string, amount: number): void {
  if (amount === 0) ctx.state.delete(balanceKey(owner));
  else ctx.state.set(balanceKey(owner), amount);
}

export function init(args: { owner: string; supply: number }, ctx: Context): void {
  ctx.state.set("supply", args.supply);
  setBalance(ctx, args.owner, args.supply);
  ctx.emit("minted", { to: args.owner, amount: args.supply });
}

export function transfer(args: { to: string; amount: number }, ctx: Context): { from: number; to: number } {
  const from = ctx.caller.address;
  const held = balance(ctx, from);
  if (held < args.amount) throw new Error(`insufficient balance: ${from} holds ${held}, the transfer needs ${args.amount}`);
  if (args.to === from) throw new Error("a transfer to oneself changes nothing; give another account");
  setBalance(ctx, from, held - args.amount);
  const received = balance(ctx, args.to) + args.amount;
  setBalance(ctx, args.to, received);
  ctx.emit("transfer", { from, to: args.to, amount: args.amount });
  return { from: held - args.amount, to: received };
}

export function balanceOf(args: { owner: string }, ctx: Context): number {
  return balance(ctx, args.owner);
}

export function totalSupply(_args: Record<string, never>, ctx: Context): number {
  return (ctx.state.get("supply") as number | undefined) ?? 0;
}
