import type { ValidatorPower } from "./governanceReads.ts";

export type SetState = "genesis" | "past" | "current" | "scheduled";

export interface TimelineEntry {
  readonly fromHeight: number;
  readonly state: SetState;
  readonly validators: readonly ValidatorPower[];
}

/**
 * Orders the sets by the height they start deciding and says which one decides `nextHeight`: the
 * latest that starts at or below it. Genesis (from height 1) is in force until the first change.
 */
export function validatorTimeline(sets: readonly { readonly fromHeight: number; readonly validators: readonly ValidatorPower[] }[], nextHeight: number): TimelineEntry[] {
  const ordered = [...sets].sort((a, b) => a.fromHeight - b.fromHeight);
  const currentStart = ordered.filter((set) => set.fromHeight <= nextHeight).at(-1)?.fromHeight;
  return ordered.map((set) => {
    const state: SetState = set.fromHeight > nextHeight ? "scheduled" : set.fromHeight === currentStart ? "current" : set.fromHeight === 1 ? "genesis" : "past";
    return { ...set, state };
  });
}

export function totalPower(validators: readonly { readonly power: number }[]): number {
  return validators.reduce((sum, validator) => sum + validator.power, 0);
}
