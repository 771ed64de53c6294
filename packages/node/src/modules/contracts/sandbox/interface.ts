import type { CborValue } from "@kexin/core";

/**
 * The contract sandbox's boundary: what a contract may reach (ContractHost), what bounds it
 * (ContractLimits, ContractGasPrices) and what a run returns (ContractRun). The sandbox knows
 * nothing of the chain; the contracts module implements the host over its namespaced state.
 */

/** Who sent the transaction that is running (for an inner call: the calling contract, as `contract:<name>`). */
export interface ContractCaller {
  readonly address: string;
  /** The caller's organisation, when it is a registered member or admin. */
  readonly organisation: string | undefined;
  readonly roles: readonly string[];
}

export interface ContractHost {
  /**
   * The contract's own namespace; keys are strings, values canonical CBOR values. The sandbox has
   * checked every key, value and event against the limits (sizes, no floats) before it calls these.
   */
  get(key: string): CborValue | undefined;
  set(key: string, value: CborValue): void;
  delete(key: string): void;
  /** Entries whose key starts with prefix, in key order, at most limit. */
  list(prefix: string, limit: number): { key: string; value: CborValue }[];
  emit(type: string, data: CborValue): void;
  readonly caller: ContractCaller;
  /** The block being executed: its height, and the time of the previous block (milliseconds). */
  readonly block: { readonly height: number; readonly time: number };
  /**
   * Calls another active contract with at most gasLimit of the remaining gas; its writes are
   * reverted when it fails. Throws a ContractError (CONTRACT_CALL_DEPTH, CONTRACT_NOT_FOUND, …).
   */
  call(contract: string, method: string, args: CborValue, gasLimit: number): { readonly value: CborValue; readonly gasUsed: number };
  hash(bytes: Uint8Array): Uint8Array;
  verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** 32 bytes derived from the transaction (hash of tx hash ‖ call index): the seed of the contract's Math.random, read at its first draw. */
  readonly randomSeed: Uint8Array;
}

/** Bounds of one call; chain parameters (see ContractsParameters in the module). */
export interface ContractLimits {
  readonly gasLimit: number;
  readonly memoryBytesMax: number;
  readonly stackBytesMax: number;
  readonly codeBytesMax: number;
  readonly callDepthMax: number;
  readonly stateKeyBytesMax: number;
  readonly stateValueBytesMax: number;
  readonly eventBytesMax: number;
  readonly resultBytesMax: number;
}

export interface ContractGasPrices {
  /**
   * Per interpreter work unit: one QuickJS interrupt poll, i.e. one backward jump (loop iteration)
   * or one function call, counted exactly. Built-in functions (Array.prototype.map's own loop,
   * String.prototype.repeat, JSON) are not polled inside: their cost shows only as the calls they make.
   */
  readonly work: number;
  readonly hostCall: number;
  readonly storedByte: number;
  readonly eventByte: number;
}

export type ContractRun =
  | { readonly ok: true; readonly value: CborValue; readonly gasUsed: number }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly gasUsed: number };

/** What a contract's code declares: its methods, each with the JSON schema of its arguments and whether it only reads. */
export interface ContractInterface {
  readonly methods: { readonly [method: string]: { readonly args: CborValue; readonly readOnly: boolean } };
}

export interface ContractSandbox {
  /** Loads and checks a contract module (syntax, size, exports); throws ContractError CONTRACT_CODE_INVALID. Deterministic. */
  describe(code: string, limits: ContractLimits): ContractInterface;
  /** Runs one method; never throws for anything the contract does: every failure is a ContractRun with a code. */
  run(code: string, method: string, args: CborValue, host: ContractHost, limits: ContractLimits, prices: ContractGasPrices): ContractRun;
}
