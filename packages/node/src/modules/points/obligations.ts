import type { StateRead, TxContext } from "../../execution/interface.ts";
import { safeSum } from "./amounts.ts";
import { pointsKeys } from "./keys.ts";
import { type StoredObligation, type StoredObligationChange, appendToList, pointsLists } from "./lists.ts";

/**
 * What one program owes another, from exchanges (members gave `from` points for `to` points) and
 * from redemptions of `to`'s rewards paid in `from` points; a refund takes its redemption back out.
 */
export interface Owed {
  readonly fen: number;
  readonly exchanges: number;
  readonly redemptions: number;
  /** Points of `from` given, and the points of `to` they converted to. */
  readonly pointsGiven: number;
  readonly pointsReceived: number;
}

const nothingOwed: Owed = { fen: 0, exchanges: 0, redemptions: 0, pointsGiven: 0, pointsReceived: 0 };

/** An obligation as state keeps it: an array of the fields in this order, cheaper to decode and encode than a map. */
export type StateOwed = readonly [fen: number, exchanges: number, redemptions: number, pointsGiven: number, pointsReceived: number];

export function owedFromState([fen, exchanges, redemptions, pointsGiven, pointsReceived]: StateOwed): Owed {
  return { fen, exchanges, redemptions, pointsGiven, pointsReceived };
}

export function readOwed(state: StateRead, from: string, to: string): Owed {
  const stored = state.get(pointsKeys.owed(from, to)) as StateOwed | undefined;
  return stored === undefined ? nothingOwed : owedFromState(stored);
}

/** Adds `change` (negative for a refund) to what `from` owes `to`, and lists the new running total for reads at a height. */
export function changeOwed(context: TxContext, from: string, to: string, change: Owed): void {
  const owed = readOwed(context.state, from, to);
  const after: Owed = {
    fen: safeSum(owed.fen, change.fen, `what "${from}" owes "${to}"`),
    exchanges: owed.exchanges + change.exchanges,
    redemptions: owed.redemptions + change.redemptions,
    pointsGiven: owed.pointsGiven + change.pointsGiven,
    pointsReceived: owed.pointsReceived + change.pointsReceived,
  };
  const stored: StateOwed = [after.fen, after.exchanges, after.redemptions, after.pointsGiven, after.pointsReceived];
  context.state.set(pointsKeys.owed(from, to), [...stored]);
  const entry: StoredObligationChange = [context.block.height, context.tx.hash, after.fen, after.exchanges, after.redemptions, after.pointsGiven, after.pointsReceived];
  appendToList(context, pointsLists.obligations(from, to), [...entry]);
}

/** The obligation as read at a height: the last entry at or below it. */
export function owedOf(entry: StoredObligation | undefined): Owed {
  if (entry === undefined) return nothingOwed;
  const [, , fen, exchanges, redemptions, pointsGiven, pointsReceived] = entry;
  return { fen, exchanges, redemptions, pointsGiven, pointsReceived };
}
