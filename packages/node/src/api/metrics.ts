import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The node's Prometheus metrics; names end in their unit. */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly blockHeight = new Gauge({ name: "kexin_block_height", help: "Height of the newest committed block", registers: [this.registry] });
  readonly txsCommitted = new Counter({ name: "kexin_txs_committed_total", help: "Transactions committed", registers: [this.registry] });
  readonly txsFailed = new Counter({ name: "kexin_txs_failed_total", help: "Committed transactions whose execution failed", registers: [this.registry] });
  readonly txsRejected = new Counter({ name: "kexin_txs_rejected_total", help: "Transactions refused at admission, by code", labelNames: ["code"], registers: [this.registry] });
  readonly mempoolTxs = new Gauge({ name: "kexin_mempool_txs", help: "Transactions waiting in the mempool", registers: [this.registry] });
  readonly mempoolBytes = new Gauge({ name: "kexin_mempool_bytes", help: "Bytes of transactions waiting in the mempool", registers: [this.registry] });
  readonly blockTxs = new Histogram({
    name: "kexin_block_txs",
    help: "Transactions per committed block",
    buckets: [1, 10, 50, 100, 250, 500, 1000, 2000, 5000],
    registers: [this.registry],
  });
  readonly websocketClients = new Gauge({ name: "kexin_websocket_clients", help: "Open WebSocket subscriptions", registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "kexin_process_" });
  }
}
