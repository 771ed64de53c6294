import { type Command, Option } from "commander";
import { type SuiteId, suiteIds } from "@kexin/core";
import { createWallet, exportKeyFile } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../context.ts";
import { keysDirectory, listKeys, publicInfoOf, requireKeyName, saveKey } from "../keyStore.ts";
import { formatFields, formatTable, printResult } from "../output.ts";
import { resolvePassphrase } from "../passphrase.ts";

interface KeysNewOptions {
  readonly suite: SuiteId;
  readonly passphrase?: string;
}

export const passphraseHelp = "passphrase (else KEXIN_PASSPHRASE, else a prompt); a flag is visible in the process list";

export function registerKeysCommands(program: Command, context: CliContext): void {
  const keys = program.command("keys").description("create and list signing keys kept in <home>/keys");

  keys
    .command("new")
    .description("create an encrypted key file <home>/keys/<name>.key")
    .argument("<name>", "name of the key, e.g. alice")
    .addOption(new Option("--suite <suite>", "crypto suite of the chain").choices(suiteIds).default("intl"))
    .option("--passphrase <passphrase>", passphraseHelp)
    .action(async (name: string, options: KeysNewOptions, command: Command) => {
      const globals = globalOptions(command);
      requireKeyName(name);
      const passphrase = await resolvePassphrase(context, { flag: options.passphrase, label: `passphrase for the new key "${name}"`, confirm: true });
      const wallet = createWallet(options.suite);
      const info = publicInfoOf(name, wallet);
      const keyFile = await saveKey(globals.home, name, await exportKeyFile(wallet, passphrase), info);
      printResult(context, globals, { ...info, keyFile }, () =>
        [
          `created key "${name}"`,
          formatFields(
            [
              ["suite", info.suite],
              ["address", info.address],
              ["file", keyFile],
            ],
            "  ",
          ),
          "Keep the passphrase safe: the key cannot be opened without it.",
        ].join("\n"),
      );
    });

  keys
    .command("list")
    .description("list keys with their suites and addresses")
    .action(async (_options: unknown, command: Command) => {
      const globals = globalOptions(command);
      const listing = await listKeys(globals.home);
      const keysJson = listing.map(({ name, keyFile, info }) => ({
        name,
        suite: info?.suite ?? null,
        address: info?.address ?? null,
        publicKey: info?.publicKey ?? null,
        keyFile,
      }));
      printResult(context, globals, { keys: keysJson }, () => {
        if (listing.length === 0) return `no keys in ${keysDirectory(globals.home)} yet; create one with "kexin keys new <name>"`;
        return formatTable(
          ["NAME", "SUITE", "ADDRESS"],
          keysJson.map((key) => [key.name, key.suite ?? "?", key.address ?? "(unknown: no .pub.json beside the key)"]),
        );
      });
    });
}
