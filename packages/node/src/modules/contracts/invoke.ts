import { type CborValue, type ContractErrorCode, type ContractsParameters, type CryptoSuite, concatBytes, utf8 } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import type { ArgsValidators } from "./argsCheck.ts";
import type { CodeTexts } from "./codeTexts.ts";
import { contractError } from "./errors.ts";
import { type JournalTarget, StateJournal } from "./journal.ts";
import { contractsKeys } from "./keys.ts";
import { type StoredContract, readCodeText, requireCallable } from "./registry.ts";
import type { ContractCaller, ContractHost, ContractRun, ContractSandbox } from "./sandbox/index.ts";
import { boundaryBytes } from "./values.ts";

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
  const host = contractHost(environment, invocation, journal);
  const limits = { ...environment.parameters.limits, gasLimit: invocation.gasLimit };
  const run = environment.sandbox.run(code, method, invocation.args, host, limits, environment.parameters.prices);
  if (run.ok) journal.keepInto();
  return run;
}

function contractHost(environment: InvocationEnvironment, invocation: Invocation, journal: StateJournal): ContractHost {
  const { limits } = environment.parameters;
  const name = invocation.contract.name;
  const prefix = contractsKeys.contractState(name);
  const fullKey = (key: string): string => {
    if (typeof key !== "string") throw contractError("CONTRACT_THREW", "a state key must be a string", { contract: name });
    if (utf8(key).length > limits.stateKeyBytesMax) throw contractError("CONTRACT_VALUE_TOO_LARGE", `a state key is longer than ${limits.stateKeyBytesMax} bytes`, { contract: name });
    return prefix + key;
  };
  const requireWritable = (what: string): void => {
    if (!invocation.writable) throw contractError("CONTRACT_METHOD_NOT_ALLOWED", `${name}.${invocation.method} is read-only here and cannot ${what}`, { contract: name, method: invocation.method });
  };
  const callIndex = environment.calls.count;
  environment.calls.count += 1;
  return {
    get: (key) => journal.get(fullKey(key)),
    set: (key, value) => {
      requireWritable("write state");
      const full = fullKey(key);
      boundaryBytes(value, limits.stateValueBytesMax, "CONTRACT_VALUE_TOO_LARGE", `the value of state key "${key}"`);
      journal.set(full, value);
    },
    delete: (key) => {
      requireWritable("delete state");
      journal.delete(fullKey(key));
    },
    list: (keyPrefix, limit) => {
      const bounded = Math.max(0, Math.min(Math.trunc(limit), listEntriesMax));
      return journal.list(fullKey(keyPrefix), bounded).map((entry) => ({ key: entry.key.slice(prefix.length), value: entry.value }));
    },
    emit: (type, data) => {
      requireWritable("emit events");
      boundaryBytes([type, data], limits.eventBytesMax, "CONTRACT_EVENT_TOO_LARGE", `event "${String(type).slice(0, 64)}"`);
      journal.emit({ contract: name, type, data });
    },
    caller: invocation.caller,
    block: environment.block,
    call: (contract, method, args, gasLimit) => callInner(environment, invocation, journal, { contract, method, args, gasLimit }),
    hash: (bytes) => environment.suite.hash(bytes),
    verifySignature: (publicKey, message, signature) => {
      try {
        return environment.suite.verify(publicKey, message, signature);
      } catch {
        return false;
      }
    },
    randomSeed: randomSeedOf(environment.suite, environment.txHash, callIndex),
  };
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
  const contract = requireCallable(environment.state, name);
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
