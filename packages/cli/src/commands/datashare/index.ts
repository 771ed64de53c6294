import type { ServiceCommands } from "../service.ts";
import { registerAccessCommands } from "./access.ts";
import { registerAuditCommand } from "./audit.ts";
import { registerComputeCommands } from "./compute.ts";
import { registerCredentialCommands } from "./credential.ts";
import { registerDatasetCommands } from "./dataset.ts";
import { registerGrantCommands } from "./grant.ts";
import { registerKeyCommands } from "./key.ts";
import { registerRecordCommands } from "./record.ts";

/** `kexin datashare …`: encrypted data sharing between departments. */
export const datashareCommands: ServiceCommands = {
  service: "datashare",
  register(program, context) {
    const command = program.command("datashare").description("encrypted data sharing: catalogue, records, grants, audited access, credits, e-certificates (数据共享)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerDatasetCommands, registerRecordCommands, registerGrantCommands, registerAccessCommands, registerComputeCommands, registerAuditCommand, registerKeyCommands, registerCredentialCommands]) register(command, context);
  },
};
