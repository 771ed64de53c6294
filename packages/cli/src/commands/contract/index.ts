import type { ServiceCommands } from "../service.ts";
import { registerBuildCommand } from "./build.ts";
import { registerCallCommands } from "./call.ts";
import { registerEventsCommand } from "./events.ts";
import { registerNewCommand } from "./new.ts";
import { registerProposeCommands } from "./propose.ts";
import { registerReadCommands } from "./read.ts";

/** `kexin contract …`: TypeScript contracts approved by the consortium. */
export const contractCommands: ServiceCommands = {
  service: "contracts",
  register(program, context) {
    const contract = program
      .command("contract")
      .alias("contracts")
      .description("contracts: write and build them, propose and approve them across organisations, call and query them (合约)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerNewCommand, registerBuildCommand, registerProposeCommands, registerReadCommands, registerCallCommands, registerEventsCommand]) {
      register(contract, context);
    }
  },
};
