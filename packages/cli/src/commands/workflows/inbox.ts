import type { Command } from "commander";
import { type CredentialDocument, type TrustedWorkflowSigner, getSuite, verifyWorkflowDecision } from "@kexin/core";
import { createKexinClient, workflows } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { readJson } from "../../files.ts";
import { formatFields, formatTable, formatTime, printResult } from "../../output.ts";
import { readCredentialFile, writeJsonFile } from "../datashare/credentialFiles.ts";
import { type PageOptions, withPage } from "../datashare/paging.ts";

/** A list of trusted departments is far below this. */
const trustFileBytesMax = 1024 * 1024;

/** `[{ "organisation": "<org>", "publicKeys": ["z…"] }, …]` */
async function readTrustedSignersFile(path: string): Promise<TrustedWorkflowSigner[]> {
  const value = await readJson(path, trustFileBytesMax, "trust");
  const wellFormed = (entry: unknown): boolean => {
    const signer = entry as Partial<TrustedWorkflowSigner> | null;
    return typeof signer?.organisation === "string" && Array.isArray(signer.publicKeys) && signer.publicKeys.every((key) => typeof key === "string");
  };
  if (!Array.isArray(value) || !value.every(wellFormed)) throw badInput("trust", `${path} must hold [{ "organisation", "publicKeys": ["z…"] }, …]`);
  return value as TrustedWorkflowSigner[];
}

/** `kexin workflow inbox|credential|verify`: what awaits a department, the recorded credentials, offline verification. */
export function registerInboxCommands(command: Command, context: CliContext): void {
  withPage(command.command("inbox").description("what awaits an organisation's signature: steps to attest and decisions to issue").argument("<organisation>", "the organisation")).action(
    async (organisation: string, options: PageOptions, sub: Command) => {
      const globals = globalOptions(sub);
      const page = await workflows.getInbox(createKexinClient({ url: globals.node }), { organisation, start: options.start, limit: options.limit });
      printResult(context, globals, page, () => {
        const rows = page.entries.map((entry) => [entry.application, entry.template, entry.step ?? "(decision)", entry.role, entry.deadline === null ? "" : formatTime(entry.deadline)]);
        const footer = page.next === null ? `${rows.length} shown` : `${rows.length} shown; next page: --start ${page.next}`;
        return `${formatTable(["APPLICATION", "TEMPLATE", "STEP", "ROLE", "DEADLINE"], rows)}\n${footer}`;
      });
    },
  );

  command
    .command("credential")
    .description("write an application's decision credential, or a step's attestation credential, as the chain recorded it")
    .argument("<application>", "the application")
    .option("--step <id>", "a step (default: the decision)")
    .requiredOption("--out <file>", "where to write it")
    .action(async (application: string, options: { step?: string; out: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const { hash, credential } = await workflows.getWorkflowCredential(createKexinClient({ url: globals.node }), { application, ...(options.step !== undefined ? { step: options.step } : {}) });
      const path = await writeJsonFile(options.out, credential);
      printResult(context, globals, { application, step: options.step ?? null, hash, file: path }, () => formatFields([["hash", hash], ["written to", path]]));
    });

  command
    .command("verify")
    .description("verify a decision credential offline, as a whole: its proof, every attestation's proof and department, the template and its rule; exit status 1 when it fails")
    .argument("<decision.json>", "the decision credential")
    .requiredOption("--trust <signers.json>", 'the trusted departments: [{ "organisation", "publicKeys": ["z…"] }]')
    .option("--suite <suite>", "the chain's suite, intl or gm", "intl")
    .option("--template-hash <hash>", "the template hash expected (kexin workflow template show)")
    .action(async (file: string, options: { trust: string; suite: string; templateHash?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      if (options.suite !== "intl" && options.suite !== "gm") throw badInput("suite", "the suite is intl or gm");
      const decision: CredentialDocument = await readCredentialFile(file);
      const verification = verifyWorkflowDecision(getSuite(options.suite), { decision, trustedSigners: await readTrustedSignersFile(options.trust), ...(options.templateHash !== undefined ? { templateHash: options.templateHash } : {}) });
      printResult(context, globals, verification, () =>
        verification.verified
          ? formatFields([
              ["valid", `application ${verification.application} approved by "${verification.organisation}" under template ${verification.template.id}`],
              ...verification.attestations.map((attestation): [string, string] => [`step ${attestation.step}`, `${attestation.outcome} by "${attestation.organisation}"${attestation.reason === "" ? "" : `: ${attestation.reason}`}`]),
            ])
          : formatFields([["invalid", `${verification.check} check failed: ${verification.message} (${verification.code})`]]),
      );
      if (!verification.verified) context.exitCode = 1;
    });
}
