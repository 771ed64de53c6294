import { type ServiceFactory, defineService } from "../service.ts";
import { workflowsHttpStatusByCode } from "./errors.ts";
import { createWorkflowsModule } from "./module.ts";

/** Cross-department workflows as the node runs them: one module and its error statuses. */
export const createWorkflowsService: ServiceFactory = (context) => defineService({ module: createWorkflowsModule(context.suite, context.genesis.chainId), httpStatusByCode: workflowsHttpStatusByCode });
