import { type AnySchema, Ajv, type ValidateFunction } from "ajv";
import type { ContractDetail } from "@kexin/core";
import { contractError } from "./errors.ts";

// Ajv's typed overloads of compile are too deep for the compiler over an arbitrary schema; a schema here is data from the contract.
type SchemaCompiler = { compile(schema: AnySchema): ValidateFunction };

function compileSchema(ajv: Ajv, schema: unknown): ValidateFunction {
  return (ajv as unknown as SchemaCompiler).compile(schema as AnySchema);
}

type DeclaredMethods = ContractDetail["methods"];

/** Compiled validators kept for this many code hashes; beyond it the cache starts again (it holds no state that decides a result). */
const codeHashesCachedMax = 256;

/**
 * Checks a method's arguments against the JSON Schema its contract declares, before the method
 * runs. The options are fixed here: validation must decide the same on every node, so nothing
 * coerces, fills defaults, removes properties or depends on formats.
 */
export class ArgsValidators {
  private readonly byCodeHash = new Map<string, Map<string, ValidateFunction>>();

  /** Compiles every declared schema; throws CONTRACT_CODE_INVALID naming the first that is not a valid schema. */
  compile(codeHashHex: string, methods: DeclaredMethods): Map<string, ValidateFunction> {
    const cached = this.byCodeHash.get(codeHashHex);
    if (cached !== undefined) return cached;
    const ajv = new Ajv({ strict: true, allErrors: false, coerceTypes: false, useDefaults: false, removeAdditional: false, validateFormats: false, logger: false });
    const validators = new Map<string, ValidateFunction>();
    for (const method of Object.keys(methods).sort()) {
      try {
        validators.set(method, compileSchema(ajv, methods[method]!.args));
      } catch (error) {
        throw contractError("CONTRACT_CODE_INVALID", `method ${method} declares an invalid argument schema: ${error instanceof Error ? error.message.slice(0, 200) : "not a schema"}`, { method });
      }
    }
    if (this.byCodeHash.size >= codeHashesCachedMax) this.byCodeHash.clear();
    this.byCodeHash.set(codeHashHex, validators);
    return validators;
  }

  /** Throws CONTRACT_ARGS_INVALID with the first mismatch. */
  check(contract: ContractDetail, method: string, args: unknown): void {
    const validate = this.compile(contract.codeHash, contract.methods).get(method);
    if (validate === undefined) throw contractError("CONTRACT_METHOD_NOT_FOUND", `contract "${contract.name}" declares no method ${method}`, { contract: contract.name, method });
    if (validate(args)) return;
    const first = validate.errors?.[0];
    const where = first === undefined || first.instancePath === "" ? "args" : `args${first.instancePath}`;
    throw contractError("CONTRACT_ARGS_INVALID", `${contract.name}.${method}: ${where} ${first?.message ?? "do not match the method's schema"}`, { contract: contract.name, method });
  }
}
