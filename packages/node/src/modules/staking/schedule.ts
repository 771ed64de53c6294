import { type Validator, fromHex } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { stakingKeys } from "./keys.ts";

interface StoredValidator {
  readonly publicKey: string;
  readonly power: number;
}

const scheduleCountKey = "schedule_count";
const scheduleEntryKey = (index: number): string => `schedule/${String(index).padStart(16, "0")}`;

/**
 * Schedules a set from `height` on. Sets are numbered as well as keyed by height, so the set of a
 * height is found by a binary search of point reads however many elections the chain has held
 * (a listing of every set would stop at the listing limit).
 */
export function scheduleValidators(state: StateWrite, height: number, validators: readonly StoredValidator[]): void {
  const count = (state.get(scheduleCountKey) as number | undefined) ?? 0;
  const last = count === 0 ? 0 : (state.get(scheduleEntryKey(count - 1)) as number);
  if (height <= last) throw new Error(`a validator set is scheduled from ${height}, not after the last one at ${last}`);
  state.set(stakingKeys.validators(height), validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power })));
  state.set(scheduleEntryKey(count), height);
  state.set(scheduleCountKey, count + 1);
}

/** The effective height of the newest set scheduled at or below `height`, or undefined (genesis decides). */
function scheduledHeightAt(state: StateRead, height: number): number | undefined {
  let low = 0;
  let high = ((state.get(scheduleCountKey) as number | undefined) ?? 0) - 1;
  let found: number | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const entry = state.get(scheduleEntryKey(middle)) as number;
    if (entry <= height) {
      found = entry;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The elected set deciding `height`: the newest scheduled at or below it, or genesis. */
export function electedValidatorsAt(state: StateRead, genesis: readonly Validator[], height: number): Validator[] {
  const scheduled = scheduledHeightAt(state, height);
  if (scheduled === undefined) return [...genesis];
  const validators = state.get(stakingKeys.validators(scheduled)) as unknown as StoredValidator[];
  return validators.map((validator) => ({ publicKey: fromHex(validator.publicKey), power: validator.power }));
}

/** The newest scheduled set and the height it takes effect, or undefined before the first election. */
export function lastScheduled(state: StateRead): { height: number; validators: string[] } | undefined {
  const count = (state.get(scheduleCountKey) as number | undefined) ?? 0;
  if (count === 0) return undefined;
  const height = state.get(scheduleEntryKey(count - 1)) as number;
  return { height, validators: (state.get(stakingKeys.validators(height)) as unknown as StoredValidator[]).map((validator) => validator.publicKey) };
}
