import type { ModuleDefinition } from "../execution/index.ts";
import { createContractsService } from "./contracts/index.ts";
import { createDatashareService } from "./datashare/index.ts";
import { createEvidenceService } from "./evidence/service.ts";
import { createGovernanceService } from "./governance/index.ts";
import { createIdentityService } from "./identity/index.ts";
import { createMisbehaviourService } from "./misbehaviour/index.ts";
import { createPointsService } from "./points/index.ts";
import type { NodeService, ServiceFactory, ServiceFactoryContext } from "./service.ts";
import { createStakingService } from "./staking/index.ts";
import { createTraceService } from "./trace/index.ts";
import { createWorkflowsService } from "./workflows/index.ts";

export { type Equivocation, type NodeService, type OpenService, type ServiceFactory, type ServiceFactoryContext, type ServiceOpenContext, defineService } from "./service.ts";

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

export function createServices(context: ServiceFactoryContext, factories: readonly ServiceFactory[] = serviceFactories): NodeService[] {
  return factories.map((factory) => factory(context));
}

/** The execution modules of the chain's services, in order. */
export function chainModules(context: ServiceFactoryContext, factories: readonly ServiceFactory[] = serviceFactories): ModuleDefinition[] {
  return createServices(context, factories).map((service) => service.module);
}
