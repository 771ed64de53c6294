import { InvalidArgumentError } from "commander";

/** A commander argument parser for whole numbers within bounds. */
export function wholeNumber(minimum: number, maximum: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
      throw new InvalidArgumentError(`must be a whole number between ${minimum} and ${maximum}.`);
    }
    return number;
  };
}
