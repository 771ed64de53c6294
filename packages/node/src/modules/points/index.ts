import { type ServiceFactory, defineService } from "../service.ts";
import { pointsHttpStatusByCode } from "./errors.ts";
import { pointsModule } from "./module.ts";

export { pointsModule } from "./module.ts";

/** Loyalty points as the node runs them: one module, its error statuses. */
export const createPointsService: ServiceFactory = () => defineService({ module: pointsModule, httpStatusByCode: pointsHttpStatusByCode });
