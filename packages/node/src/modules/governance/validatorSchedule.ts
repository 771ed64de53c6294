import { type Validator, type ValidatorScheduleAnswer, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { pageOf } from "../../execution/pagedList.ts";

export const validatorScheduleLimitMax = 100;
const validatorScheduleLimitDefault = 20;
/** Governance lists at most this many scheduled sets, plus genesis. */
const validatorScheduleOffsetMax = 10_000;

/** The query listing the genesis set (from height 1) and every set an approved change scheduled, by effective height. */
export function validatorScheduleQuery(
  genesisValidators: readonly Validator[],
  scheduledSets: (state: StateRead) => readonly { readonly height: number; readonly validators: readonly { readonly publicKey: string; readonly power: number }[] }[],
): QueryDefinition {
  return defineQuery({
    description: "Every validator set by the height it starts deciding: genesis from height 1, then each set an approved change scheduled, a page at a time.",
    parameters: Type.Object(
      {
        offset: Type.Optional(integerParameter({ maximum: validatorScheduleOffsetMax }, "sets to skip (default 0)")),
        limit: Type.Optional(integerParameter({ minimum: 1, maximum: validatorScheduleLimitMax }, `sets to list (default ${validatorScheduleLimitDefault})`)),
      },
      { additionalProperties: false },
    ),
    run: (state, parameters): ValidatorScheduleAnswer => {
      const genesis = { height: 1, validators: genesisValidators.map((validator) => ({ publicKey: toHex(validator.publicKey), power: validator.power })) };
      const sets = [genesis, ...scheduledSets(state).map((set) => ({ height: set.height, validators: set.validators.map((validator) => ({ publicKey: validator.publicKey, power: validator.power })) }))];
      const page = pageOf(sets.length, { start: parameters.offset ?? "0", limit: parameters.limit ?? String(validatorScheduleLimitDefault) }, validatorScheduleLimitMax, (position) => sets[position] as (typeof sets)[number]);
      return { total: page.total, offset: page.start, sets: page.entries, next: page.next };
    },
  });
}
