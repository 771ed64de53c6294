export { VoteType, voteSigningBytes } from "@kexin/core";
export {
  type BftOptions,
  type CertifiedBlock,
  type ReplicaApplication,
  type ConsensusMessage,
  type Equivocation,
  type EngineParameters,
  MemoryWal,
  Replica,
  TendermintEngine,
  ValidatorSet,
  defaultBftOptions,
  proposalSigningBytes,
} from "../packages/node/src/consensus/index.ts";
