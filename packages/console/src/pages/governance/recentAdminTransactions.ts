import type { CommittedTransactionView, JsonValue } from "@kexin/sdk";
import { client } from "../../api.ts";
import { asRecord, governanceModule } from "./governanceReads.ts";

/**
 * Bounds of the walk back through committed blocks. The node has no query listing validator
 * proposals, or an organisation's members, devices and node keys, so the page finds them in the
 * transactions that created them; the walk stops at these bounds, and the page says how far back
 * it looked.
 */
export const recentBlocksMax = 2_000;
export const recentTransactionsMax = 400;
const blocksPageSize = 100;

export interface RegisteredAccount {
  readonly org: string;
  readonly address: string;
  readonly kind: "member" | "device";
}

export interface RegisteredNodeKey {
  readonly org: string;
  readonly publicKey: string;
  readonly name: string;
  readonly height: number;
}

export interface RecentAdminTransactions {
  /** The oldest block read; 1 when the walk reached the chain's first block. */
  readonly fromHeight: number;
  readonly toHeight: number;
  /** Validator proposals, newest first. */
  readonly proposalIds: readonly string[];
  readonly accounts: readonly RegisteredAccount[];
  readonly nodeKeys: readonly RegisteredNodeKey[];
}

const identityModule = "identity";

function field(payload: JsonValue, name: string): string | undefined {
  const value = asRecord(payload)?.[name];
  return typeof value === "string" ? value : undefined;
}

/** Sorts one successful transaction into what it registered or proposed. */
function collect(committed: CommittedTransactionView, found: { proposalIds: string[]; accounts: RegisteredAccount[]; nodeKeys: RegisteredNodeKey[] }): void {
  if (committed.result.status !== "ok") return;
  const { module, type, payload } = committed.tx;
  const org = field(payload, "org");
  if (module === governanceModule && type === "propose_validators") {
    const id = field(payload, "id");
    if (id !== undefined) found.proposalIds.push(id);
  } else if (module === identityModule && (type === "register_member" || type === "register_device")) {
    const address = field(payload, "address");
    if (org !== undefined && address !== undefined) found.accounts.push({ org, address, kind: type === "register_member" ? "member" : "device" });
  } else if (module === identityModule && type === "register_node") {
    const publicKey = field(payload, "publicKey");
    if (org !== undefined && publicKey !== undefined) found.nodeKeys.push({ org, publicKey, name: field(payload, "name") ?? "", height: committed.height });
  }
}

async function readBlockTransactions(height: number, signal: AbortSignal): Promise<CommittedTransactionView[]> {
  const block = await client.getBlock({ height, signal });
  const answers = await Promise.all(block.txs.map((hash) => client.getTransaction({ hash, signal })));
  // Newest first within the block too, so the whole list reads newest first.
  return answers.filter((answer): answer is CommittedTransactionView => answer.status === "committed").reverse();
}

/** Walks committed blocks from `headHeight` down, within the bounds above, collecting proposals and registrations. */
export async function readRecentAdminTransactions(headHeight: number, signal: AbortSignal): Promise<RecentAdminTransactions> {
  const found = { proposalIds: [] as string[], accounts: [] as RegisteredAccount[], nodeKeys: [] as RegisteredNodeKey[] };
  const lowest = Math.max(1, headHeight - recentBlocksMax + 1);
  let before = headHeight + 1;
  let fromHeight = before;
  let transactionsRead = 0;
  while (before > lowest && transactionsRead < recentTransactionsMax) {
    const { blocks } = await client.getBlocks({ before, limit: Math.min(blocksPageSize, before - lowest), signal });
    if (blocks.length === 0) break;
    for (const block of blocks) {
      if (transactionsRead >= recentTransactionsMax) break;
      fromHeight = block.height;
      if (block.header.txCount === 0) continue;
      const transactions = await readBlockTransactions(block.height, signal);
      transactionsRead += transactions.length;
      for (const committed of transactions) collect(committed, found);
    }
    before = blocks[blocks.length - 1]?.height ?? lowest;
  }
  return { fromHeight: Math.min(fromHeight, headHeight), toHeight: headHeight, ...found };
}
