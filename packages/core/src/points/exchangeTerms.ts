import type { AgreementRecord } from "./agreements.ts";
import { pointsError } from "./errors.ts";

/** What one exchange of `amount` points under an agreement takes and gives. */
export interface ExchangeTerms {
  /** Points of the source program the member gives, fee included. */
  readonly amount: number;
  /** Points of the source program kept as the fee (burnt, owed to no one). */
  readonly fee: number;
  /** Points of the target program the member receives. */
  readonly received: number;
  /** Fen the source program owes the target program for it. */
  readonly owedFen: number;
}

const maximum = BigInt(Number.MAX_SAFE_INTEGER);

function safe(value: bigint, what: string): number {
  if (value > maximum) throw pointsError("POINTS_AMOUNT_TOO_LARGE", `${what} would be ${value}, more than ${Number.MAX_SAFE_INTEGER}`);
  return Number(value);
}

/**
 * The terms of exchanging `amount` points under `agreement`, computed exactly in bigint: the
 * same on every node, in the SDK's quote and in the node's transaction. Throws the refusal
 * (POINTS_EXCHANGE_TOO_SMALL, POINTS_EXCHANGE_NOT_EXACT, POINTS_AMOUNT_TOO_LARGE).
 */
export function exchangeTerms(agreement: Pick<AgreementRecord, "id" | "rate" | "rounding" | "fee" | "settlementFenPerPoint">, amount: number): ExchangeTerms {
  const given = BigInt(amount);
  const fee = BigInt(agreement.fee.fixed) + (given * BigInt(agreement.fee.basisPoints)) / 10_000n;
  if (fee >= given) throw pointsError("POINTS_EXCHANGE_TOO_SMALL", `the fee of ${fee} points takes all ${amount} points given`, { agreement: agreement.id, amount, fee: Number(fee) });
  const numerator = (given - fee) * BigInt(agreement.rate.to);
  const denominator = BigInt(agreement.rate.from);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (agreement.rounding === "exact" && remainder !== 0n) {
    throw pointsError("POINTS_EXCHANGE_NOT_EXACT", `${given - fee} points after the fee do not convert exactly at ${agreement.rate.from}:${agreement.rate.to}`, { agreement: agreement.id, amount });
  }
  const received = agreement.rounding === "half_up" && remainder * 2n >= denominator ? quotient + 1n : quotient;
  if (received === 0n) throw pointsError("POINTS_EXCHANGE_TOO_SMALL", `${amount} points convert to no point at ${agreement.rate.from}:${agreement.rate.to}`, { agreement: agreement.id, amount });
  return {
    amount,
    fee: Number(fee),
    received: safe(received, "the points received"),
    owedFen: safe(received * BigInt(agreement.settlementFenPerPoint), "the value owed"),
  };
}
