import type { ServiceCommands } from "../service.ts";
import { registerCountCommand } from "./count.ts";
import { registerRingCommand } from "./ring.ts";

/** `kexin toy …`: the bell tower. */
export const toyCommands: ServiceCommands = {
  service: "toy",
  register(program, context) {
    const toy = program.command("toy").description("the bell tower: ring the bell, count its rings");
    registerRingCommand(toy, context);
    registerCountCommand(toy, context);
  },
};
