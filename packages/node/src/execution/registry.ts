import type { CborValue } from "@kexin/core";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import type { TSchema } from "@sinclair/typebox";
import { ExecutionError } from "./errors.ts";
import type { ModuleDefinition, QueryDefinition, TxTypeDefinition } from "./interface.ts";

export interface ResolvedTxType {
  readonly module: string;
  readonly type: string;
  readonly definition: TxTypeDefinition;
  readonly check: TypeCheck<TSchema>;
}

export interface ResolvedQuery {
  readonly module: string;
  readonly definition: QueryDefinition;
  readonly check: TypeCheck<TSchema>;
}

/** The modules a chain runs, fixed when the node is built; lookups never depend on insertion order. */
export class ModuleRegistry {
  private readonly txTypes = new Map<string, ResolvedTxType>();
  private readonly queries = new Map<string, ResolvedQuery>();
  private readonly modules = new Map<string, ModuleDefinition>();

  constructor(modules: readonly ModuleDefinition[]) {
    for (const module of modules) {
      if (this.modules.has(module.name)) throw new Error(`module ${module.name} is registered twice`);
      this.modules.set(module.name, module);
      for (const [type, definition] of Object.entries(module.txTypes)) {
        this.txTypes.set(`${module.name}.${type}`, { module: module.name, type, definition, check: TypeCompiler.Compile(definition.schema) });
      }
      for (const [name, definition] of Object.entries(module.queries)) {
        this.queries.set(`${module.name}.${name}`, { module: module.name, definition, check: TypeCompiler.Compile(definition.parameters) });
      }
    }
  }

  moduleNames(): string[] {
    return [...this.modules.keys()].sort();
  }

  module(name: string): ModuleDefinition | undefined {
    return this.modules.get(name);
  }

  /** Finds the handler of a transaction and validates its payload against the type's schema. */
  resolveTx(module: string, type: string, payload: CborValue): ResolvedTxType {
    const resolved = this.txTypes.get(`${module}.${type}`);
    if (!resolved) {
      if (!this.modules.has(module)) throw new ExecutionError({ code: "TX_UNKNOWN_MODULE", module }, `unknown module "${module}"`);
      throw new ExecutionError({ code: "TX_UNKNOWN_TYPE", module, type }, `module "${module}" has no transaction type "${type}"`);
    }
    if (!resolved.check.Check(payload)) {
      const first = resolved.check.Errors(payload).First();
      const field = first?.path.replace(/^\//, "").replaceAll("/", ".") || "payload";
      const reason = first?.message ?? "does not match the schema";
      throw new ExecutionError({ code: "TX_PAYLOAD_INVALID", field, reason }, `invalid ${module}.${type} payload: ${field} ${reason.toLowerCase()}`);
    }
    return resolved;
  }

  resolveQuery(module: string, name: string): ResolvedQuery | undefined {
    return this.queries.get(`${module}.${name}`);
  }
}
