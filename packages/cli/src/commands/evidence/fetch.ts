import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { isHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, printResult } from "../../output.ts";
import { readSealKey } from "./sealed.ts";

export function registerFetchCommand(command: Command, context: CliContext): void {
  command
    .command("fetch")
    .description("download a sealed envelope from the node's blob store by its anchored hash, check it, and open it with its key")
    .argument("<hash>", "the anchored hash of the envelope (64 hex digits)")
    .option("--key <seal-key>", "the seal key (kexin-sealed-key:…) or the file holding it; without it the envelope is saved sealed")
    .option("--out <file>", "where to write the opened file (or the envelope, without --key); default evidence-<first 16 hex digits>[.sealed]")
    .option("--sealed-out <file>", "also save the envelope here, e.g. to verify the anchor offline later")
    .action(async (hash: string, options: { key?: string; out?: string; sealedOut?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      if (!isHex(hash, 32)) throw badInput("hash", `"${hash}" is not a hash of 64 hex digits`);
      const lowerHash = hash.toLowerCase();
      const client = createKexinClient({ url: globals.node });
      const envelope = await evidence.getSealed(client, { hash: lowerHash });
      const opened = options.key === undefined ? undefined : evidence.openSealedEvidence({ envelope, key: await readSealKey(options.key), expectedHash: lowerHash });
      const out = resolve(options.out ?? `evidence-${lowerHash.slice(0, 16)}${opened ? "" : ".sealed"}`);
      await writeFile(out, opened ?? envelope);
      const sealedOut = options.sealedOut === undefined ? undefined : resolve(options.sealedOut);
      if (sealedOut !== undefined) await writeFile(sealedOut, envelope);
      const summary = { hash: lowerHash, envelopeBytes: envelope.length, opened: opened !== undefined, out, bytes: (opened ?? envelope).length, ...(sealedOut ? { sealed: sealedOut } : {}) };
      printResult(context, globals, summary, () =>
        formatFields([
          ["envelope", `${lowerHash} (${envelope.length} bytes, checked against its hash)`],
          [opened ? "opened" : "saved", `${out} (${summary.bytes} bytes)`],
          ...(sealedOut ? [["sealed", sealedOut] as [string, string]] : []),
        ]),
      );
    });
}
