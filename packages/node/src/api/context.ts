import type { CryptoSuite } from "@kexin/core";
import type { ValidatorSchedule } from "../consensus/validatorSchedule.ts";
import type { Logger } from "pino";
import type { Consensus } from "../consensus/index.ts";
import type { Executor, ModuleRegistry } from "../execution/index.ts";
import type { Mempool, TxIntake } from "../mempool/index.ts";
import type { P2pNetwork } from "../p2p/index.ts";
import type { OpenService } from "../modules/index.ts";
import type { ChainStore } from "../storage/index.ts";
import type { ConsensusWatch } from "./consensusWatch.ts";
import type { NodeMetrics } from "./metrics.ts";
import type { ReceiptBuilder } from "./receiptBuilder.ts";
import type { StateProofBuilder } from "./stateProofBuilder.ts";

/** What the API reads and drives; built once in node.ts. */
export interface ApiContext {
  readonly suite: CryptoSuite;
  readonly chainId: string;
  readonly genesisHash: Uint8Array;
  /** The validator set deciding each height. */
  readonly schedule: ValidatorSchedule;
  readonly store: ChainStore;
  readonly mempool: Mempool;
  readonly intake: TxIntake;
  readonly consensus: Consensus;
  /** What consensus reports for status and metrics. */
  readonly consensusWatch: ConsensusWatch;
  readonly registry: ModuleRegistry;
  readonly executor: Executor;
  readonly metrics: NodeMetrics;
  readonly receipts: ReceiptBuilder;
  readonly stateProofs: StateProofBuilder;
  readonly logger: Logger;
  /** The chain's services with their resources open, in registry order; each adds its routes, tag and status codes. */
  readonly services: readonly OpenService[];
  /** The peer-to-peer network of a bft node; a solo node has none. */
  readonly p2p: Pick<P2pNetwork, "peers"> | undefined;
}
