import { access as fileAccess } from "node:fs/promises";
import type { Command } from "commander";
import { datashareSubjectReference, encodeSubjectKeyText, encryptionPublicKeyOf, exportEncryptionKeyFile, generateEncryptionKeyPair, generateSubjectKey, getSuite } from "@kexin/core";
import { createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { type SignerOptions, committedRows, sendAndWait, sendAndWaitWith, transactionSummary, withSigner } from "../../signedCommand.ts";
import { openSigningKeyAndPassphrase, readEncryptionKeyFile, readSubjectKeyFile, writeNewKeyFile } from "./keyFiles.ts";

async function exists(path: string): Promise<boolean> {
  return fileAccess(path).then(
    () => true,
    () => false,
  );
}

/** `kexin datashare key register` and `kexin datashare subject new-key|reference|bind`: the keys of encrypted records and of subjects. */
export function registerKeyCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("key")
      .description("encryption keys, to which released data keys are wrapped")
      .command("register")
      .description("create an encryption key pair beside your signing key (or reuse a key file) and register its public half on chain")
      .option("--encryption-key <file>", "the encryption key file (default: beside the signing key, <name>.encryption-key); created when absent, protected by the signing key's passphrase"),
  ).action(async (options: SignerOptions & { encryptionKey?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const status = await createKexinClient({ url: globals.node }).getStatus();
    const suite = getSuite(status.suite);
    // The signing key's passphrase protects the encryption key file too, as the two are used together.
    const { wallet, keyFile, passphrase } = await openSigningKeyAndPassphrase(context, globals, options);
    const path = options.encryptionKey ?? keyFile.replace(/\.key$/, ".encryption-key");
    const created = !(await exists(path));
    const privateKey = created ? generateEncryptionKeyPair(suite).privateKey : await readEncryptionKeyFile(path, status.suite, passphrase);
    // Written before the transaction: whatever happens next, the member keeps the private half.
    const file = created ? await writeNewKeyFile(path, exportEncryptionKeyFile(suite, privateKey, passphrase)) : path;
    const call = datashare.registerEncryptionKey({ publicKey: encryptionPublicKeyOf(suite, privateKey) });
    const committed = await sendAndWaitWith(globals, wallet, options, call, "registering the encryption key");
    printResult(context, globals, { publicKey: call.payload.publicKey, file, created, ...transactionSummary(committed) }, () =>
      formatFields([["encryption key", call.payload.publicKey], ["file", `${file}${created ? " (new; keep it: records read with this key need it)" : ""}`], ...committedRows(committed)]),
    );
  });

  const subject = command.command("subject").description("subject references: your organisation's subject key, references of ID numbers, citizens' keys for the subject audit");

  subject
    .command("new-key")
    .description("create your organisation's subject key file (keep it secret: it turns ID numbers into references)")
    .argument("<file>", "where to write it")
    .action(async (file: string, _options: unknown, sub: Command) => {
      const globals = globalOptions(sub);
      const status = await createKexinClient({ url: globals.node }).getStatus();
      const written = await writeNewKeyFile(file, encodeSubjectKeyText(status.suite, generateSubjectKey(getSuite(status.suite))));
      printResult(context, globals, { file: written, suite: status.suite }, () => formatFields([["subject key", `${written} (${status.suite})`]]));
    });

  subject
    .command("reference")
    .description("the subject reference of an ID number under your organisation's subject key (computed here; nothing is sent)")
    .requiredOption("--subject-key <file>", "your organisation's subject key file")
    .requiredOption("--id-number <number>", "the person's ID number")
    .action(async (options: { subjectKey: string; idNumber: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const status = await createKexinClient({ url: globals.node }).getStatus();
      const reference = datashareSubjectReference(getSuite(status.suite), await readSubjectKeyFile(options.subjectKey, status.suite), options.idNumber);
      printResult(context, globals, { subject: reference }, () => reference);
    });

  withSigner(
    subject
      .command("bind")
      .description("bind a citizen's signing key to a subject reference your organisation made, after checking who they are; they can then list the accesses to your records of it")
      .requiredOption("--subject <reference>", "the subject reference")
      .requiredOption("--public-key <hex>", "the citizen's signing public key (`kexin keys list --json` shows it)"),
  ).action(async (options: SignerOptions & { subject: string; publicKey: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = datashare.bindSubjectKey({ subject: options.subject, publicKey: options.publicKey });
    const committed = await sendAndWait(context, globals, options, call, "binding the subject key");
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () => formatFields([["bound", `${call.payload.publicKey} to ${call.payload.subject}`], ...committedRows(committed)]));
  });
}
