import type { ModuleDefinition } from "../../execution/interface.ts";
import { type ServiceFactory, defineService } from "../service.ts";
import { importEpcis } from "./events.ts";
import { traceQueries } from "./queries.ts";
import { recall, registerLocation, registerLot, registerProduct } from "./registry.ts";
import { setRule } from "./rules.ts";
import { registerDemand } from "./stock.ts";

export { traceBizSteps } from "./custody.ts";
export { TraceModuleError, type TraceModuleErrorType } from "./errors.ts";
export { traceModuleLimits } from "./limits.ts";
export { traceRoles } from "./registry.ts";
export { alertRules, type AlertRule } from "./rules.ts";

export const traceModuleName = "trace";

/**
 * Medical-device traceability: product registry, EPCIS 2.0 lifecycle events with custody,
 * public lookup by UDI, anomaly alerts per device class, and regional stock against demand.
 */
export const traceModule: ModuleDefinition = {
  name: traceModuleName,
  description: "Medical-device traceability: products, EPCIS 2.0 events with custody, UDI lookup, anomaly alerts and regional stock.",
  txTypes: {
    register_product: registerProduct,
    register_lot: registerLot,
    register_location: registerLocation,
    import_epcis: importEpcis,
    set_rule: setRule,
    recall,
    register_demand: registerDemand,
  },
  queries: traceQueries,
};

export const createTraceService: ServiceFactory = () => defineService({ module: traceModule });
