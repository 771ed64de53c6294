/*
 * Types for writing a contract: `import type { Context } from "@kexin/sdk/contract"`. Types only,
 * so the bundler erases the import and the contract's module imports nothing. The node builds the
 * `ctx` a method receives from its contract host; nothing else of the host is reachable.
 */

/**
 * What crosses the boundary between a contract and the chain: canonical CBOR's values. Numbers
 * are safe integers only; a float (1.5, NaN, Infinity, -0) in arguments, state, events or a result
 * fails the call with CONTRACT_FLOAT_REFUSED.
 */
export type ContractValue = null | boolean | number | bigint | string | Uint8Array | readonly ContractValue[] | { readonly [key: string]: ContractValue };

/** One entry of `ctx.state.list`. */
export interface StateEntry {
  readonly key: string;
  readonly value: ContractValue;
}

/** The contract's own namespace of state; no contract can read or write another's. */
export interface ContractState {
  /** The value at key, or undefined when there is none. */
  get(key: string): ContractValue | undefined;
  set(key: string, value: ContractValue): void;
  delete(key: string): void;
  /** Entries whose key starts with prefix, in key order, at most limit. */
  list(prefix: string, limit: number): StateEntry[];
}

/** Who sent the running transaction; for a call from another contract, that contract as `contract:<name>`. */
export interface ContractCallerInfo {
  readonly address: string;
  /** The caller's organisation, when it is a registered member or admin. */
  readonly organisation: string | undefined;
  readonly roles: readonly string[];
}

export interface Context {
  readonly state: ContractState;
  /** Becomes an event of the transaction: module `contracts`, type `contract`, attributes { contract, type, data }. */
  emit(type: string, data: ContractValue): void;
  readonly caller: ContractCallerInfo;
  /** The block being executed: its height, and the time of the previous block in milliseconds. */
  readonly block: { readonly height: number; readonly time: number };
  /** Calls another active contract with at most gasLimit of this call's remaining gas; a failed inner call reverts its writes and throws. */
  call(contract: string, method: string, args: ContractValue, gasLimit: number): ContractValue;
  /** The chain suite's hash (SHA-256 on intl, SM3 on gm). */
  hash(bytes: Uint8Array): Uint8Array;
  /** Checks a signature with the chain suite (Ed25519 on intl, SM2 on gm). */
  verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** A declared method: the JSON Schema its argument object must satisfy before the method runs, and whether it only reads. */
export interface MethodDeclaration {
  readonly args: { readonly [keyword: string]: unknown };
  readonly readOnly?: boolean;
}

/** The `methods` export: every callable method by name. Only declared methods can be called. */
export type MethodsDeclaration = { readonly [method: string]: MethodDeclaration };

/** A method's function: its checked arguments and the context; returns a value or nothing (null). */
export type MethodFunction<Args = ContractValue, Result extends ContractValue | void = ContractValue | void> = (args: Args, ctx: Context) => Result | Promise<Result>;
