import type { Command } from "commander";
import { contracts, createKexinClient } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { openWallet } from "../../signing.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { parseContractJson } from "./jsonArgs.ts";


export function registerCallCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("call")
      .description("call a contract's method in a transaction and print its answer and events")
      .argument("<name>", "the contract's name")
      .argument("<method>", "the method")
      .argument("[args]", "the argument object as JSON, integers only", "{}")
      .option("--gas <n>", "the most gas the call may use (default: the chain's callGasMax)", wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  ).action(async (name: string, method: string, args: string, options: SignerOptions & { gas?: number }, sub: Command) => {
    const globals = globalOptions(sub);
    const parsed = parseContractJson(args, "args");
    const wallet = await openWallet(context, globals, options);
    const client = createKexinClient({ url: globals.node });
    const gasLimit = options.gas ?? (await contracts.getParameters(client)).callGasMax;
    const result = await contracts.callContract(client, wallet, { contract: name, method, args: parsed, gasLimit, timeoutMs: options.timeoutMs });
    printResult(context, globals, result, () =>
      formatFields([
        ["value", JSON.stringify(result.value)],
        ...result.events.map((event): [string, string] => ["event", `${event.type} ${JSON.stringify(event.data)}`]),
        ["committed", `in block ${result.height} by ${result.hash}`],
      ]),
    );
  });

  command
    .command("query")
    .description("run a read-only method against committed state, signing nothing")
    .argument("<name>", "the contract's name")
    .argument("<method>", "a method the contract declares readOnly")
    .argument("[args]", "the argument object as JSON, integers only", "{}")
    .action(async (name: string, method: string, args: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const parsed = parseContractJson(args, "args");
      const client = createKexinClient({ url: globals.node });
      const answer = await contracts.queryContract(client, { contract: name, method, args: parsed });
      printResult(context, globals, answer, () => JSON.stringify(answer.value, null, 2));
    });
}
