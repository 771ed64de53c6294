import type { Client } from "../clients/createClient.ts";
import { type ApiError, type SdkError, invalidParameter } from "../errors.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { type CallContractReturnType, callContract } from "./callContract.ts";
import type { ContractMethodArgs, ContractMethodName, ContractMethodParameters, ContractMethodResult, ContractModule, UndecidedMethodKind } from "./contractMethodTypes.ts";
import { getParameters } from "./getParameters.ts";
import { queryContract } from "./queryContract.ts";
import type { ContractQueryView } from "./types.ts";
import { requireContractName, requireGasLimit } from "./validation.ts";

export type ContractClientParameters = {
  /** The contract's name on chain. */
  readonly contract: string;
  /** Signs the calls; a client without one can only query. */
  readonly wallet?: Wallet;
  /** The gas limit of every call that gives none; without it, each call asks the chain for its callGasMax. */
  readonly gasLimit?: number;
};

export type ContractCallOptions = {
  /** At most the chain's callGasMax; defaults to the client's gasLimit, else to callGasMax. */
  readonly gasLimit?: number;
  /** How long to wait for the commit; defaults to waitForCommit's 30 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
};
export type ContractQueryOptions = { readonly signal?: AbortSignal };

/** A call's answer as callContract gives it, with the value typed by what the method returns. */
export type TypedCallReturnType<Value> = Omit<CallContractReturnType, "value"> & { readonly value: Value };
/** A query's answer as queryContract gives it, with the value typed by what the method returns. */
export type TypedQueryReturnType<Value> = Omit<ContractQueryView, "value"> & { readonly value: Value };

/** A method of unknown kind takes only the message that says how to declare it, so any call of it fails to compile with that message. */
type UndecidedMethod = (problem: UndecidedMethodKind) => never;

export type ContractClientReturnType<Module extends ContractModule> = {
  /** The methods that change state, each signed by the wallet, sent and waited for. */
  readonly call: { readonly [Name in ContractMethodName<Module, "call">]: (...parameters: ContractMethodParameters<ContractMethodArgs<Module, Name>, ContractCallOptions>) => Promise<TypedCallReturnType<ContractMethodResult<Module, Name>>> } & {
    readonly [Name in ContractMethodName<Module, "unknown">]: UndecidedMethod;
  };
  /** The methods declared readOnly, run against committed state without signing. */
  readonly query: { readonly [Name in ContractMethodName<Module, "query">]: (...parameters: ContractMethodParameters<ContractMethodArgs<Module, Name>, ContractQueryOptions>) => Promise<TypedQueryReturnType<ContractMethodResult<Module, Name>>> } & {
    readonly [Name in ContractMethodName<Module, "unknown">]: UndecidedMethod;
  };
};
/** SdkError SDK_INVALID_PARAMETER for a call without a wallet, and callContract's and queryContract's errors. */
export type ContractClientErrorType = ApiError | SdkError;

type MethodRunner = (method: string, args: unknown, options: ContractCallOptions | undefined) => Promise<unknown>;

/**
 * An object answering every method name with a function that runs it. The names exist only in
 * the contract's types, which are gone at run time, so any name is answered and the node refuses
 * one the contract does not declare. `then` is left out so that the object is not taken for a
 * promise when it is awaited or returned from an async function.
 */
function methodTable(run: MethodRunner): object {
  return new Proxy(Object.freeze({}), {
    get: (_target, name) => (typeof name === "string" && name !== "then" ? (args?: unknown, options?: ContractCallOptions) => run(name, args, options) : undefined),
  });
}

/**
 * A client for one contract whose method names, argument types and result types are the
 * contract's own: with `import type * as token from "./contract.ts"`, `contractClient<typeof token>(client, { contract: "token", wallet })`.
 * Methods declared readOnly are under `query`, the others under `call`; each goes through
 * queryContract or callContract.
 */
export function contractClient<Module extends ContractModule>(client: Client, parameters: ContractClientParameters): ContractClientReturnType<Module> {
  const context = "contractClient";
  const contract = requireContractName(context, "contract", parameters.contract);
  const { wallet } = parameters;
  const clientGasLimit = parameters.gasLimit === undefined ? undefined : requireGasLimit(context, parameters.gasLimit);
  const gasLimitOf = async (options: ContractCallOptions | undefined): Promise<number> =>
    options?.gasLimit ?? clientGasLimit ?? (await getParameters(client, { signal: options?.signal })).callGasMax;
  const call = methodTable(async (method, args, options) => {
    if (wallet === undefined) throw invalidParameter(context, "wallet", `is required to call ${contract}.${method}; a client without one can only query`);
    const gasLimit = await gasLimitOf(options);
    return callContract(client, wallet, { contract, method, args, gasLimit, timeoutMs: options?.timeoutMs, signal: options?.signal });
  });
  const query = methodTable((method, args, options) => queryContract(client, { contract, method, args, signal: options?.signal }));
  return Object.freeze({ call, query }) as ContractClientReturnType<Module>;
}
