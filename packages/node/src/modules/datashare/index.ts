import { datashareGenesisSectionSchema } from "@kexin/core";
import { type ServiceFactory, defineService } from "../service.ts";
import { writeDatashareGenesis } from "./credits.ts";
import { datashareHttpStatusByCode } from "./errors.ts";
import { createDatashareModule } from "./module.ts";

export { createDatashareModule } from "./module.ts";

/** Data sharing as the node runs it: its module and its genesis section of opening credits. */
export const createDatashareService: ServiceFactory = ({ suite }) =>
  defineService({
    module: createDatashareModule(suite),
    genesis: { sectionSchema: datashareGenesisSectionSchema, write: (context, genesis) => writeDatashareGenesis(context, genesis) },
    httpStatusByCode: datashareHttpStatusByCode,
  });
