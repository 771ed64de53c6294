import { type ChainParameterCatalog, type StateRead, isWithin, parameterAt, parameterScheduleKey } from "../../execution/index.ts";
import { GovernanceError } from "./errors.ts";

/** The governance parameters: how long a change waits, and the window in which it may be vetoed. */
export const governanceParameters = {
  validatorChangeDelayBlocks: { description: "Blocks between a validator change's final approval and the block its new set first decides.", minimum: 1, maximum: 100_000, default: 5 },
  reviewWindowBlocks: {
    description: "Blocks an approved parameter change waits at least before it applies; organisation admins may veto it meanwhile.",
    minimum: 1,
    maximum: 1_000_000,
    default: 10,
  },
} as const;

export const validatorChangeDelayName = "governance.validatorChangeDelayBlocks";
export const reviewWindowName = "governance.reviewWindowBlocks";

/** Refuses a change naming a parameter no service declares, or a value outside its bounds. */
export function checkParameterChanges(catalog: ChainParameterCatalog, changes: Readonly<Record<string, number>>): void {
  for (const name of Object.keys(changes).sort()) {
    const definition = catalog.definition(name);
    if (definition === undefined) throw new GovernanceError({ code: "GOVERNANCE_UNKNOWN_PARAMETER", name }, `no chain parameter is named "${name}"; the parameters query lists them`);
    const value = changes[name] as number;
    if (!isWithin(definition, value)) {
      throw new GovernanceError(
        { code: "GOVERNANCE_PARAMETER_OUT_OF_BOUNDS", name, value, minimum: definition.minimum, maximum: definition.maximum },
        `${name} must be an integer from ${definition.minimum} to ${definition.maximum}; got ${value}`,
      );
    }
  }
}

/** The earliest effective height a parameter change approved at `height` may name: the review window later. */
export function earliestEffectiveHeight(schedule: StateRead, catalog: ChainParameterCatalog, height: number): number {
  return height + parameterAt(schedule, catalog, reviewWindowName, height);
}

export function checkEffectiveHeight(schedule: StateRead, catalog: ChainParameterCatalog, height: number, effectiveHeight: number): void {
  const earliest = earliestEffectiveHeight(schedule, catalog, height);
  if (effectiveHeight < earliest) {
    throw new GovernanceError(
      { code: "GOVERNANCE_EFFECTIVE_TOO_EARLY", effectiveHeight, earliest },
      `effective height ${effectiveHeight} leaves less than the review window (${earliest - height} blocks) after height ${height}; name ${earliest} or later`,
    );
  }
}

/** Refuses a change to a parameter that another approved proposal already sets at the same height. */
export function checkNoConflict(schedule: StateRead, changes: Readonly<Record<string, number>>, effectiveHeight: number): void {
  for (const name of Object.keys(changes).sort()) {
    if (schedule.get(parameterScheduleKey(name, effectiveHeight)) !== undefined) {
      throw new GovernanceError({ code: "GOVERNANCE_PARAMETER_CONFLICT", name, effectiveHeight }, `${name} already changes at height ${effectiveHeight} by another approved proposal`);
    }
  }
}
