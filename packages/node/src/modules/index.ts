import { blockParameterOwner } from "../blockPipeline/blockParameters.ts";
import { ChainParameterCatalog, type ModuleDefinition } from "../execution/index.ts";
import { createContractsService } from "./contracts/index.ts";
import { createDatashareService } from "./datashare/index.ts";
import { createEvidenceService } from "./evidence/service.ts";
import { createGovernanceService } from "./governance/index.ts";
import { createIdentityService } from "./identity/index.ts";
import { createMisbehaviourService } from "./misbehaviour/index.ts";
import { createPointsService } from "./points/index.ts";
import { type NodeService, type ServiceFactory, type ServiceFactoryContext, type ValidatorScheduleSource, validatorScheduleOf } from "./service.ts";
import { createStakingService } from "./staking/index.ts";
import { createTraceService } from "./trace/index.ts";
import { createWorkflowsService } from "./workflows/index.ts";

export { type Equivocation, type NodeService, type OpenService, type ServiceFactory, type ServiceFactoryContext, type ServiceOpenContext, type ValidatorScheduleSource, type ValidatorsAtHeight, defineService, validatorScheduleOf } from "./service.ts";

/**
 * The services a chain runs, in execution order. Every node of a chain, and every replay of its
 * blocks, must run the same list in the same order: the order is part of the app hash.
 */
export const serviceFactories: readonly ServiceFactory[] = [
  createIdentityService,
  createPointsService,
  createTraceService,
  createMisbehaviourService,
  createGovernanceService,
  createEvidenceService,
  createContractsService,
  createDatashareService,
  createWorkflowsService,
  createStakingService,
];

/** What building the services takes; the catalog of their parameters is made from the services themselves. */
export type ServicesContext = Omit<ServiceFactoryContext, "parameterCatalog" | "validatorSchedule">;

export function createServices(context: ServicesContext, factories: readonly ServiceFactory[] = serviceFactories): NodeService[] {
  // Governance validates proposals against every service's parameters, declared by services built alongside it.
  const late: { catalog?: ChainParameterCatalog; schedule?: { source: ValidatorScheduleSource | undefined } } = {};
  const parameterCatalog = (): ChainParameterCatalog => {
    if (late.catalog === undefined) throw new Error("the parameter catalog is asked for before the services are built");
    return late.catalog;
  };
  const validatorSchedule = (): ValidatorScheduleSource | undefined => {
    if (late.schedule === undefined) throw new Error("the validator schedule is asked for before the services are built");
    return late.schedule.source;
  };
  const services = factories.map((factory) => factory({ ...context, parameterCatalog, validatorSchedule }));
  late.catalog = parameterCatalogOf(services.map((service) => service.module));
  late.schedule = { source: validatorScheduleOf(services) };
  return services;
}

/** The chain parameters of the block pipeline and of these modules. */
export function parameterCatalogOf(modules: readonly ModuleDefinition[]): ChainParameterCatalog {
  return new ChainParameterCatalog([blockParameterOwner, ...modules]);
}

/** The execution modules of the chain's services, in order. */
export function chainModules(context: ServicesContext, factories: readonly ServiceFactory[] = serviceFactories): ModuleDefinition[] {
  return createServices(context, factories).map((service) => service.module);
}
