import type { TxCall } from "../call.ts";
import { type BuildAndSendOptions, type BuildAndSendReturnType, buildAndSend } from "../actions/buildAndSend.ts";
import { type GetAccountParameters, type GetAccountReturnType, getAccount } from "../actions/getAccount.ts";
import { type GetBlockParameters, type GetBlockReturnType, getBlock } from "../actions/getBlock.ts";
import { type GetBlocksParameters, type GetBlocksReturnType, getBlocks } from "../actions/getBlocks.ts";
import { type GetStatusParameters, type GetStatusReturnType, getStatus } from "../actions/getStatus.ts";
import { type GetTransactionParameters, type GetTransactionReturnType, getTransaction } from "../actions/getTransaction.ts";
import { type PrepareTransactionOptions, type PrepareTransactionReturnType, prepareTransaction } from "../actions/prepareTransaction.ts";
import { type QueryParameters, query } from "../actions/query.ts";
import { type SendTransactionParameters, type SendTransactionReturnType, sendTransaction } from "../actions/sendTransaction.ts";
import { type SendTransactionsParameters, type SendTransactionsReturnType, sendTransactions } from "../actions/sendTransactions.ts";
import { type WaitForCommitParameters, type WaitForCommitReturnType, waitForCommit } from "../actions/waitForCommit.ts";
import { type WatchBlocksParameters, type WatchBlocksReturnType, watchBlocks } from "../actions/watchBlocks.ts";
import { type WatchEventsParameters, type WatchEventsReturnType, watchEvents } from "../actions/watchEvents.ts";
import * as services from "../services.ts";
import type { JsonValue } from "../types.ts";
import type { Wallet } from "../wallet/wallet.ts";
import { type Client, type ClientOptions, createClient } from "./createClient.ts";

/** A service's actions with the client bound: `client.evidence.getAnchors({ hash })`. */
export type BoundActions<Actions> = {
  readonly [Name in keyof Actions]: Actions[Name] extends (client: Client, ...parameters: infer Parameters) => infer Result ? (...parameters: Parameters) => Result : never;
};

/** Every service of services.ts, by its name. */
export type ServiceClients = { readonly [Service in keyof typeof services]: BoundActions<(typeof services)[Service]["actions"]> };

type ClientAction = (client: Client, ...parameters: unknown[]) => unknown;

function bindServices(client: Client): ServiceClients {
  const bind = (actions: object) => Object.fromEntries(Object.entries(actions).map(([name, action]: [string, ClientAction]) => [name, (...parameters: unknown[]) => action(client, ...parameters)]));
  return Object.fromEntries(Object.entries(services).map(([name, service]) => [name, bind(service.actions)])) as unknown as ServiceClients;
}

/** Every action bound to one client, for code that talks to a single node; each service's under its name. */
export interface KexinClient extends Client, ServiceClients {
  getStatus(parameters?: GetStatusParameters): Promise<GetStatusReturnType>;
  getAccount(parameters: GetAccountParameters): Promise<GetAccountReturnType>;
  getTransaction(parameters: GetTransactionParameters): Promise<GetTransactionReturnType>;
  getBlock(parameters?: GetBlockParameters): Promise<GetBlockReturnType>;
  getBlocks(parameters?: GetBlocksParameters): Promise<GetBlocksReturnType>;
  query<Answer = JsonValue>(parameters: QueryParameters): Promise<Answer>;
  sendTransaction(parameters: SendTransactionParameters): Promise<SendTransactionReturnType>;
  sendTransactions(parameters: SendTransactionsParameters): Promise<SendTransactionsReturnType>;
  waitForCommit(parameters: WaitForCommitParameters): Promise<WaitForCommitReturnType>;
  watchBlocks(parameters: WatchBlocksParameters): WatchBlocksReturnType;
  watchEvents(parameters: WatchEventsParameters): WatchEventsReturnType;
  prepareTransaction(wallet: Wallet, call: TxCall, options?: PrepareTransactionOptions): Promise<PrepareTransactionReturnType>;
  buildAndSend(wallet: Wallet, call: TxCall, options?: BuildAndSendOptions): Promise<BuildAndSendReturnType>;
}

export function createKexinClient(options: ClientOptions): KexinClient {
  const client = createClient(options);
  return {
    ...client,
    ...bindServices(client),
    getStatus: (parameters) => getStatus(client, parameters),
    getAccount: (parameters) => getAccount(client, parameters),
    getTransaction: (parameters) => getTransaction(client, parameters),
    getBlock: (parameters) => getBlock(client, parameters),
    getBlocks: (parameters) => getBlocks(client, parameters),
    query: <Answer = JsonValue>(parameters: QueryParameters) => query<Answer>(client, parameters),
    sendTransaction: (parameters) => sendTransaction(client, parameters),
    sendTransactions: (parameters) => sendTransactions(client, parameters),
    waitForCommit: (parameters) => waitForCommit(client, parameters),
    watchBlocks: (parameters) => watchBlocks(client, parameters),
    watchEvents: (parameters) => watchEvents(client, parameters),
    prepareTransaction: (wallet, call, callOptions) => prepareTransaction(client, wallet, call, callOptions),
    buildAndSend: (wallet, call, callOptions) => buildAndSend(client, wallet, call, callOptions),
  };
}
