import type { Command } from "commander";
import { createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { readWhole } from "../../files.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "./paging.ts";

const classifications = ["public", "general", "important", "core"] as const;
const schemaBytesMax = 16 * 1024;

/** `kexin datashare dataset register|list|show`: the catalogue. */
export function registerDatasetCommands(command: Command, context: CliContext): void {
  const dataset = command.command("dataset").description("the catalogue of datasets (目录)");

  withSigner(
    dataset
      .command("register")
      .description("register a dataset owned by your organisation (needs an admin key)")
      .requiredOption("--id <id>", "the dataset's id, e.g. housing.property")
      .requiredOption("--title-zh <title>", "its title in Chinese")
      .requiredOption("--title-en <title>", "its title in English")
      .requiredOption("--schema <file>", "a JSON Schema file describing each record (an object)")
      .requiredOption("--classification <level>", classifications.join(", "))
      .requiredOption("--price <credits>", "credits another organisation pays per access", wholeNumber(0, Number.MAX_SAFE_INTEGER)),
  ).action(async (options: SignerOptions & { id: string; titleZh: string; titleEn: string; schema: string; classification: string; price: number }, sub: Command) => {
    const globals = globalOptions(sub);
    if (!(classifications as readonly string[]).includes(options.classification)) throw badInput("classification", `--classification must be one of ${classifications.join(", ")}`);
    const recordSchema = new TextDecoder().decode(await readWhole(options.schema, schemaBytesMax, "schema"));
    const call = datashare.registerDataset({
      id: options.id,
      title: { zh: options.titleZh, en: options.titleEn },
      recordSchema,
      classification: options.classification as (typeof classifications)[number],
      price: options.price,
    });
    const committed = await sendAndWait(context, globals, options, call, `registering dataset ${options.id}`);
    printResult(context, globals, { id: options.id, ...transactionSummary(committed) }, () =>
      formatFields([["dataset", `${options.id} registered, ${options.price} credits per access`], ...committedRows(committed)]),
    );
  });

  withPage(dataset.command("list").description("the catalogue, in the order registered")).action(async (options: PageOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await datashare.getDatasets(createKexinClient({ url: globals.node }), { start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      if (page.datasets.length === 0) return `no datasets (${pageFooter(page, 0)})`;
      const table = formatTable(
        ["ID", "OWNER", "CLASSIFICATION", "PRICE", "TITLE"],
        page.datasets.map((entry) => [entry.id, entry.owner, entry.classification, String(entry.price), `${entry.title.zh} / ${entry.title.en}`]),
      );
      return `${table}\n${pageFooter(page, page.datasets.length)}`;
    });
  });

  dataset
    .command("show")
    .description("one dataset: its owner, price, record schema, and how many records and grants it has")
    .argument("<id>", "the dataset's id")
    .action(async (id: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      const [found, records, grants] = await Promise.all([datashare.getDataset(client, { id }), datashare.getRecords(client, { dataset: id, limit: 1 }), datashare.getGrants(client, { dataset: id, limit: 1 })]);
      printResult(context, globals, { ...found, records: records.total, grants: grants.total }, () =>
        formatFields([
          ["dataset", found.id],
          ["title", `${found.title.zh} / ${found.title.en}`],
          ["owner", found.owner],
          ["classification", found.classification],
          ["price", `${found.price} credits per access`],
          ["registered", `at height ${found.registeredAt} by ${found.registeredBy}`],
          ["records", String(records.total)],
          ["grants", String(grants.total)],
          ["schema", found.recordSchema],
        ]),
      );
    });
}
