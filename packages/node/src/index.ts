export { createNode, chainModules, createServices, serviceFactories, type KexinNode, type NodeOptions } from "./node.ts";
export { initNodeHome, startNode, homeDataDir, rebuildHomeDerivedIndex, devPassphrase, HomeError, type HomeErrorType, type InitNodeHomeOptions, type InitNodeHomeResult, type StartNodeOptions, type StartedNode, type NodeConfig, type HomeAccount } from "./home.ts";
export { parseGenesis, genesisHash, type Genesis } from "./genesis.ts";
export { type ChainStore, LmdbChainStore, MemoryChainStore, DiskSpaceError, type DiskSpaceErrorType, dataDirHolder } from "./storage/index.ts";
export { stateCommitment } from "./execution/index.ts";
export { haltReason } from "./consensus/index.ts";
export { nodeLimits } from "./limits.ts";
export { initTestnet, type InitTestnetOptions, type InitTestnetResult, type TestnetNode, testnetValidatorsMax } from "./testnet.ts";
export { rebuildDerivedIndex, DerivedIndexRebuildError, type DerivedIndexRebuildErrorType, type DerivedIndexRebuild, type DerivedIndexRebuildOptions } from "./derivedIndexRebuild.ts";
