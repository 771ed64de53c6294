import { KexinError } from "../errors.ts";

/** Every refusal of the points service: of its transactions (in a failed receipt), its queries and the SDK. */
export const pointsErrorCodes = [
  // The plain points of `points.issue` and `points.transfer`.
  "POINTS_INSUFFICIENT_BALANCE",
  "POINTS_SUPPLY_OVERFLOW",
  "POINTS_SELF_TRANSFER",
  // The points platform: programs, lots, exchange agreements.
  "POINTS_AMOUNT_TOO_LARGE",
  "POINTS_NOT_MERCHANT_ADMIN",
  "POINTS_NOT_MERCHANT_MEMBER",
  "POINTS_PROGRAM_EXISTS",
  "POINTS_PROGRAM_NOT_FOUND",
  "POINTS_NOT_TRANSFERABLE",
  "POINTS_AGREEMENT_EXISTS",
  "POINTS_AGREEMENT_INVALID",
  "POINTS_NO_AGREEMENT",
  "POINTS_AGREEMENT_ALREADY_ACCEPTED",
  "POINTS_NOT_COUNTERPARTY",
  "POINTS_AGREEMENT_NOT_YET_VALID",
  "POINTS_AGREEMENT_EXPIRED",
  "POINTS_MEMBER_DAILY_CAP_EXCEEDED",
  "POINTS_DAILY_CAP_EXCEEDED",
  "POINTS_EXCHANGE_TOO_SMALL",
  "POINTS_EXCHANGE_NOT_EXACT",
  "POINTS_REWARD_EXISTS",
  "POINTS_REWARD_NOT_FOUND",
  "POINTS_REWARD_PRICE_INVALID",
  "POINTS_OUT_OF_STOCK",
  "POINTS_REDEMPTION_NOT_FOUND",
  "POINTS_REDEMPTION_SETTLED",
  "POINTS_NOT_REWARD_MERCHANT",
  "POINTS_QUERY_INVALID",
  // Ending agreements and settling what programs owe each other.
  "POINTS_AGREEMENT_ENDED",
  "POINTS_PERIOD_EMPTY",
  "POINTS_PERIOD_NOT_FOUND",
  "POINTS_PAYMENT_NOT_FOUND",
  "POINTS_STATEMENT_WRONG_MERCHANT",
  "POINTS_SETTLEMENT_ALREADY_CONFIRMED",
  "POINTS_SETTLEMENT_TOO_LARGE",
] as const;
export type PointsErrorCode = (typeof pointsErrorCodes)[number];

/** A points refusal: its code and, when they help, the values it concerns (program, balance, cap…). */
export interface PointsErrorType {
  readonly code: PointsErrorCode;
  readonly [detail: string]: string | number | boolean | undefined;
}
export class PointsError extends KexinError<PointsErrorType> {}

export function pointsError(code: PointsErrorCode, message: string, details: Record<string, string | number | boolean> = {}): PointsError {
  return new PointsError({ ...details, code }, message);
}
