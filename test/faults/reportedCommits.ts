import WebSocket from "ws";

const subscribeTimeoutMs = 10_000;

/**
 * What the nodes told clients was committed: every block pushed on their WebSockets, whichever
 * node pushed it. A node's socket dies with it; `watch` is called again after each start.
 */
export class ReportedCommits {
  /** Every transaction in an announced block, by hash, with the height it was announced at. */
  readonly transactions = new Map<string, number>();
  /** Block hashes announced at each height (more than one would be a fork seen live). */
  readonly blocks = new Map<number, Set<string>>();
  private readonly sockets = new Set<WebSocket>();

  get highest(): number {
    return Math.max(0, ...this.blocks.keys());
  }

  /** Subscribes to `url`'s new blocks; resolves once the node confirmed the subscription. */
  async watch(url: string): Promise<void> {
    const socket = new WebSocket(`${url.replace("http", "ws")}/v1/ws`);
    this.sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => this.sockets.delete(socket));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`${url} confirmed no WebSocket subscription within ${subscribeTimeoutMs} ms`));
      }, subscribeTimeoutMs);
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { type: string; block?: { height: number; hash: string; txs: string[] } };
        if (message.type === "subscribed") {
          clearTimeout(timer);
          resolve();
        } else if (message.type === "block" && message.block) this.record(message.block);
      });
      socket.once("open", () => socket.send(JSON.stringify({ subscribe: "blocks" })));
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
  }

  private record(block: { height: number; hash: string; txs: string[] }): void {
    for (const hash of block.txs) this.transactions.set(hash, block.height);
    const hashes = this.blocks.get(block.height) ?? new Set<string>();
    hashes.add(block.hash);
    this.blocks.set(block.height, hashes);
  }
}
