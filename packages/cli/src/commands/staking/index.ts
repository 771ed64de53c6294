import type { ServiceCommands } from "../service.ts";
import { registerStakingQueryCommands } from "./queries.ts";
import { registerStakingTransactionCommands } from "./transactions.ts";

/** `kexin stake …`: validator election by stake. */
export const stakingCommands: ServiceCommands = {
  service: "staking",
  register(program, context) {
    const command = program.command("stake").alias("staking").description("validator election by stake: candidates, delegation, unbonding, epochs (权益选举)");
    for (const register of [registerStakingTransactionCommands, registerStakingQueryCommands]) register(command, context);
  },
};
