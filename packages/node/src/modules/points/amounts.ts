import { pointsError } from "@kexin/core";

/** A payload amount as a number; amounts beyond 2^53 − 1 arrive as bigint and are refused with POINTS_AMOUNT_TOO_LARGE. */
export function exactAmount(value: number | bigint, field: string): number {
  if (typeof value === "bigint" || !Number.isSafeInteger(value)) {
    throw pointsError("POINTS_AMOUNT_TOO_LARGE", `${field} is ${String(value)}, more than ${Number.MAX_SAFE_INTEGER}`, { field });
  }
  return value;
}

/** `left + right`, refused with POINTS_AMOUNT_TOO_LARGE beyond 2^53 − 1. */
export function safeSum(left: number, right: number, what: string): number {
  const sum = left + right;
  if (!Number.isSafeInteger(sum)) throw pointsError("POINTS_AMOUNT_TOO_LARGE", `${what} would be more than ${Number.MAX_SAFE_INTEGER}`);
  return sum;
}
