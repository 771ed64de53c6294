import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { deviceClasses } from "./records.ts";
import { traceModuleLimits } from "./limits.ts";

/** Payload field schemas shared by the trace transaction types and queries. */
export const traceSchemas = {
  gtin: Type.String({ pattern: "^(?:[0-9]{8}|[0-9]{12,14})$", description: "GTIN-8, -12, -13 or -14 with its check digit" }),
  lot: Type.String({ minLength: 1, maxLength: 20, description: "GS1 AI (10) lot, set 82 characters" }),
  date: Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "YYYY-MM-DD" }),
  deviceClass: Type.Union(deviceClasses.map((value) => Type.Literal(value))),
  orgId: Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" }),
  region: Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$", description: "a region code such as CN-31" }),
  uri: Type.String({ pattern: "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", maxLength: traceModuleLimits.identifierLengthMax, description: "an absolute URI" }),
  name: Type.String({ minLength: 1, maxLength: 128 }),
  text: Type.String({ minLength: 1, maxLength: 1_000 }),
  registrationNumber: Type.String({ minLength: 1, maxLength: 64, pattern: "^[^\\u0000-\\u001f]+$" }),
  quantity: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  seconds: Type.Integer({ minimum: 1, maximum: 10 * 365 * 86_400 }),
  tenthsCelsius: Type.Integer({ minimum: -2_732, maximum: 10_000, description: "tenths of a degree Celsius" }),
  uses: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  /** A query parameter holding a whole number (parameters arrive as text). */
  integerText: integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "a whole number"),
  timeText: Type.String({ maxLength: 40, description: "milliseconds since the epoch, or an ISO 8601 date-time" }),
};
