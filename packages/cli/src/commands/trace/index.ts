import type { ServiceCommands } from "../service.ts";
import { registerAlertsCommand } from "./alerts.ts";
import { registerDemandCommand } from "./demand.ts";
import { registerEventCommand } from "./event.ts";
import { registerHistoryCommands } from "./history.ts";
import { registerImportCommand } from "./import.ts";
import { registerRegisterCommands } from "./register.ts";
import { registerRegulatorCommands } from "./regulator.ts";
import { registerStockCommands } from "./stock.ts";

/** `kexin trace …`: medical-device traceability. */
export const traceCommands: ServiceCommands = {
  service: "trace",
  register(program, context) {
    const trace = program.command("trace").description("medical-device traceability: register products and locations, import EPCIS events, look units up (追溯)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [
      registerRegisterCommands,
      registerEventCommand,
      registerImportCommand,
      registerHistoryCommands,
      registerAlertsCommand,
      registerStockCommands,
      registerRegulatorCommands,
      registerDemandCommand,
    ]) {
      register(trace, context);
    }
  },
};
