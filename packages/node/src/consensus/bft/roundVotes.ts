import type { ValueId } from "./types.ts";

const nilKey = "nil";
/**
 * Distinct values counted per validator. An equivocating validator's votes all count, each for its
 * own value, as in the paper (a message is a message); without that, a node that saw a Byzantine
 * validator's other vote first could never confirm a polka that honest nodes locked on. The bound
 * keeps a faulty validator from making us store unbounded votes.
 */
export const valuesPerValidatorMax = 4;

/** Result of adding one validator's vote to a round's tally. */
export type VoteAddition =
  | { readonly status: "added" }
  | { readonly status: "duplicate" }
  /** A different vote from a validator that already voted; counted if under the bound. */
  | { readonly status: "conflict"; readonly first: ValueId | null; readonly counted: boolean };

/** One round's prevotes or precommits. */
export class RoundVotes {
  private readonly byValidator = new Map<number, (ValueId | null)[]>();
  private readonly powerByValue = new Map<string, number>();
  private total = 0;

  add(validator: number, valueId: ValueId | null, power: number): VoteAddition {
    const values = this.byValidator.get(validator);
    if (values) {
      if (values.includes(valueId)) return { status: "duplicate" };
      const counted = values.length < valuesPerValidatorMax;
      if (counted) {
        values.push(valueId);
        this.addPower(valueId, power);
      }
      return { status: "conflict", first: values[0] as ValueId | null, counted };
    }
    this.byValidator.set(validator, [valueId]);
    this.addPower(valueId, power);
    this.total += power;
    return { status: "added" };
  }

  private addPower(valueId: ValueId | null, power: number): void {
    const key = valueId ?? nilKey;
    this.powerByValue.set(key, (this.powerByValue.get(key) ?? 0) + power);
  }

  /** Power of the validators who voted for this value (null: nil). */
  powerFor(valueId: ValueId | null): number {
    return this.powerByValue.get(valueId ?? nilKey) ?? 0;
  }

  /** Power of everyone who voted, whatever for, each validator once. */
  get totalPower(): number {
    return this.total;
  }

  /** Validators who voted for the value, in ascending index order. */
  votersFor(valueId: ValueId): number[] {
    const voters: number[] = [];
    for (const [validator, values] of this.byValidator) if (values.includes(valueId)) voters.push(validator);
    return voters.sort((a, b) => a - b);
  }

  /** The first value, other than nil, holding at least this much power, if any. */
  valueWithPower(powerMin: number): ValueId | undefined {
    for (const [key, power] of this.powerByValue) if (key !== nilKey && power >= powerMin) return key;
    return undefined;
  }
}
