import { contractCommands } from "./contract/index.ts";
import { datashareCommands } from "./datashare/index.ts";
import { evidenceCommands } from "./evidence/index.ts";
import { governanceCommands } from "./governance/index.ts";
import { pointsCommands } from "./points/index.ts";
import type { ServiceCommands } from "./service.ts";
import { traceCommands } from "./trace/index.ts";
import { workflowCommands } from "./workflows/index.ts";

/** Every service's commands, in the order `kexin --help` lists them. A new service adds its line here. */
export const serviceCommands: readonly ServiceCommands[] = [
  evidenceCommands,
  traceCommands,
  contractCommands,
  datashareCommands,
  pointsCommands,
  workflowCommands,
  governanceCommands,
];
