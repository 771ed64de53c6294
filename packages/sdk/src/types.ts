import type { MemberView, ReceiptJson, SuiteId } from "@kexin/core";

/*
 * Chain-level shapes: status, blocks, transactions, receipts, accounts and events. A service's
 * records are defined once, as schemas in @kexin/core/src/<service>, and named in its SDK folder.
 */

/** What JSON.parse can return; payloads and event attributes arrive in this form. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface ValidatorView {
  readonly publicKey: string;
  readonly address: string;
  readonly power: number;
}

/** A connected peer of a bft node, as GET /v1/status lists it. */
export interface PeerView {
  readonly peerId: string;
  /** The peer's node key, hex. */
  readonly publicKey: string;
  readonly address: string;
}

/** Where consensus stands on the node that answered. */
export interface ConsensusStateView {
  /** The height being decided: one above the last committed block. */
  readonly height: number;
  readonly round: number;
  readonly step: "propose" | "prevote" | "precommit" | "decided";
  /** The validator proposing in this round (a solo node is always its own proposer). */
  readonly proposer: { readonly publicKey: string; readonly address: string };
  /** When this node last committed a block (ms since the epoch, its own clock); null until it commits one after starting. */
  readonly lastCommitTime: number | null;
  /** Heights committed since the node started that needed more than one round: a sign of slow or missing validators. */
  readonly roundsAboveZero: number;
  /** Why consensus stopped on this node, or null while it runs. */
  readonly halted: string | null;
}

export interface StatusView {
  readonly chainId: string;
  readonly suite: SuiteId;
  readonly genesisHash: string;
  readonly height: number;
  /** Null before the first block. */
  readonly lastBlockHash: string | null;
  readonly lastBlockTime: number | null;
  readonly validatorsHash: string;
  readonly validators: readonly ValidatorView[];
  readonly mempool: { readonly txs: number; readonly bytes: number };
  readonly consensus: string;
  /** Null when consensus halted while starting (absent from nodes older than this field). */
  readonly consensusState?: ConsensusStateView | null;
  /** The modules the node runs, sorted (absent from nodes older than this field). */
  readonly modules?: readonly string[];
  /** Connected peers of a bft node; null on a solo node, which has no p2p network (absent from older nodes). */
  readonly peers?: { readonly count: number; readonly list: readonly PeerView[] } | null;
}

export interface TxView {
  readonly chainId: string;
  readonly signer: string;
  readonly signerAddress: string;
  readonly nonce: number;
  readonly module: string;
  readonly type: string;
  readonly payload: JsonValue;
  readonly expiry: number;
  readonly signature: string;
}

export interface EventView {
  readonly module: string;
  readonly type: string;
  readonly attributes: { readonly [key: string]: JsonValue };
}

export interface ResultView {
  readonly status: "ok" | "failed";
  readonly code: string;
  readonly message: string;
  readonly events: readonly EventView[];
  readonly cost: number;
}

export interface PendingTransactionView {
  readonly hash: string;
  readonly status: "pending";
}

export interface CommittedTransactionView {
  readonly hash: string;
  readonly status: "committed";
  readonly height: number;
  readonly index: number;
  readonly tx: TxView;
  readonly result: ResultView;
  readonly receipt: ReceiptJson;
}

export type TransactionView = PendingTransactionView | CommittedTransactionView;

export interface BlockHeaderView {
  readonly chainId: string;
  readonly height: number;
  readonly time: number;
  readonly prevHash: string;
  readonly txCount: number;
  readonly txRoot: string;
  readonly resultsRoot: string;
  readonly appHash: string;
  readonly validatorsHash: string;
  readonly proposer: string;
}

export interface CommitView {
  readonly height: number;
  readonly round: number;
  readonly blockHash: string;
  readonly signatures: readonly { readonly validator: string; readonly signature: string }[];
}

export interface BlockView {
  readonly height: number;
  readonly hash: string;
  readonly header: BlockHeaderView;
  readonly txs: readonly string[];
  readonly commit: CommitView;
}

export interface BlockSummary {
  readonly height: number;
  readonly hash: string;
  readonly time: number;
  readonly txCount: number;
  readonly txs: readonly string[];
}

export interface AccountView {
  readonly address: string;
  /** The next nonce to use: committed transactions plus those pending in the mempool. */
  readonly nonce: number;
  readonly member: MemberView | null;
}

export interface EventNotification {
  readonly height: number;
  readonly txHash: string;
  readonly event: EventView;
}
