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
  readonly consensusHeight = new Gauge({ name: "kexin_consensus_height", help: "Height consensus is deciding (one above the last committed block)", registers: [this.registry] });
  readonly consensusRound = new Gauge({ name: "kexin_consensus_round", help: "Round consensus is in at the height being decided", registers: [this.registry] });
  readonly consensusStep = new Gauge({ name: "kexin_consensus_step", help: "1 for the step consensus is in, 0 for the others", labelNames: ["step"], registers: [this.registry] });
  readonly consensusProposer = new Gauge({ name: "kexin_consensus_proposer_info", help: "1 for the validator (public key) proposing in the current round", labelNames: ["public_key"], registers: [this.registry] });
  readonly lastCommitTime = new Gauge({ name: "kexin_consensus_last_commit_timestamp_seconds", help: "Wall-clock time this node last committed a block (Unix seconds)", registers: [this.registry] });
  readonly roundsAboveZero = new Counter({ name: "kexin_consensus_rounds_above_zero_total", help: "Heights committed by this node that were decided in a round above 0", registers: [this.registry] });
  readonly halts = new Counter({ name: "kexin_consensus_halts_total", help: "Times consensus stopped on broken state or storage", registers: [this.registry] });
  readonly peers = new Gauge({ name: "kexin_p2p_peers", help: "Connected p2p peers (0 on solo, which has no network)", registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "kexin_process_" });
  }
}
