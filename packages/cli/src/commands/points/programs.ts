import type { Command } from "commander";
import { pointsDayDate } from "@kexin/core";
import { createKexinClient, points } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { accountOrProgram, pointsAmount, sendPointsCall } from "./send.ts";

type AmountOptions = SignerOptions & { readonly program: string; readonly amount: number };

/** `kexin points program|programs|issue|transfer|burn|balances|totals|history`: programs and members' points. */
export function registerProgramCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("program")
      .description("register a points program of your organisation (needs an admin key)")
      .requiredOption("--id <id>", "the program's id, e.g. air.miles")
      .requiredOption("--name-zh <name>", "its name in Chinese")
      .requiredOption("--name-en <name>", "its name in English")
      .requiredOption("--face-value-fen <fen>", "what one point is worth, in fen", pointsAmount)
      .option("--expiry-days <days>", "points expire this many days after the day they were issued (UTC+8); without it they never expire", wholeNumber(1, 3_660))
      .option("--not-transferable", "members may not give the points to each other"),
  ).action(async (options: SignerOptions & { id: string; nameZh: string; nameEn: string; faceValueFen: number; expiryDays?: number; notTransferable?: boolean }, sub: Command) => {
    const expiry = options.expiryDays === undefined ? ({ kind: "none" } as const) : ({ kind: "days", days: options.expiryDays } as const);
    const call = points.registerProgram({ id: options.id, name: { zh: options.nameZh, en: options.nameEn }, faceValueFen: options.faceValueFen, expiry, transferable: options.notTransferable !== true });
    await sendPointsCall(context, sub, options, call, `registering program ${options.id}`, `program ${options.id} registered`);
  });

  withPage(command.command("programs").description("the programs, in the order registered")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await points.getPrograms(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.programs.map((program) => [program.id, program.merchant, String(program.faceValueFen), program.expiry.kind === "days" ? `${program.expiry.days} days` : "never", program.transferable ? "yes" : "no", `${program.name.zh} / ${program.name.en}`]);
      return `${formatTable(["ID", "MERCHANT", "FEN/POINT", "EXPIRY", "TRANSFERABLE", "NAME"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });

  const amountCommand = (name: string, description: string) =>
    withSigner(command.command(name).description(description).requiredOption("--program <id>", "the program").requiredOption("--amount <points>", "points", pointsAmount));
  amountCommand("issue", "issue points of a program to an account (an admin, or a member with the merchant role, of its merchant)")
    .requiredOption("--to <address>", "the account")
    .action(async (options: AmountOptions & { to: string }, sub: Command) => {
      const call = points.programIssue({ program: options.program, to: options.to.toLowerCase(), amount: options.amount });
      await sendPointsCall(context, sub, options, call, `issuing ${options.program}`, `${options.amount} ${options.program} points issued to ${options.to}`);
    });
  amountCommand("transfer", "give points of a transferable program to another account; your oldest points go first")
    .requiredOption("--to <address>", "the account")
    .action(async (options: AmountOptions & { to: string }, sub: Command) => {
      const call = points.programTransfer({ program: options.program, to: options.to.toLowerCase(), amount: options.amount });
      await sendPointsCall(context, sub, options, call, `transferring ${options.program}`, `${options.amount} ${options.program} points sent to ${options.to}`);
    });
  amountCommand("burn", "give up points of a program (spent with the merchant); your oldest points go first").action(async (options: AmountOptions, sub: Command) => {
    await sendPointsCall(context, sub, options, points.programBurn({ program: options.program, amount: options.amount }), `burning ${options.program}`, `${options.amount} ${options.program} points burnt`);
  });

  withPage(command.command("balances").description("an account's balance and lots of every program it held").requiredOption("--address <address>", "the account")).action(
    async (options: PageOptions & { address: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const page = await points.getMemberBalances(createKexinClient({ url: globals.node }), { address: options.address.toLowerCase(), start: options.start, limit: options.limit });
      printResult(context, globals, page, () => {
        const rows = page.balances.map((entry) => [entry.program, String(entry.balance), entry.lots.map((lot) => `${lot.amount} until ${lot.expiresOn === null ? "never" : pointsDayDate(lot.expiresOn - 1)}`).join(", ")]);
        return `${formatTable(["PROGRAM", "BALANCE", "LOTS"], rows)}\n${pageFooter(page, rows.length)} (as of block time ${new Date(page.asOf.time).toISOString()})`;
      });
    },
  );

  command
    .command("totals")
    .description("a program's points issued, burnt, expired and outstanding, and its liability")
    .requiredOption("--program <id>", "the program")
    .option("--height <height>", "as the program's last change at or below this block height left them", wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .action(async (options: { program: string; height?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const totals = await points.getProgramTotals(createKexinClient({ url: globals.node }), { program: options.program, ...(options.height !== undefined ? { height: options.height } : {}) });
      printResult(context, globals, totals, () =>
        formatFields([
          ["program", totals.program],
          ["issued", `${totals.issued} (of which exchanged in ${totals.exchangedIn})`],
          ["burnt", `${totals.burnt} (of which exchanged out ${totals.exchangedOut}, redeemed ${totals.redeemed})`],
          ["expired", String(totals.expired)],
          ["outstanding", String(totals.outstanding)],
          ["liability", `${totals.liabilityFen} fen`],
        ]),
      );
    });

  withPage(command.command("history").description("the changes of an account's points, or of a program's, oldest first").option("--address <address>", "the account").option("--program <id>", "the program")).action(
    async (options: PageOptions & { address?: string; program?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const selector = accountOrProgram(options, "history");
      const page = await points.getPointsHistory(createKexinClient({ url: globals.node }), { ...selector, start: options.start, limit: options.limit });
      printResult(context, globals, page, () => {
        const rows = page.entries.map((entry) => [String(entry.height), entry.kind, entry.program, String(entry.amount), entry.account ?? "", entry.reference ?? ""]);
        return `${formatTable(["HEIGHT", "KIND", "PROGRAM", "AMOUNT", "ACCOUNT", "REFERENCE"], rows)}\n${pageFooter(page, rows.length)}`;
      });
    },
  );
}
