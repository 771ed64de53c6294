import type { ServiceCommands } from "../service.ts";
import { registerAgreementCommands } from "./agreements.ts";
import { registerProgramCommands } from "./programs.ts";
import { registerRewardCommands } from "./rewards.ts";
import { registerSettlementCommands } from "./settlement.ts";

/** `kexin points …`: the points platform's programs, exchanges, rewards and settlement. */
export const pointsCommands: ServiceCommands = {
  service: "points",
  register(program, context) {
    const command = program.command("points").description("loyalty points: programs, lots and expiry, exchange between programs, rewards, settlement (积分)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerProgramCommands, registerAgreementCommands, registerRewardCommands, registerSettlementCommands]) register(command, context);
  },
};
