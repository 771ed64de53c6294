import { type WireStatic, wireProblem } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import { SdkError } from "../errors.ts";

/**
 * The node's answer, checked against the service's wire schema from @kexin/core; SdkError
 * SDK_BAD_RESPONSE names the first field that does not match.
 */
export function checkAnswer<Schema extends TSchema>(schema: Schema, answer: unknown, url: string, context: string): WireStatic<Schema> {
  const problem = wireProblem(schema, answer);
  if (problem === undefined) return answer as WireStatic<Schema>;
  throw new SdkError(
    { code: "SDK_BAD_RESPONSE", url, status: 200, reason: problem },
    `${context}: the node's answer does not match its schema at ${problem}; is the node of another version than this SDK?`,
  );
}
