export { TendermintEngine, type EngineParameters, roundsAheadMax } from "./engine.ts";
export { ValidatorSet, proposerSchedule } from "./validatorSet.ts";
export { type BftOptions, defaultBftOptions, defaultTimeouts } from "./options.ts";
export type { EngineInput, EngineOutput, Step, TimeoutOptions, TimeoutStep, ValueId, VoteKind } from "./types.ts";
export {
  type CertifiedBlock,
  type ConsensusMessage,
  type MessageLimits,
  type ProposalMessage,
  type StatusMessage,
  type SyncRequestMessage,
  type SyncResponseMessage,
  type VoteMessage,
  ConsensusMessageError,
  decodeConsensusMessage,
  encodeConsensusMessage,
  proposalSigningBytes,
} from "./messages.ts";
export {
  Replica,
  type DuplicateVoteEvidence,
  type ReplicaApplication,
  type ReplicaDependencies,
  type ReplicaLogger,
  type ReplicaNetwork,
  type ReplicaSigner,
  type Scheduler,
  type SignatureCheck,
} from "./replica.ts";
export { type ConsensusWal, MemoryWal, type SignedRecord, type WalEntry } from "./wal.ts";
export { LmdbWal } from "./lmdbWal.ts";
export { BftConsensus, type BftConsensusDependencies, type ConsensusTransport, consensusTopic } from "./bftConsensus.ts";
export { ChainApplication, encodeProposedBlock } from "./chainApplication.ts";
export { createP2pTransport } from "./p2pTransport.ts";
