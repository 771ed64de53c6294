import type { StateRead, TxContext } from "../../execution/interface.ts";
import { pointsKeys } from "./keys.ts";

/**
 * Queries cannot see block headers, so every platform transaction records its block's height and
 * time; queries judge expiry by the newest such block unless asked about another time.
 */
export function recordClock(context: TxContext): void {
  const recorded = context.state.get(pointsKeys.clock) as readonly [number, number] | undefined;
  if (recorded?.[0] !== context.block.height) context.state.set(pointsKeys.clock, [context.block.height, context.block.time]);
}

export function readClock(state: StateRead): { readonly height: number; readonly time: number } {
  const recorded = state.get(pointsKeys.clock) as readonly [number, number] | undefined;
  return { height: recorded?.[0] ?? 0, time: recorded?.[1] ?? 0 };
}
