/** Every seed picks its shape too unless fixed: 4 or 7 validators, with or without Byzantine ones. */
export function shapeOf(seed: number, validatorsFixed?: number, byzantineFixed?: number): { validators: number; byzantine: number } {
  const validators = validatorsFixed ?? (seed % 2 === 0 ? 4 : 7);
  const faultTolerance = Math.floor((validators - 1) / 3);
  const byzantine = byzantineFixed ?? (Math.floor(seed / 2) % 2 === 0 ? 0 : faultTolerance);
  return { validators, byzantine };
}

/**
 * Election runs: 5 or 7 validators at genesis for four seats, so elections drop some, and at most
 * one Byzantine validator, the most any elected set of four tolerates.
 */
export function electionShapeOf(seed: number, validatorsFixed?: number, byzantineFixed?: number): { validators: number; byzantine: number } {
  const validators = validatorsFixed ?? (seed % 2 === 0 ? 5 : 7);
  const byzantine = byzantineFixed ?? (Math.floor(seed / 2) % 2 === 0 ? 0 : 1);
  return { validators, byzantine };
}
