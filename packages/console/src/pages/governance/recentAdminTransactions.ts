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

/** The block's last `countMax` transactions, newest first. */
async function readBlockTransactions(height: number, countMax: number, signal: AbortSignal): Promise<CommittedTransactionView[]> {
  const block = await client.getBlock({ height, signal });
  const answers = await Promise.all(block.txs.slice(-countMax).map((hash) => client.getTransaction({ hash, signal })));
  // Newest first within the block too, so the whole list reads newest first.
  return answers.filter((answer): answer is CommittedTransactionView => answer.status === "committed").reverse();
}

/** Walks committed blocks from the newest down, within the bounds above, collecting proposals and registrations. */
export async function readRecentAdminTransactions(signal: AbortSignal): Promise<RecentAdminTransactions> {
  const found = { proposalIds: [] as string[], accounts: [] as RegisteredAccount[], nodeKeys: [] as RegisteredNodeKey[] };
  // The newest page comes first and fixes the head, so a block committed during the walk is neither read nor skipped twice.
  let page = (await client.getBlocks({ limit: blocksPageSize, signal })).blocks;
  const toHeight = page[0]?.height ?? 0;
  const lowest = Math.max(1, toHeight - recentBlocksMax + 1);
  let fromHeight = toHeight;
  let transactionsRead = 0;
  while (page.length > 0 && transactionsRead < recentTransactionsMax) {
    for (const block of page) {
      if (block.height < lowest || transactionsRead >= recentTransactionsMax) break;
      fromHeight = block.height;
      if (block.header.txCount === 0) continue;
      const transactions = await readBlockTransactions(block.height, recentTransactionsMax - transactionsRead, signal);
      transactionsRead += transactions.length;
      for (const committed of transactions) collect(committed, found);
    }
    const before = page[page.length - 1]?.height ?? 1;
    if (before <= lowest) break;
    page = (await client.getBlocks({ before, limit: Math.min(blocksPageSize, before - lowest), signal })).blocks;
  }
  return { fromHeight, toHeight, ...found };
}
