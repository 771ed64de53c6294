import { parameterScheduleModule } from "../../execution/chainParameters.ts";
import { type CborValue, type ContractErrorCode, type ContractsParameters, type CryptoSuite, fromHex } from "@kexin/core";
import type { ReadContext, TxContext } from "../../execution/interface.ts";
import { type Account, identityModuleName, readAccount } from "../identity/index.ts";
import type { ArgsValidators } from "./argsCheck.ts";
import type { CodeTexts } from "./codeTexts.ts";
import type { ContractRecords } from "./contractRecords.ts";
import { contractError } from "./errors.ts";
import { recordEvent } from "./eventIndex.ts";
import { type Invocation, type InvocationEnvironment, invoke } from "./invoke.ts";
import type { ContractEvent, JournalTarget } from "./journal.ts";
import type { StoredContract } from "./registry.ts";
import type { ContractCaller, ContractSandbox } from "./sandbox/index.ts";

/** What the module's handlers share for the life of the service: the suite, the sandbox (made on first use), the compiled argument schemas, stored code and decoded records. */
export interface ContractsRuntime {
  readonly suite: CryptoSuite;
  sandbox(): ContractSandbox;
  readonly validators: ArgsValidators;
  readonly codeTexts: CodeTexts;
  readonly records: ContractRecords;
}

/** The transaction's signer as a contract sees it: address, organisation and roles from identity (`account`, when the caller has read it already). */
export function callerOf(context: ReadContext, account: Account | undefined = readAccount(context.readModule(identityModuleName), context.caller.address)): ContractCaller {
  const roles = account?.roles ?? [];
  // An organisation's admins reach contracts (and method policies) with the role "admin".
  const withAdmin = account?.kind === "admin" && account.active && !roles.includes("admin") ? ["admin", ...roles] : roles;
  return { address: context.caller.address, organisation: account?.org, roles: withAdmin };
}

/**
 * What the calls of one transaction share. A class rather than an object literal with a closure:
 * one is made per contract transaction, and the transaction's hash is decoded only for a call
 * that draws from Math.random.
 */
class TransactionEnvironment implements InvocationEnvironment {
  readonly suite: CryptoSuite;
  readonly sandbox: ContractSandbox;
  readonly validators: ArgsValidators;
  readonly codeTexts: CodeTexts;
  readonly parameters: ContractsParameters;
  readonly state: TxContext["state"];
  readonly block: { readonly height: number; readonly time: number };
  readonly calls = { count: 0 };
  private hash: Uint8Array | undefined;

  constructor(
    private readonly runtime: ContractsRuntime,
    private readonly context: TxContext,
    parameters: ContractsParameters | undefined,
  ) {
    const { state, block } = context;
    this.suite = runtime.suite;
    this.sandbox = runtime.sandbox();
    this.validators = runtime.validators;
    this.codeTexts = runtime.codeTexts;
    this.parameters = parameters ?? runtime.records.parameters(context.readModule(parameterScheduleModule), block.height);
    this.state = state;
    this.block = { height: block.height, time: block.time };
  }

  get txHash(): Uint8Array {
    this.hash ??= fromHex(this.context.tx.hash);
    return this.hash;
  }

  callable(name: string): StoredContract {
    return this.runtime.records.callable(this.state, name, this.block.height);
  }
}

/**
 * The outermost journal target: the transaction's own state and events, each event listed in the
 * contract's event index too; the executor drops all of them when the transaction fails.
 */
class TransactionTarget implements JournalTarget {
  constructor(private readonly context: TxContext) {}

  get(key: string): CborValue | undefined {
    return this.context.state.get(key);
  }

  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    return this.context.state.list(prefix, limit);
  }

  set(key: string, value: CborValue): void {
    this.context.state.set(key, value);
  }

  delete(key: string): void {
    this.context.state.delete(key);
  }

  emit(event: ContractEvent): void {
    this.context.emit("contract", { contract: event.contract, type: event.type, data: event.data });
    recordEvent(this.context, event);
  }
}

/**
 * Runs a method as a transaction's outermost call and charges its gas as the transaction's cost
 * units; a failed run fails the transaction with the sandbox's code. `known` saves reading the
 * chain's contract parameters or the signer's account again when the caller already has them.
 */
export function runInTransaction(
  runtime: ContractsRuntime,
  context: TxContext,
  call: Omit<Invocation, "caller" | "depth" | "into">,
  known: { readonly parameters?: ContractsParameters; readonly account?: Account } = {},
): { value: CborValue; gasUsed: number } {
  const caller = known.account === undefined ? callerOf(context) : callerOf(context, known.account);
  const run = invoke(new TransactionEnvironment(runtime, context, known.parameters), { ...call, caller, depth: 0, into: new TransactionTarget(context) });
  context.charge(run.gasUsed);
  if (!run.ok) throw contractError(run.code as ContractErrorCode, run.message, { contract: call.contract.name, method: call.method, gasUsed: run.gasUsed });
  return { value: run.value, gasUsed: run.gasUsed };
}
