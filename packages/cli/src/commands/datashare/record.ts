import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { readJson } from "../../files.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWaitWith, transactionSummary, withSigner } from "../../signedCommand.ts";
import { openWallet } from "../../signing.ts";
import { openSigningKeyAndPassphrase, readEncryptionKeyFile } from "./keyFiles.ts";
import { type PageOptions, pageFooter, withPage } from "./paging.ts";
import { type SubjectOptions, subjectOf, withSubjectOptions } from "./subjectOptions.ts";

/** A record is a small JSON document; the bound keeps a mistaken path from filling memory. */
const recordFileBytesMax = 16 * 1024 * 1024;

/** `kexin datashare record publish|list|read`: encrypted records. */
export function registerRecordCommands(command: Command, context: CliContext): void {
  const record = command.command("record").description("encrypted records: publish, list, read (decrypted here)");

  withSigner(
    withSubjectOptions(record.command("publish"))
      .description("check a JSON record against its dataset's schema, seal it here, store the ciphertext and data key on your node and publish it (a member of the owner)")
      .argument("<file>", "the record, a JSON file")
      .requiredOption("--dataset <id>", "the dataset")
      .requiredOption("--id <id>", "the record's id, unique on the chain"),
  ).action(async (file: string, options: SignerOptions & SubjectOptions & { dataset: string; id: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const client = createKexinClient({ url: globals.node });
    const status = await client.getStatus();
    const subject = await subjectOf(options, status.suite);
    const value = await readJson(resolve(file), recordFileBytesMax, "record");
    const wallet = await openWallet(context, globals, options);
    const shared = await client.datashare.shareRecord({ wallet, dataset: options.dataset, id: options.id, record: value, subject });
    const committed = await sendAndWaitWith(globals, wallet, options, shared.call, `publishing record ${options.id}`);
    printResult(context, globals, { ...shared.call.payload, ...transactionSummary(committed) }, () =>
      formatFields([
        ["record", `${options.id} in ${options.dataset}, ${shared.size} bytes sealed`],
        ["ciphertext", shared.hash],
        ["subject", subject],
        ...committedRows(committed),
      ]),
    );
  });

  withPage(record.command("list").description("a dataset's records, in the order published").requiredOption("--dataset <id>", "the dataset")).action(async (options: PageOptions & { dataset: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await datashare.getRecords(createKexinClient({ url: globals.node }), { dataset: options.dataset, start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      if (page.records.length === 0) return `no records (${pageFooter(page, 0)})`;
      const table = formatTable(
        ["ID", "HEIGHT", "SIZE", "SUBJECT", "PUBLISHER"],
        page.records.map((entry) => [entry.id, String(entry.publishedAt), String(entry.size), entry.subject, entry.publisher]),
      );
      return `${table}\n${pageFooter(page, page.records.length)}`;
    });
  });

  withSigner(
    record
      .command("read")
      .description("read a record: send an access (or name a committed one), obtain its data key wrapped to your encryption key, decrypt here")
      .argument("<id>", "the record's id")
      .requiredOption("--encryption-key <file>", "your encryption key file (from `kexin datashare key register`; opened with --passphrase, as the signing key)")
      .option("--access <hash>", "a committed access transaction of yours that read the record")
      .option("--purpose <text>", "without --access: the purpose of the access sent first")
      .option("--out <file>", "write the record there instead of printing it"),
  ).action(async (id: string, options: SignerOptions & { encryptionKey: string; access?: string; purpose?: string; out?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    if ((options.access === undefined) === (options.purpose === undefined)) throw badInput("access", "give either --access <hash> of a committed access, or --purpose <text> to send one now");
    const client = createKexinClient({ url: globals.node });
    const status = await client.getStatus();
    const { wallet, passphrase } = await openSigningKeyAndPassphrase(context, globals, options);
    const encryptionPrivateKey = await readEncryptionKeyFile(options.encryptionKey, status.suite, passphrase);
    const access = options.access ?? (await sendAndWaitWith(globals, wallet, options, datashare.access({ record: id, purpose: options.purpose ?? "" }), `the access to record ${id}`)).hash;
    const read = await client.datashare.readRecord({ wallet, encryptionPrivateKey, access, record: id });
    if (options.out !== undefined) await writeFile(resolve(options.out), `${JSON.stringify(read.value, null, 2)}\n`, { mode: 0o600 });
    const granted = { fields: read.fields, ...(read.grantedFields !== undefined ? { grantedFields: read.grantedFields } : {}), withheldFields: read.withheldFields };
    const shown = { record: read.record, hash: read.hash, access, ...granted, ...(options.out === undefined ? { value: read.value } : { out: resolve(options.out) }) };
    // Under a grant of named fields, say which fields were granted and which the record has that were not.
    const grantLines: [string, string][] =
      read.grantedFields === undefined ? [] : [["granted fields", read.grantedFields.join(", ")], ["withheld fields", read.withheldFields.join(", ") || "none"]];
    printResult(context, globals, shown, () =>
      options.out === undefined
        ? [JSON.stringify(read.value, null, 2), ...(grantLines.length > 0 ? [formatFields(grantLines)] : [])].join("\n")
        : formatFields([["record", `${read.record} decrypted to ${resolve(options.out ?? "")}`], ["access", access], ...grantLines]),
    );
  });
}
