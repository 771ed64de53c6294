import type { ServiceCommands } from "../service.ts";
import { registerAddCommand } from "./add.ts";
import { registerCertificateCommand } from "./certificate.ts";
import { registerDiagnoseCommand } from "./diagnose.ts";
import { registerFetchCommand } from "./fetch.ts";
import { registerGetCommand } from "./get.ts";
import { registerListCommand } from "./list.ts";
import { registerLotteryGetCommand } from "./lotteryGet.ts";
import { registerLotteryRegisterCommand } from "./lotteryRegister.ts";
import { registerLotteryVerifyCommand } from "./lotteryVerify.ts";
import { registerStreamCommand } from "./stream.ts";
import { registerVerifyCommand } from "./verify.ts";

/** `kexin evidence …` and `kexin lottery …`: the lottery's notarised draws are part of the evidence service. */
export const evidenceCommands: ServiceCommands = {
  service: "evidence",
  register(program, context) {
    const evidence = program.command("evidence").description("anchor files, record device sessions and verify them (存证/核验)");
    // Subcommands are listed in help in the order they are registered.
    for (const register of [registerAddCommand, registerGetCommand, registerFetchCommand, registerCertificateCommand, registerVerifyCommand, registerStreamCommand, registerDiagnoseCommand, registerListCommand]) {
      register(evidence, context);
    }
    const lottery = program.command("lottery").description("notarised draws (公证摇号): register, inspect and independently verify");
    for (const register of [registerLotteryRegisterCommand, registerLotteryGetCommand, registerLotteryVerifyCommand]) register(lottery, context);
  },
};
