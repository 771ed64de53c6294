import type { Command } from "commander";
import { type SettlementPayment, settlementPaymentsMax } from "@kexin/core";
import { createKexinClient, points } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "../datashare/paging.ts";
import { sendPointsCall } from "./send.ts";

const periodNumber = wholeNumber(1, Number.MAX_SAFE_INTEGER);

function confirmationText(payment: SettlementPayment): string {
  const side = (name: string, confirmation: SettlementPayment["paid"]) => (confirmation === null ? `${name}: not yet` : `${name} at ${confirmation.height}`);
  return `${side("paid", payment.paid)}, ${side("received", payment.received)}`;
}

function paymentRows(payments: readonly (SettlementPayment & { readonly index: number })[]): string[][] {
  return payments.map((payment) => [String(payment.index), payment.payer, payment.payee, String(payment.fen), confirmationText(payment)]);
}

const paymentHeaders = ["PAYMENT", "PAYER", "PAYEE", "FEN", "CONFIRMED"];

/** `kexin points end-agreement|close-period|periods|period|statement|statement-transactions|paid|received`: ending agreements and settlement. */
export function registerSettlementCommands(command: Command, context: CliContext): void {
  withSigner(command.command("end-agreement").description("end an exchange agreement, or withdraw a proposal (an admin of either merchant); exchanges are refused from the next block").requiredOption("--id <id>", "the agreement")).action(
    async (options: SignerOptions & { id: string }, sub: Command) => {
      await sendPointsCall(context, sub, options, points.endAgreement({ id: options.id }), `ending agreement ${options.id}`, `agreement ${options.id} ended`);
    },
  );

  withSigner(command.command("close-period").description("close the current settlement period: what programs came to owe each other since the last close is netted into payments (any organisation's admin)")).action(
    async (options: SignerOptions, sub: Command) => {
      await sendPointsCall(context, sub, options, points.closePeriod(), "closing the settlement period", "settlement period closed; see `kexin points periods`");
    },
  );

  withPage(command.command("periods").description("the settlement periods, oldest first")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await points.getSettlementPeriods(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.periods.map((period) => [String(period.number), `${period.fromHeight}–${period.toHeight}`, String(period.lines), String(period.payments), String(period.paymentsFen), String(period.unsettled), period.status]);
      return `${formatTable(["PERIOD", "HEIGHTS", "LINES", "PAYMENTS", "FEN PAID", "UNSETTLED", "STATUS"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });

  command
    .command("period")
    .description("one settlement period: its lines, the merchants' positions and the payments after netting")
    .requiredOption("--number <n>", "the period", periodNumber)
    .action(async (options: { number: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const period = await points.getSettlementPeriod(createKexinClient({ url: globals.node }), { number: options.number });
      printResult(context, globals, period, () =>
        [
          formatFields([
            ["period", `${period.number}, closed at height ${period.toHeight} (after ${period.fromHeight})`],
            ["status", period.status === "settled" ? `settled at height ${period.settledAt ?? 0}` : `open, ${period.unsettled} payments unsettled`],
          ]),
          formatTable(["FROM", "TO", "FEN", "EXCHANGES", "REDEMPTIONS"], period.lines.map((line) => [`${line.from} (${line.fromMerchant})`, `${line.to} (${line.toMerchant})`, String(line.fen), String(line.exchanges), String(line.redemptions)])),
          formatTable(["MERCHANT", "OWES", "OWED", "NET"], period.positions.map((position) => [position.merchant, String(position.owesFen), String(position.owedFen), String(position.netFen)])),
          formatTable(paymentHeaders, paymentRows(period.payments.map((payment, index) => ({ index, ...payment })))),
        ].join("\n\n"),
      );
    });

  command
    .command("statement")
    .description("a merchant's statement of a period: owed and owing per partner before netting, its net, and its payments")
    .requiredOption("--period <n>", "the period", periodNumber)
    .requiredOption("--merchant <organisation>", "the merchant")
    .action(async (options: { period: number; merchant: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const statement = await points.getStatement(createKexinClient({ url: globals.node }), { period: options.period, merchant: options.merchant });
      printResult(context, globals, statement, () => {
        const rows = statement.partners.flatMap((partner) => [
          [partner.partner, String(partner.owesFen), String(partner.owedFen), ""],
          ...partner.lines.map((line) => ["", "", "", `${line.from} → ${line.to}: ${line.fen} fen (${line.exchanges} exchanges, ${line.redemptions} redemptions)`]),
        ]);
        return [
          formatFields([
            ["statement", `${statement.merchant}, period ${statement.period} (heights ${statement.fromHeight}–${statement.toHeight}), ${statement.status}`],
            ["position", `owes ${statement.owesFen} fen, is owed ${statement.owedFen} fen, net ${statement.netFen} fen`],
          ]),
          formatTable(["PARTNER", "OWES", "OWED", "LINES"], rows),
          formatTable(paymentHeaders, paymentRows(statement.payments)),
          "The transactions behind a line: kexin points statement-transactions --period <n> --from <program> --to <program>",
        ].join("\n\n");
      });
    });

  withPage(
    command
      .command("statement-transactions")
      .description("the transactions behind one line of a period: what --from came to owe --to, oldest first")
      .requiredOption("--period <n>", "the period", periodNumber)
      .requiredOption("--from <program>", "the program that owes")
      .requiredOption("--to <program>", "the program owed"),
  ).action(async (options: PageOptions & { period: number; from: string; to: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await points.getStatementTransactions(createKexinClient({ url: globals.node }), { period: options.period, from: options.from, to: options.to, start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      const rows = page.transactions.map((entry) => [String(entry.height), entry.tx, entry.kind, String(entry.fen)]);
      return `${formatTable(["HEIGHT", "TRANSACTION", "KIND", "FEN"], rows)}\n${pageFooter(page, rows.length)}`;
    });
  });

  for (const [side, description] of [
    ["paid", "confirm a settlement payment paid (an admin of its payer)"],
    ["received", "confirm a settlement payment received (an admin of its payee)"],
  ] as const) {
    withSigner(command.command(side).description(description).requiredOption("--period <n>", "the period", periodNumber).requiredOption("--payment <index>", "the payment's position in the period, from 0", wholeNumber(0, settlementPaymentsMax))).action(
      async (options: SignerOptions & { period: number; payment: number }, sub: Command) => {
        const call = points.confirmSettlement({ period: options.period, payment: options.payment, side });
        await sendPointsCall(context, sub, options, call, `confirming payment ${options.payment} of period ${options.period} ${side}`, `payment ${options.payment} of period ${options.period} confirmed ${side}`);
      },
    );
  }
}
