/** Every seed picks its shape too unless fixed: 4 or 7 validators, with or without Byzantine ones. */
export function shapeOf(seed: number, validatorsFixed?: number, byzantineFixed?: number): { validators: number; byzantine: number } {
  const validators = validatorsFixed ?? (seed % 2 === 0 ? 4 : 7);
  const faultTolerance = Math.floor((validators - 1) / 3);
  const byzantine = byzantineFixed ?? (Math.floor(seed / 2) % 2 === 0 ? 0 : faultTolerance);
  return { validators, byzantine };
}
