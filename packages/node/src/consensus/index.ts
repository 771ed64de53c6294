export type { BlockListener, Clock, CommittedBlock, Consensus, RoundState, Scheduler } from "./interface.ts";
export { haltReason, systemClock, timerScheduler } from "./interface.ts";
export { SoloConsensus, type SoloDependencies } from "./solo/solo.ts";
export { type SoloOptions, defaultSoloOptions } from "./solo/options.ts";
export * from "./bft/index.ts";
