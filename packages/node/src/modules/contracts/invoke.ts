import { type CborValue, type ContractErrorCode, type ContractsParameters, type CryptoSuite, concatBytes } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import type { ArgsValidators } from "./argsCheck.ts";
import type { CodeTexts } from "./codeTexts.ts";
import { contractError } from "./errors.ts";
import { type JournalTarget, StateJournal } from "./journal.ts";
import { contractsKeys } from "./keys.ts";
import { type StoredContract, readCodeText } from "./registry.ts";
import type { ContractCaller, ContractHost, ContractRun, ContractSandbox } from "./sandbox/index.ts";

/** Entries one `state.list` may return, whatever the contract asks. */
const listEntriesMax = 1_000;

/** What every call of one transaction (or one query) shares. */
export interface InvocationEnvironment {
  readonly suite: CryptoSuite;
  readonly sandbox: ContractSandbox;
  readonly validators: ArgsValidators;
  /** Stored code by hash, kept across calls; without it the code is read from state at each call. */
  readonly codeTexts?: CodeTexts;
  readonly parameters: ContractsParameters;
  /** The contracts namespace as the transaction sees it: contract records and stored code. */
  readonly state: StateRead;
  /** An active contract by name, or the refusal saying why it cannot be called (see requireCallable). */
  callable(name: string): StoredContract;
  readonly block: { readonly height: number; readonly time: number };
  /** The transaction's hash; zeros for a query. */
  readonly txHash: Uint8Array;
  /** Counts the calls of the transaction, outermost first, so that each gets its own random seed. */
  readonly calls: { count: number };
}

export interface Invocation {
  readonly contract: StoredContract;
  readonly method: string;
  readonly args: CborValue;
  readonly caller: ContractCaller;
  readonly gasLimit: number;
  /** 0 for the transaction's own call. */
  readonly depth: number;
  /** False for read-only methods and queries: the host refuses writes and events. */
  readonly writable: boolean;
  /** The caller's journal: this call's writes and events go there when it succeeds. */
  readonly into: JournalTarget;
}

/** A call's random seed: the hash of the transaction's hash and the call's index (4 bytes, big-endian). */
export function randomSeedOf(suite: CryptoSuite, txHash: Uint8Array, callIndex: number): Uint8Array {
  const index = new Uint8Array(4);
  new DataView(index.buffer).setUint32(0, callIndex);
  return suite.hash(concatBytes(txHash, index));
}

/**
 * Runs one method of a contract in the sandbox, after checking its arguments against the declared
 * schema (a refusal throws before anything runs). Its writes and events are kept only when it
 * succeeds.
 */
export function invoke(environment: InvocationEnvironment, invocation: Invocation): ContractRun {
  const { contract, method } = invocation;
  environment.validators.check(contract, method, invocation.args);
  const code = environment.codeTexts === undefined ? readCodeText(environment.state, contract.codeHash) : environment.codeTexts.get(environment.state, contract.codeHash);
  if (code === undefined) throw new Error(`code ${contract.codeHash} of contract ${contract.name} is missing from state`);
  const journal = new StateJournal(invocation.into);
  const host = new InvocationHost(environment, invocation, journal);
  const limits = { ...environment.parameters.limits, gasLimit: invocation.gasLimit };
  const run = environment.sandbox.run(code, method, invocation.args, host, limits, environment.parameters.prices);
  if (run.ok) journal.keepInto();
  return run;
}

/**
 * What one call's contract reaches: its own namespace through the call's journal, the chain's
 * suite, and other contracts. The sandbox has checked keys, values and events against the
 * chain's limits (and refused floats) before it hands them over.
 */
class InvocationHost implements ContractHost {
  readonly caller: ContractCaller;
  readonly block: { readonly height: number; readonly time: number };
  private readonly prefix: string;
  private readonly callIndex: number;
  private seed: Uint8Array | undefined;

  constructor(
    private readonly environment: InvocationEnvironment,
    private readonly invocation: Invocation,
    private readonly journal: StateJournal,
  ) {
    this.caller = invocation.caller;
    this.block = environment.block;
    this.prefix = contractsKeys.contractState(invocation.contract.name);
    this.callIndex = environment.calls.count;
    environment.calls.count += 1;
  }

  /** Hashed only when the contract first draws from Math.random. */
  get randomSeed(): Uint8Array {
    this.seed ??= randomSeedOf(this.environment.suite, this.environment.txHash, this.callIndex);
    return this.seed;
  }

  get(key: string): CborValue | undefined {
    return this.journal.get(this.prefix + key);
  }

  set(key: string, value: CborValue): void {
    this.requireWritable("write state");
    this.journal.set(this.prefix + key, value);
  }

  delete(key: string): void {
    this.requireWritable("delete state");
    this.journal.delete(this.prefix + key);
  }

  list(keyPrefix: string, limit: number): { key: string; value: CborValue }[] {
    const bounded = Math.max(0, Math.min(Math.trunc(limit), listEntriesMax));
    return this.journal.list(this.prefix + keyPrefix, bounded).map((entry) => ({ key: entry.key.slice(this.prefix.length), value: entry.value }));
  }

  emit(type: string, data: CborValue): void {
    this.requireWritable("emit events");
    this.journal.emit({ contract: this.invocation.contract.name, type, data });
  }

  call(contract: string, method: string, args: CborValue, gasLimit: number): { readonly value: CborValue; readonly gasUsed: number } {
    return callInner(this.environment, this.invocation, this.journal, { contract, method, args, gasLimit });
  }

  hash(bytes: Uint8Array): Uint8Array {
    return this.environment.suite.hash(bytes);
  }

  verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    try {
      return this.environment.suite.verify(publicKey, message, signature);
    } catch {
      return false;
    }
  }

  private requireWritable(what: string): void {
    const { contract, method, writable } = this.invocation;
    if (!writable) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${contract.name}.${method} is read-only here and cannot ${what}`, { contract: contract.name, method });
  }
}

/**
 * A contract calling another: allowed for read-only methods and for methods open to every member
 * (policy []), since a contract holds no roles. The inner call's own writes are reverted when it fails.
 */
function callInner(
  environment: InvocationEnvironment,
  outer: Invocation,
  journal: StateJournal,
  request: { contract: string; method: string; args: CborValue; gasLimit: number },
): { value: CborValue; gasUsed: number } {
  const { contract: name, method } = request;
  const depthMax = environment.parameters.limits.callDepthMax;
  if (outer.depth + 1 > depthMax) throw contractError("CONTRACT_CALL_DEPTH", `calls between contracts may nest at most ${depthMax} deep`, { contract: name, method });
  const contract = environment.callable(name);
  const declared = requireDeclared(contract, method);
  if (!declared.readOnly && policyRoles(contract, method)?.length !== 0) {
    throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${name}.${method} may be called by contracts only when it is read-only or open to every member`, { contract: name, method });
  }
  const gasLimit = Math.max(0, Math.min(Math.trunc(request.gasLimit), outer.gasLimit));
  const run = invoke(environment, {
    contract,
    method,
    args: request.args,
    caller: { address: `contract:${outer.contract.name}`, organisation: undefined, roles: [] },
    gasLimit,
    depth: outer.depth + 1,
    writable: outer.writable && !declared.readOnly,
    into: journal,
  });
  if (!run.ok) throw contractError(run.code as ContractErrorCode, run.message, { contract: name, method, gasUsed: run.gasUsed });
  return { value: run.value, gasUsed: run.gasUsed };
}

/** `init` and `migrate` run only at activation and upgrade. */
export const lifecycleMethods: readonly string[] = ["init", "migrate"];

export function requireDeclared(contract: StoredContract, method: string): StoredContract["methods"][string] {
  const declared = Object.hasOwn(contract.methods, method) ? contract.methods[method] : undefined;
  if (declared === undefined) throw contractError("CONTRACT_METHOD_NOT_FOUND", `contract "${contract.name}" declares no method ${method}`, { contract: contract.name, method });
  if (lifecycleMethods.includes(method)) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${method} runs only when the contract is activated or upgraded`, { contract: contract.name, method });
  return declared;
}

/** The roles a transaction needs to call a method; undefined when transactions may not call it. */
export function policyRoles(contract: StoredContract, method: string): readonly string[] | undefined {
  return Object.hasOwn(contract.policy, method) ? contract.policy[method] : undefined;
}
