import type { Command } from "commander";
import { createKexinClient, datashare, identity } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

/** `kexin datashare access|credits`: audited reads and what they cost. */
export function registerAccessCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("access")
      .description("record an audited access to a record, or to a subject's records of a dataset, paying its price; `record read` then decrypts it")
      .option("--record <id>", "the record")
      .option("--dataset <id>", "with --subject: the dataset")
      .option("--subject <reference>", "with --dataset: the subject reference")
      .requiredOption("--purpose <text>", "what the data is used for, as the audit trail shows it"),
  ).action(async (options: SignerOptions & { record?: string; dataset?: string; subject?: string; purpose: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const byRecord = options.record !== undefined && options.dataset === undefined && options.subject === undefined;
    const bySubject = options.record === undefined && options.dataset !== undefined && options.subject !== undefined;
    if (!byRecord && !bySubject) throw badInput("access", "give --record <id>, or --dataset <id> with --subject <reference>");
    const call = byRecord
      ? datashare.access({ record: options.record ?? "", purpose: options.purpose })
      : datashare.access({ dataset: options.dataset ?? "", subject: (options.subject ?? "").toLowerCase(), purpose: options.purpose });
    const committed = await sendAndWait(context, globals, options, call, "the access");
    const accessed = committed.result.events.find((event) => event.type === "accessed")?.attributes as { records?: string[]; price?: number } | undefined;
    const records = accessed?.records ?? [];
    printResult(context, globals, { access: committed.hash, records, price: accessed?.price ?? 0, ...transactionSummary(committed) }, () =>
      formatFields([
        ["access", committed.hash],
        ["records", records.join(", ")],
        ["paid", `${accessed?.price ?? 0} credits`],
        ...committedRows(committed),
      ]),
    );
  });

  command
    .command("credits")
    .description("credit balances: of the organisations named, or of every organisation")
    .argument("[organisations...]", "organisation ids (default: all)")
    .action(async (organisations: string[], _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const ids = organisations.length > 0 ? organisations : (await identity.getOrganisations(client)).organisations.map((organisation) => organisation.id);
      const balances = await Promise.all(ids.map((organisation) => datashare.getCredits(client, { organisation })));
      const total = balances.reduce((sum, entry) => sum + entry.balance, 0);
      printResult(context, globals, { credits: balances, total }, () => `${formatTable(["ORGANISATION", "CREDITS"], balances.map((entry) => [entry.organisation, String(entry.balance)]))}\ntotal ${total}`);
    });
}
