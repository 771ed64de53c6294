import type { ServiceCommands } from "../service.ts";
import { registerApplicationCommands } from "./applications.ts";
import { registerInboxCommands } from "./inbox.ts";
import { registerTemplateCommands } from "./templates.ts";

/** `kexin workflow …`: cross-department workflows, their templates, applications, attestations and decisions. */
export const workflowCommands: ServiceCommands = {
  service: "workflows",
  register(program, context) {
    const command = program.command("workflow").alias("workflows").description("cross-department workflows: templates, applications attested step by step, decisions that verify offline (跨部门协同)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerTemplateCommands, registerApplicationCommands, registerInboxCommands]) register(command, context);
  },
};
