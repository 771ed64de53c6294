import { type Validator, toHex } from "@kexin/core";

/** Proposer schedules longer than this are built from proportionally scaled-down powers. */
const proposerScheduleLengthMax = 100_000;

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The validators of one height as the engine sees them: indices in the order the chain lists
 * them, voting power, the two thresholds of the algorithm, and the proposer of each round.
 */
export class ValidatorSet {
  readonly totalPower: number;
  /** More than two thirds of the power: the 2f+1 of the paper. */
  readonly quorumPower: number;
  /** More than one third: at least one honest validator among them (the f+1 of the paper). */
  readonly honestPower: number;
  private readonly indexByKey = new Map<string, number>();
  private readonly schedule: readonly number[];

  constructor(readonly validators: readonly Validator[]) {
    if (validators.length === 0) throw new Error("a validator set needs at least one validator");
    this.totalPower = validators.reduce((sum, validator) => sum + validator.power, 0);
    this.quorumPower = Math.floor((this.totalPower * 2) / 3) + 1;
    this.honestPower = Math.floor(this.totalPower / 3) + 1;
    validators.forEach((validator, index) => {
      const key = toHex(validator.publicKey);
      if (this.indexByKey.has(key)) throw new Error(`validator ${key} is listed twice`);
      this.indexByKey.set(key, index);
    });
    this.schedule = proposerSchedule(validators.map((validator) => validator.power));
  }

  get size(): number {
    return this.validators.length;
  }

  power(index: number): number {
    return (this.validators[index] as Validator).power;
  }

  indexOf(publicKey: Uint8Array): number | undefined {
    return this.indexByKey.get(toHex(publicKey));
  }

  publicKey(index: number): Uint8Array {
    return (this.validators[index] as Validator).publicKey;
  }

  /** Rotates through validators in proportion to their power; height and round both advance it. */
  proposer(height: number, round: number): number {
    return this.schedule[(height + round) % this.schedule.length] as number;
  }
}

/**
 * Smoothly interleaved weighted round robin: validator i of n takes its j-th turn at time
 * (j + (i+1)/(n+1)) / pᵢ within a cycle, turns ordered by that time (ties by index). Staggering
 * each validator's first turn keeps validators of equal power from bunching together; with equal
 * powers the schedule is plain rotation. With unequal powers a validator may still get two turns
 * in a row where one cycle ends and the next begins (docs/consensus.md, "Known limits").
 */
export function proposerSchedule(powers: readonly number[]): number[] {
  const divisor = powers.reduce((gcd, power) => greatestCommonDivisor(gcd, power), 0);
  let turns = powers.map((power) => power / divisor);
  const turnsTotal = turns.reduce((sum, count) => sum + count, 0);
  if (turnsTotal > proposerScheduleLengthMax) {
    turns = turns.map((count) => Math.max(1, Math.floor((count * proposerScheduleLengthMax) / turnsTotal)));
  }
  const slots = powers.length + 1;
  const entries: { index: number; count: number; numerator: number; denominator: number }[] = [];
  turns.forEach((count, index) => {
    for (let turn = 0; turn < count; turn += 1) entries.push({ index, count, numerator: slots * turn + index + 1, denominator: slots * count });
  });
  entries.sort((a, b) => {
    // Compare a.numerator / a.denominator with b's exactly; both products stay below 2^53.
    const difference = a.numerator * b.denominator - b.numerator * a.denominator;
    // On a tie the validator with fewer turns goes first, keeping the frequent one's turns apart.
    return difference !== 0 ? difference : a.count !== b.count ? a.count - b.count : a.index - b.index;
  });
  return entries.map((entry) => entry.index);
}
