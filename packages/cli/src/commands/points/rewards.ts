import type { Command } from "commander";
import { createKexinClient, points } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { accountOrProgram, pointsAmount, sendPointsCall } from "./send.ts";

/** `kexin points reward|rewards|redeem|confirm|refund|redemptions`: the catalogue and redemptions. */
export function registerRewardCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("reward")
      .description("publish a reward of a program of your organisation (needs an admin key)")
      .requiredOption("--id <id>", "the reward's id")
      .requiredOption("--program <id>", "the program whose reward it is")
      .requiredOption("--title-zh <title>", "its title in Chinese")
      .requiredOption("--title-en <title>", "its title in English")
      .requiredOption("--price <points>", "its price in points", pointsAmount)
      .option("--price-program <id>", "a partner program the price is in (default: --program)")
      .option("--agreement <id>", "for a partner's price: the accepted agreement from the partner's program to --program")
      .option("--stock <n>", "how many may be redeemed (default: no limit)", pointsAmount),
  ).action(async (options: SignerOptions & { id: string; program: string; titleZh: string; titleEn: string; price: number; priceProgram?: string; agreement?: string; stock?: number }, sub: Command) => {
    const call = points.publishReward({
      id: options.id,
      program: options.program,
      title: { zh: options.titleZh, en: options.titleEn },
      price: { program: options.priceProgram ?? options.program, points: options.price },
      ...(options.agreement !== undefined ? { agreement: options.agreement } : {}),
      ...(options.stock !== undefined ? { stock: options.stock } : {}),
    });
    await sendPointsCall(context, sub, options, call, `publishing reward ${options.id}`, `reward ${options.id} published`);
  });

  withPage(command.command("rewards").description("the catalogue of rewards, in the order published")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await points.getRewards(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.rewards.map((reward) => [reward.id, reward.program, `${reward.price.points} ${reward.price.program}`, reward.stock === null ? "no limit" : String(reward.stock), `${reward.title.zh} / ${reward.title.en}`]);
      return `${formatTable(["ID", "PROGRAM", "PRICE", "STOCK", "TITLE"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });

  withSigner(command.command("redeem").description("redeem rewards: their price is burnt from your oldest points").requiredOption("--reward <id>", "the reward").option("--quantity <n>", "how many", wholeNumber(1, 1_000), 1)).action(
    async (options: SignerOptions & { reward: string; quantity: number }, sub: Command) => {
      await sendPointsCall(context, sub, options, points.redeem({ reward: options.reward, quantity: options.quantity }), `redeeming ${options.reward}`, `${options.quantity} × ${options.reward} redeemed; the merchant confirms or refunds it`);
    },
  );

  for (const [name, settle, description] of [
    ["confirm", points.confirmRedemption, "confirm a pending redemption: the reward was delivered (the reward's merchant)"],
    ["refund", points.refundRedemption, "refund a pending redemption: the same points go back to the member (the reward's merchant)"],
  ] as const) {
    withSigner(command.command(name).description(description).requiredOption("--redemption <hash>", "the redeem transaction's hash")).action(async (options: SignerOptions & { redemption: string }, sub: Command) => {
      await sendPointsCall(context, sub, options, settle({ redemption: options.redemption.toLowerCase() }), `${name} of redemption ${options.redemption}`, `redemption ${options.redemption}: ${name} done`);
    });
  }

  withPage(command.command("redemptions").description("the redemptions by an account, or of a program's rewards, oldest first").option("--address <address>", "the account").option("--program <id>", "the program")).action(
    async (options: PageOptions & { address?: string; program?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const selector = accountOrProgram(options, "redemptions");
      const page = await points.getRedemptions(createKexinClient({ url: globals.node }), { ...selector, start: options.start, limit: options.limit });
      printResult(context, globals, page, () => {
        const rows = page.redemptions.map((redemption) => [redemption.id, redemption.reward, String(redemption.quantity), `${redemption.paid.points} ${redemption.paid.program}`, redemption.status]);
        return `${formatTable(["REDEMPTION", "REWARD", "QUANTITY", "PAID", "STATUS"], rows)}\n${pageFooter(page, rows.length)}`;
      });
    },
  );
}
