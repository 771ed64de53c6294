import { type CborValue, datashareModuleName, wireProblem } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";

/** A datashare transaction whose payload is checked against its wire schema before anything is signed. */
export function datashareCall<Type extends string, Payload extends CborValue>(type: Type, schema: TSchema, payload: Payload): TxCall<typeof datashareModuleName, Type, Payload> {
  const problem = wireProblem(schema, payload);
  if (problem !== undefined) throw invalidParameter(`datashare.${type}`, "payload", problem);
  return { module: datashareModuleName, type, payload };
}
