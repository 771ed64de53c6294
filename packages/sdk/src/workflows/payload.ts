import { type CborValue, wireProblem, workflowsModuleName } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";

/** A workflows transaction whose payload is checked against its wire schema before anything is signed. */
export function workflowsCall<Type extends string, Payload extends CborValue>(type: Type, schema: TSchema, payload: Payload): TxCall<typeof workflowsModuleName, Type, Payload> {
  const problem = wireProblem(schema, payload);
  if (problem !== undefined) throw invalidParameter(`workflows.${type}`, "payload", problem);
  return { module: workflowsModuleName, type, payload };
}
