import type { Command } from "commander";
import type { CliContext } from "../context.ts";

/** Adds commands (or a subcommand to a group) to the program. */
export type RegisterCommands = (program: Command, context: CliContext) => void;

/** A service's commands, defined in `commands/<service>/` and listed once in `commands/services.ts`. */
export interface ServiceCommands {
  /** The node module the commands talk to, as GET /v1/status lists it. */
  readonly service: string;
  /** Adds the service's top-level commands with their subcommands. */
  readonly register: RegisterCommands;
}
