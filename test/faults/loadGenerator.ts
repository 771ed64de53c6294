import { type AliceSigner, getJson, submit } from "../support/testnet.ts";
import type { Load } from "./scenario.ts";

/**
 * Keeps submitting batches of alice's points issues to the first node that answers, until
 * stopped. Each batch starts at the nonce the node expects next, so transactions lost from a
 * killed node's mempool leave no gap; requests to a dead or paused node fail and are skipped.
 */
export class LoadGenerator {
  accepted = 0;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly load: Load,
    private readonly signer: AliceSigner,
    /** The nodes that may take transactions now, in order of preference. */
    private readonly targets: () => readonly { readonly url: string }[],
  ) {
    this.loop = this.run();
  }

  /** Resolves once the batch in flight (bounded by the request timeout) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const target = this.targets()[0];
      if (target !== undefined) {
        try {
          const nonce = (await getJson(`${target.url}/v1/accounts/${this.signer.address}`)).nonce as number;
          // A halted or overloaded node answers with an error instead of a count.
          const accepted = await submit(target.url, this.signer.issues(nonce, this.load.batchSize));
          if (Number.isSafeInteger(accepted)) this.accepted += accepted;
        } catch {
          // The node died or stopped answering mid-request: the next batch goes to whichever answers.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, this.load.intervalMs));
    }
  }
}
