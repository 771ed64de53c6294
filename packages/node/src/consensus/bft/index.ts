export { TendermintEngine, type EngineParameters, roundsAheadMax } from "./engine.ts";
export { ValidatorSet, proposerSchedule } from "./validatorSet.ts";
export { type BftOptions, defaultBftOptions, defaultTimeouts } from "./options.ts";
export type { EngineInput, EngineOutput, Step, TimeoutOptions, TimeoutStep, ValueId, VoteKind } from "./types.ts";
export {
  type CertifiedBlock,
  type CompactProposalMessage,
  type ConsensusMessage,
  type MessageLimits,
  type ProposalMessage,
  type StatusMessage,
  type SyncRequestMessage,
  type SyncResponseMessage,
  type TxsRequestMessage,
  type TxsResponseMessage,
  type VoteMessage,
  type WireMessage,
  ConsensusMessageError,
  decodeConsensusMessage,
  encodeConsensusMessage,
  proposalSigningBytes,
  txHashBytes,
} from "./messages.ts";
export {
  Replica,
  type Equivocation,
  type ReplicaApplication,
  type ReplicaDependencies,
  type ReplicaLogger,
  type ReplicaNetwork,
  type ReplicaSigner,
  type SignatureCheck,
} from "./replica.ts";
export { type ConsensusWal, MemoryWal, type SignedRecord, type WalEntry } from "./wal.ts";
export { LmdbWal } from "./lmdbWal.ts";
export { BftConsensus, type BftConsensusDependencies, type ConsensusTransport, consensusTopic, walBlockTxKinds } from "./bftConsensus.ts";
export { ChainApplication, type CompactBlock, encodeProposedBlock } from "./chainApplication.ts";
export { type AssemblyStats, ProposalAssembler } from "./proposalAssembler.ts";
export { createP2pTransport } from "./p2pTransport.ts";
