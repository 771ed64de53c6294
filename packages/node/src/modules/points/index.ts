import { type ServiceFactory, defineService } from "../service.ts";
import { pointsHttpStatusByCode } from "./errors.ts";
import { createPointsModule } from "./module.ts";

export { createPointsModule } from "./module.ts";

/** Loyalty points as the node runs them: one module, its error statuses. */
export const createPointsService: ServiceFactory = () => defineService({ module: createPointsModule(), httpStatusByCode: pointsHttpStatusByCode });
