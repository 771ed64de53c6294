import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { isHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, formatTime, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

export function registerCertificateCommand(command: Command, context: CliContext): void {
  command
    .command("certificate")
    .description("save a PDF certificate (存证证书) of an anchor, in Chinese and English, with a QR code of the console's verify page")
    .argument("<hash>", "the content hash (64 hex digits)")
    .option("--out <file.pdf>", "where to save it (default: evidence-certificate-<first 16 hex digits of the hash>.pdf)")
    .option("--base-url <url>", "where people reach the console, for the QR code (default: --node)")
    .option("--index <n>", "which anchoring of the hash (default 0, the first-seen one)", wholeNumber(0, 999), 0)
    .action(async (hash: string, options: { out?: string; baseUrl?: string; index: number }, sub: Command) => {
      const globals = globalOptions(sub);
      if (!isHex(hash, 32)) throw badInput("hash", `"${hash}" is not a hash of 64 hex digits`);
      const client = createKexinClient({ url: globals.node });
      const proof = await evidence.getEvidenceProof(client, { hash, index: options.index });
      // Loaded here, not at the top: pdfkit and the font are needed by this command only.
      const { renderEvidenceCertificate } = await import("@kexin/node/certificate");
      // The certificate is drawn here, from the proof, which the renderer checks before drawing anything.
      const certificate = await renderEvidenceCertificate({ proof, baseUrl: options.baseUrl ?? globals.node });
      const suffix = options.index === 0 ? "" : `-${options.index}`;
      const path = resolve(options.out ?? `evidence-certificate-${hash.toLowerCase().slice(0, 16)}${suffix}.pdf`);
      await writeFile(path, certificate.pdf);
      const { facts } = certificate;
      const summary = { hash: facts.hash, index: options.index, file: path, bytes: certificate.pdf.length, verifyUrl: certificate.verifyUrl, height: facts.height, time: facts.time, chainId: facts.chainId };
      printResult(context, globals, summary, () =>
        formatFields([
          ["certificate", `${path} (${certificate.pdf.length} bytes)`],
          ["hash", facts.hash],
          ["anchored", `in block ${facts.height} of ${facts.chainId} at ${formatTime(facts.time)}`],
          ["QR code", certificate.verifyUrl],
        ]),
      );
    });
}
