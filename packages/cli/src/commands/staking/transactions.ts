import type { Command } from "commander";
import { type TxCall, staking } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

const stakeAmount = wholeNumber(1, Number.MAX_SAFE_INTEGER);

async function sendStakingCall(context: CliContext, sub: Command, options: SignerOptions, call: TxCall, what: string): Promise<void> {
  const globals = globalOptions(sub);
  const committed = await sendAndWait(context, globals, options, call, what);
  printResult(context, globals, { ...(call.payload as object), ...transactionSummary(committed) }, () => formatFields([["done", what], ...committedRows(committed)]));
}

/** The staking transactions: stand as a candidate, delegate, unbond, withdraw. */
export function registerStakingTransactionCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("candidate")
      .description("offer a node key your organisation registered as a validator candidate, bonding at least the chain's minimum self-stake")
      .requiredOption("--public-key <hex>", "the node's public key")
      .requiredOption("--self-stake <amount>", "stake to bond", stakeAmount),
  ).action(async (options: SignerOptions & { publicKey: string; selfStake: number }, sub: Command) => {
    const call = staking.registerCandidate({ publicKey: options.publicKey.toLowerCase(), selfStake: options.selfStake });
    await sendStakingCall(context, sub, options, call, `candidate ${call.payload.publicKey} with self-stake ${call.payload.selfStake}`);
  });

  withSigner(
    command.command("delegate").description("bond stake you hold to a candidate").requiredOption("--candidate <hex>", "the candidate's public key").requiredOption("--amount <amount>", "stake to bond", stakeAmount),
  ).action(async (options: SignerOptions & { candidate: string; amount: number }, sub: Command) => {
    const call = staking.delegate({ candidate: options.candidate.toLowerCase(), amount: options.amount });
    await sendStakingCall(context, sub, options, call, `${call.payload.amount} delegated to ${call.payload.candidate}`);
  });

  withSigner(
    command
      .command("unbond")
      .description("start returning stake bonded to a candidate; withdraw it after the chain's unbonding epochs")
      .requiredOption("--candidate <hex>", "the candidate's public key")
      .requiredOption("--amount <amount>", "stake to unbond", stakeAmount),
  ).action(async (options: SignerOptions & { candidate: string; amount: number }, sub: Command) => {
    const call = staking.unbond({ candidate: options.candidate.toLowerCase(), amount: options.amount });
    await sendStakingCall(context, sub, options, call, `${call.payload.amount} unbonding from ${call.payload.candidate}`);
  });

  withSigner(command.command("withdraw").description("return every unbonding whose release epoch has come to your balance")).action(async (options: SignerOptions, sub: Command) => {
    await sendStakingCall(context, sub, options, staking.withdraw(), "due unbondings withdrawn");
  });
}
