import type { ServiceCommands } from "../service.ts";
import { registerProposalCommands } from "./proposals.ts";
import { registerReadCommands } from "./read.ts";

/** `kexin gov …`: validator and chain parameter changes approved by the organisations. */
export const governanceCommands: ServiceCommands = {
  service: "governance",
  register(program, context) {
    const command = program.command("gov").alias("governance").description("governance: propose, approve and veto validator and chain parameter changes (治理)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerProposalCommands, registerReadCommands]) register(command, context);
  },
};
