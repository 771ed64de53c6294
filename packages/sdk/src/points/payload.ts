import { type CborValue, pointsModuleName, wireProblem } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";

/** A points transaction whose payload is checked against its wire schema before anything is signed. */
export function pointsCall<Type extends string, Payload extends CborValue>(type: Type, schema: TSchema, payload: Payload): TxCall<typeof pointsModuleName, Type, Payload> {
  const problem = wireProblem(schema, payload);
  if (problem !== undefined) throw invalidParameter(`points.${type}`, "payload", problem);
  return { module: pointsModuleName, type, payload };
}
