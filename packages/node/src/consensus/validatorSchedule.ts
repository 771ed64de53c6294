import { type CryptoSuite, type Validator, encodeValidators, toHex, validatorsHash } from "@kexin/core";
import { ValidatorSet } from "./bft/validatorSet.ts";

export interface ScheduledValidators {
  readonly validators: readonly Validator[];
  readonly hash: Uint8Array;
  readonly set: ValidatorSet;
}

/** Sets kept built; a chain changes its validators rarely. */
const setsCachedMax = 16;

/** The validator set deciding each height: genesis, then whatever governance or the staking election scheduled. */
export class ValidatorSchedule {
  private readonly cache = new Map<string, ScheduledValidators>();

  constructor(
    private readonly suite: CryptoSuite,
    /** The set deciding a height, read from committed state. */
    private readonly scheduled: (height: number) => Validator[],
  ) {}

  at(height: number): ScheduledValidators {
    const validators = this.scheduled(height);
    const key = toHex(encodeValidators(validators));
    let scheduled = this.cache.get(key);
    if (!scheduled) {
      if (this.cache.size >= setsCachedMax) this.cache.delete(this.cache.keys().next().value as string);
      scheduled = { validators, hash: validatorsHash(this.suite, validators), set: new ValidatorSet(validators) };
      this.cache.set(key, scheduled);
    }
    return scheduled;
  }
}
