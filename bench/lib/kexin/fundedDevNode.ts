import { BenchFailure, UsageError } from "../errors.ts";
import type { ModeContext } from "../mode.ts";
import { log } from "../output.ts";
import { type Account, TxSigner, loadDevAdmin } from "./accounts.ts";
import type { KexinApi } from "./api.ts";
import { BlockFeed } from "./blocks.ts";
import { type AttachedDevNode, type DevNode, attachDevNode, devOrganisation, startDevNode } from "./node.ts";
import { registerFundedSenders } from "./setup.ts";

/** Far enough ahead that no measured transaction expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
const pointsEach = 10 ** 12;
const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;

/** What funding needs of a node, whether the bench started it or found it running. */
interface ReachableDevNode {
  readonly api: KexinApi;
  readonly home: string;
}

export interface FundedNode<Node extends ReachableDevNode> {
  readonly node: Node;
  readonly abortIf: () => void;
  readonly signer: TxSigner;
  readonly senders: readonly Account[];
  readonly feed: BlockFeed;
  readonly pointsEach: number;
}

export type FundedDevNode = FundedNode<DevNode>;
export type FundedAttachedNode = FundedNode<AttachedDevNode>;

/**
 * Registers and funds `--senders` merchant members (not measured) on a solo node, then runs
 * `measure`. Every solo-node mode starts from a chain of the same size this way; on a node that
 * already has history the chain is larger, and only the new accounts are used.
 */
async function fundAndMeasure<Node extends ReachableDevNode, T>(
  { options, cleanup }: ModeContext,
  label: string,
  node: Node,
  abortIf: () => void,
  measure: (setup: FundedNode<Node>) => Promise<T>,
): Promise<T> {
  const status = await node.api.status();
  if (status.consensus !== "solo") throw new BenchFailure(`the dev node runs "${status.consensus}" consensus, expected "solo"`);
  if (status.suite !== options.suite) throw new UsageError(`the node's chain uses suite "${status.suite}", and the run was asked for "${options.suite}"; give --suite ${status.suite}`);
  log(`${label}: node is up`, { url: node.api.url, chainId: status.chainId, suite: status.suite, height: status.height });
  const { suite, admin } = await loadDevAdmin(node.home, status.suite);
  const signer = new TxSigner(suite, status.chainId, status.height + expiryMarginBlocks);
  const feed = await BlockFeed.open(cleanup, node.api, websocketOpenTimeoutMs);
  const senders = await registerFundedSenders(
    node.api,
    signer,
    admin,
    options.senders,
    { organisation: devOrganisation, role: "merchant", pointsEach },
    { timeoutMs: setupTimeoutMs, abortIf },
  );
  // Setup committed blocks; if none were announced, the feed is deaf and the measurement would only time out.
  if (feed.blocksSeen === 0) throw new BenchFailure("setup transactions committed but no block was announced on GET /v1/ws");
  const result = await measure({ node, abortIf, signer, senders, feed, pointsEach });
  await feed.close();
  return result;
}

/** Starts a development node (solo consensus) in a fresh home, runs `use` with it, and stops the node whatever happens. */
export async function withDevNode<T>(context: ModeContext, label: string, use: (node: DevNode, abortIf: () => void) => Promise<T>): Promise<T> {
  log(`${label}: starting a development node`);
  const node = await startDevNode(context.cleanup, { root: context.root, suite: context.options.suite, verbose: context.options.verbose });
  try {
    return await use(node, () => node.process.assertRunning());
  } catch (error) {
    // A dead node shows up first as a reset connection; name the real cause.
    await node.process.assertRunningAfter(1_000);
    throw error;
  } finally {
    await node.process.stop();
  }
}

/** A development node with funded senders: `measure` runs once they are set up. */
export function withFundedDevNode<T>(context: ModeContext, label: string, measure: (setup: FundedDevNode) => Promise<T>): Promise<T> {
  return withDevNode(context, label, (node, abortIf) => fundAndMeasure(context, label, node, abortIf, measure));
}

/**
 * The same on a development node that is already running (`--home`, `--url`), for example one a
 * console is watching. The bench owns nothing of it: the node keeps running afterwards, and the
 * senders it registered stay on its chain.
 */
export async function withFundedAttachedNode<T>(
  context: ModeContext,
  label: string,
  target: { readonly home: string; readonly url: string },
  measure: (setup: FundedAttachedNode) => Promise<T>,
): Promise<T> {
  const node = await attachDevNode(target);
  log(`${label}: using the running node at ${node.api.url} (home ${node.home}); it is left running`);
  // Nothing to watch but the API itself, whose failures already end the run.
  return fundAndMeasure(context, label, node, () => undefined, measure);
}
