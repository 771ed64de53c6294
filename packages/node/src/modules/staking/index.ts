import { stakingGenesisSectionSchema, stakingModuleName } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { type Genesis, genesisValidators } from "../../genesis.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { stakingEndBlock } from "./endBlock.ts";
import { stakingHttpStatusByCode } from "./errors.ts";
import { writeStakingGenesis } from "./genesis.ts";
import { stakingQueries } from "./queries.ts";
import { electedValidatorsAt } from "./schedule.ts";
import { stakingElectsValidators } from "./settings.ts";
import { stakingTxTypes } from "./transactions.ts";

export { StakingError, type StakingErrorType } from "./errors.ts";
export { electedValidatorsMin, electValidators, rankCandidates } from "./election.ts";
export { expectedProposer } from "./endBlock.ts";
export { electedValidatorsAt } from "./schedule.ts";
export { writeStakingGenesis } from "./genesis.ts";
export { epochOf, readStakingSettings, stakingElectsValidators } from "./settings.ts";

export function createStakingModule(genesis: Genesis, publicKeyBytes: number): ModuleDefinition {
  const validators = genesisValidators(genesis);
  return {
    name: stakingModuleName,
    description: "Validators elected by stake every epoch: candidates, delegation, unbonding, jailing for missed turns.",
    txTypes: stakingTxTypes(publicKeyBytes),
    queries: stakingQueries(validators),
    endBlock: (context) => stakingEndBlock(context, validators),
  };
}

/** DPoS election as the node runs it; a chain without an enabled sections.staking never writes here. */
export const createStakingService: ServiceFactory = ({ genesis, suite }) =>
  defineService({
    module: createStakingModule(genesis, suite.publicKeyBytes),
    genesis: { sectionSchema: stakingGenesisSectionSchema, write: writeStakingGenesis },
    httpStatusByCode: stakingHttpStatusByCode,
    // While staking elects validators, governance cannot schedule sets, so one namespace holds them all.
    ...(stakingElectsValidators(genesis) ? { validatorSchedule: { fallback: false, validatorsAt: (readModule, validators, height) => electedValidatorsAt(readModule(stakingModuleName), validators, height) } } : {}),
  });
