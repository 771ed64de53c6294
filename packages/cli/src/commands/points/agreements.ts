import type { Command } from "commander";
import { type ExchangeRounding, exchangeRoundings } from "@kexin/core";
import { createKexinClient, points } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { pointsAmount, sendPointsCall } from "./send.ts";

type ProposeOptions = SignerOptions & {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly rate: string;
  readonly rounding: string;
  readonly feeFixed: number;
  readonly feeBasisPoints: number;
  readonly settlementFen: number;
  readonly memberDailyCap: number;
  readonly totalDailyCap: number;
  readonly validFrom: string;
  readonly validUntil: string;
};

/** A time given as an ISO 8601 date-time (with its offset) or milliseconds since the epoch. */
function blockTime(option: string, value: string): number {
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(time) || time < 0) throw badInput(option, `--${option} "${value}" is neither a date-time like 2027-01-01T00:00:00+08:00 nor milliseconds since the epoch`);
  return time;
}

/** `kexin points propose|accept|agreements|quote|exchange|obligation`: exchange between programs. */
export function registerAgreementCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("propose")
      .description("propose an exchange agreement from one program to another (an admin of either merchant; the other accepts)")
      .requiredOption("--id <id>", "the agreement's id")
      .requiredOption("--from <program>", "members give points of this program")
      .requiredOption("--to <program>", "and receive points of this one")
      .requiredOption("--rate <from:to>", "e.g. 10:1: ten points of --from make one of --to")
      .option("--rounding <rule>", exchangeRoundings.join(", "), "down")
      .option("--fee-fixed <points>", "fee per exchange, in points of --from", wholeNumber(0, Number.MAX_SAFE_INTEGER), 0)
      .option("--fee-basis-points <n>", "fee in 1/10 000 of the points given", wholeNumber(0, 10_000), 0)
      .requiredOption("--settlement-fen <fen>", "what --from owes --to per point of --to issued", wholeNumber(0, Number.MAX_SAFE_INTEGER))
      .requiredOption("--member-daily-cap <points>", "points of --from one member may give per day", pointsAmount)
      .requiredOption("--total-daily-cap <points>", "points of --from all members may give per day", pointsAmount)
      .requiredOption("--valid-from <time>", "first block time it applies to (ISO date-time or ms)")
      .requiredOption("--valid-until <time>", "first block time it no longer applies to"),
  ).action(async (options: ProposeOptions, sub: Command) => {
    const rate = /^(\d+):(\d+)$/.exec(options.rate);
    if (rate === null) throw badInput("rate", `--rate "${options.rate}" is not two whole numbers like 10:1`);
    if (!(exchangeRoundings as readonly string[]).includes(options.rounding)) throw badInput("rounding", `--rounding must be one of ${exchangeRoundings.join(", ")}`);
    const call = points.proposeAgreement({
      id: options.id,
      from: options.from,
      to: options.to,
      rate: { from: Number(rate[1]), to: Number(rate[2]) },
      rounding: options.rounding as ExchangeRounding,
      fee: { fixed: options.feeFixed, basisPoints: options.feeBasisPoints },
      settlementFenPerPoint: options.settlementFen,
      memberDailyCap: options.memberDailyCap,
      totalDailyCap: options.totalDailyCap,
      validFrom: blockTime("valid-from", options.validFrom),
      validUntil: blockTime("valid-until", options.validUntil),
    });
    await sendPointsCall(context, sub, options, call, `proposing agreement ${options.id}`, `agreement ${options.id} proposed: ${options.from} → ${options.to} at ${options.rate}`);
  });

  withSigner(command.command("accept").description("accept a proposed exchange agreement (an admin of the merchant that did not propose it)").requiredOption("--id <id>", "the agreement")).action(
    async (options: SignerOptions & { id: string }, sub: Command) => {
      await sendPointsCall(context, sub, options, points.acceptAgreement({ id: options.id }), `accepting agreement ${options.id}`, `agreement ${options.id} accepted`);
    },
  );

  withPage(command.command("agreements").description("the exchange agreements, in the order proposed")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await points.getAgreements(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.agreements.map((agreement) => [agreement.id, `${agreement.from} → ${agreement.to}`, `${agreement.rate.from}:${agreement.rate.to}`, agreement.status, `${agreement.memberDailyCap}/${agreement.totalDailyCap}`, new Date(agreement.validUntil).toISOString()]);
      return `${formatTable(["ID", "PROGRAMS", "RATE", "STATUS", "CAPS (MEMBER/TOTAL)", "VALID UNTIL"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });

  command
    .command("quote")
    .description("what an exchange would give now, and the refusal it would meet")
    .requiredOption("--agreement <id>", "the agreement")
    .requiredOption("--amount <points>", "points given", pointsAmount)
    .option("--address <address>", "the member, for its cap and balance")
    .action(async (options: { agreement: string; amount: number; address?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const quote = await points.getExchangeQuote(createKexinClient({ url: globals.node }), { agreement: options.agreement, amount: options.amount, ...(options.address !== undefined ? { address: options.address.toLowerCase() } : {}) });
      printResult(context, globals, quote, () =>
        formatFields([
          ["gives", `${quote.amount} points, fee ${quote.fee}`],
          ["receives", String(quote.received)],
          ["owed", `${quote.owedFen} fen`],
          ["caps left today", `${quote.memberRemainingToday ?? "-"} for the member, ${quote.totalRemainingToday} in total`],
          ["refusal", quote.refusal === null ? "none" : `${quote.refusal.code}: ${quote.refusal.message}`],
        ]),
      );
    });

  withSigner(command.command("exchange").description("exchange points under an agreement").requiredOption("--agreement <id>", "the agreement").requiredOption("--amount <points>", "points given, fee included", pointsAmount)).action(
    async (options: SignerOptions & { agreement: string; amount: number }, sub: Command) => {
      await sendPointsCall(context, sub, options, points.exchange({ agreement: options.agreement, amount: options.amount }), `exchanging under ${options.agreement}`, `${options.amount} points exchanged under ${options.agreement}`);
    },
  );

  command
    .command("obligation")
    .description("what one program owes another from exchanges and redemptions, now or at a height")
    .requiredOption("--from <program>", "the program that owes")
    .requiredOption("--to <program>", "the program owed")
    .option("--height <height>", "the block height to read it at", wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .action(async (options: { from: string; to: string; height?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const owed = await points.getObligation(createKexinClient({ url: globals.node }), { from: options.from, to: options.to, ...(options.height !== undefined ? { height: options.height } : {}) });
      printResult(context, globals, owed, () =>
        formatFields([
          ["owed", `${owed.fen} fen by ${owed.from} to ${owed.to} at height ${owed.height}`],
          ["from", `${owed.exchanges} exchanges and ${owed.redemptions} redemptions: ${owed.pointsGiven} points given for ${owed.pointsReceived}`],
        ]),
      );
    });
}
