import { BenchFailure } from "../errors.ts";
import type { ModeContext } from "../mode.ts";
import { log } from "../output.ts";
import { type Account, TxSigner, loadDevAdmin } from "./accounts.ts";
import { BlockFeed } from "./blocks.ts";
import { type DevNode, devOrganisation, startDevNode } from "./node.ts";
import { registerFundedSenders } from "./setup.ts";

/** Far enough ahead that no measured transaction expires, whatever the block rate. */
const expiryMarginBlocks = 100_000;
const pointsEach = 10 ** 12;
const setupTimeoutMs = 120_000;
const websocketOpenTimeoutMs = 10_000;

export interface FundedDevNode {
  readonly node: DevNode;
  readonly abortIf: () => void;
  readonly signer: TxSigner;
  readonly senders: readonly Account[];
  readonly feed: BlockFeed;
  readonly pointsEach: number;
}

/**
 * Starts a development node (solo consensus), registers and funds `--senders` merchant members
 * (not measured), runs `measure`, and stops the node whatever happens. Every solo-node mode
 * starts from a chain of the same size this way.
 */
export async function withFundedDevNode<T>({ options, cleanup, root }: ModeContext, label: string, measure: (setup: FundedDevNode) => Promise<T>): Promise<T> {
  log(`${label}: starting a development node`);
  const node = await startDevNode(cleanup, { root, verbose: options.verbose });
  try {
    const abortIf = (): void => node.process.assertRunning();
    const status = await node.api.status();
    if (status.consensus !== "solo") throw new BenchFailure(`the dev node runs "${status.consensus}" consensus, expected "solo"`);
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
  } catch (error) {
    // A dead node shows up first as a reset connection; name the real cause.
    await node.process.assertRunningAfter(1_000);
    throw error;
  } finally {
    await node.process.stop();
  }
}
