import { type Command, Option } from "commander";
import { type CredentialStatusPurpose, type CredentialVerification, credentialStatusPurposes } from "@kexin/core";
import { type CommittedTransactionView, type KexinClient, type TxCall, type Wallet, createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, withSigner } from "../../signedCommand.ts";
import { openWallet, transactionFailure } from "../../signing.ts";
import { passphraseHelp } from "../keys.ts";
import { readCredentialFile, readStatusListFile, readTrustedIssuersFile, writeJsonFile } from "./credentialFiles.ts";
import { type SubjectOptions, optionalSubjectOf, withSubjectOptions } from "./subjectOptions.ts";

/** Sends with a wallet already open (its key was needed before the call existed), so the passphrase is asked once. */
async function sendWith(client: KexinClient, wallet: Wallet, call: TxCall, timeoutMs: number): Promise<CommittedTransactionView> {
  const sent = await client.buildAndSend(wallet, call);
  const committed = await client.waitForCommit({ hash: sent.hash, timeoutMs });
  if (committed.result.status !== "ok") throw transactionFailure(committed);
  return committed;
}

interface IssueOptions extends SignerOptions, SubjectOptions {
  readonly out: string;
  readonly created?: string;
  readonly dataset?: string;
}

function registerIssue(credential: Command, context: CliContext): void {
  withSigner(
    withSubjectOptions(
      credential
        .command("issue")
        .description("issue a credential: add its status entries, sign its proof, record its id and hash on chain, write the signed credential")
        .argument("<unsigned.json>", "the credential without proof; it names its id (a URI) and issuer")
        .requiredOption("--out <file>", "where to write the signed credential for its holder")
        .option("--created <dateTime>", "the proof's created time (e.g. 2026-12-07T10:00:00Z)")
        .option("--dataset <id>", "a dataset of yours the credential certifies a record of: its verifications join the dataset's access list"),
    ),
  ).action(async (file: string, options: IssueOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const unsigned = await readCredentialFile(file);
    const client = createKexinClient({ url: globals.node });
    // Optional: with a subject, the credential's verifications show in that person's audit list.
    const subject = await optionalSubjectOf(options, (await client.getStatus()).suite);
    const wallet = await openWallet(context, globals, options);
    const named = { ...(subject !== undefined ? { subject } : {}), ...(options.dataset !== undefined ? { dataset: options.dataset } : {}), ...(options.created !== undefined ? { created: options.created } : {}) };
    const issued = await client.datashare.issueCredential({ wallet, credential: unsigned, ...named });
    const committed = await sendWith(client, wallet, issued.call, options.timeoutMs);
    const path = await writeJsonFile(options.out, issued.credential);
    const summary = { id: unsigned.id, hash: issued.hash, statusIndex: issued.statusIndex, file: path, txHash: committed.hash, height: committed.height };
    printResult(context, globals, summary, () => formatFields([["credential", String(unsigned.id)], ["hash", issued.hash], ["status index", String(issued.statusIndex)], ["written to", path], ...committedRows(committed)]));
  });
}

interface VerifyOptions {
  readonly trust: string;
  readonly statusList?: string;
  readonly suspensionList?: string;
  readonly at?: string;
  readonly purpose?: string;
  readonly key?: string;
  readonly passphrase?: string;
  readonly timeoutMs: number;
}

function verificationRows(verification: CredentialVerification): [string, string][] {
  if (verification.verified) return [["valid", `issued by ${verification.issuer.id} ("${verification.issuer.organisation}"), status index ${verification.statusIndex}, neither revoked nor suspended`]];
  return [["invalid", `${verification.check} check failed: ${verification.message} (${verification.code})`]];
}

function registerVerify(credential: Command, context: CliContext): void {
  credential
    .command("verify")
    .description("verify a credential against the issuers you trust: proof, validity and status (the node's record, or a status-list snapshot); with --purpose, record the check on chain")
    .argument("<credential.json>", "the signed credential")
    .requiredOption("--trust <issuers.json>", 'the trusted issuers: [{ "id", "organisation", "publicKeys": ["z…"] }]')
    .option("--status-list <snapshot.json>", "judge revocation by this snapshot (kexin datashare credential status-list) instead of the node's record")
    .option("--suspension-list <snapshot.json>", "with --status-list: judge suspension by this snapshot (status-list --purpose suspension)")
    .option("--at <dateTime>", "judge validFrom and validUntil at this time (default: now)")
    .option("--purpose <text>", "record this verification on chain for this purpose (needs --key)")
    .option("--key <name-or-path>", "with --purpose: the verifying department's member key")
    .option("--passphrase <passphrase>", passphraseHelp)
    .option("--timeout-ms <ms>", "how long to wait for the record to be committed", wholeNumber(1, 86_400_000), 30_000)
    .action(async (file: string, options: VerifyOptions, sub: Command) => {
      const globals = globalOptions(sub);
      if ((options.purpose === undefined) !== (options.key === undefined)) throw badInput("purpose", "--purpose and --key go together: recording a verification is signed by the verifying department");
      if (options.purpose !== undefined && options.statusList !== undefined) throw badInput("status-list", "a recorded verification checks the node's record, not a snapshot");
      if (options.suspensionList !== undefined && options.statusList === undefined) throw badInput("suspension-list", "--suspension-list goes with --status-list, the revocation snapshot");
      const at = options.at === undefined ? undefined : new Date(options.at);
      if (at !== undefined && Number.isNaN(at.getTime())) throw badInput("at", `--at ${options.at} is not a date and time`);
      const [credential, trustedIssuers] = [await readCredentialFile(file), await readTrustedIssuersFile(options.trust)];
      const statusList = options.statusList === undefined ? undefined : await readStatusListFile(options.statusList);
      const suspensionList = options.suspensionList === undefined ? undefined : await readStatusListFile(options.suspensionList);
      const client = createKexinClient({ url: globals.node });
      const common = { credential, trustedIssuers, ...(at !== undefined ? { at } : {}) };
      let verification: CredentialVerification;
      let recorded: { txHash: string; height: number; result: unknown } | undefined;
      if (options.purpose !== undefined) {
        const wallet = await openWallet(context, globals, { key: options.key as string, ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) });
        const presented = await client.datashare.presentCredential({ ...common, wallet, purpose: options.purpose });
        verification = presented.verification;
        const committed = await sendWith(client, wallet, presented.call, options.timeoutMs);
        recorded = { txHash: committed.hash, height: committed.height, result: committed.result.events.find((event) => event.type === "credential_verified")?.attributes.result };
      } else {
        verification = await client.datashare.verifyCredential({ ...common, ...(statusList !== undefined ? { statusList } : {}), ...(suspensionList !== undefined ? { suspensionList } : {}) });
      }
      const summary = { ...verification, ...(recorded !== undefined ? { recorded } : {}) };
      printResult(context, globals, summary, () => formatFields([...verificationRows(verification), ...(recorded !== undefined ? [["recorded", `in block ${recorded.height} by ${recorded.txHash}, chain verdict ${String(recorded.result)}`] as [string, string]] : [])]));
      if (!verification.verified) context.exitCode = 1;
    });
}

/** The status changes an issuer makes: revoke (final), suspend and reinstate. */
const statusChanges = [
  { name: "revoke", done: "revoked", description: "revoke a credential your organisation issued, for good: its bit in the organisation's revocation list is set", reason: true, call: datashare.revokeCredential },
  { name: "suspend", done: "suspended", description: "suspend a credential your organisation issued until you reinstate it: its bit in the organisation's suspension list is set", reason: true, call: datashare.suspendCredential },
  { name: "reinstate", done: "reinstated", description: "lift the suspension of a credential your organisation issued: its bit in the suspension list is cleared", reason: false, call: datashare.reinstateCredential },
] as const;

function registerStatusChanges(credential: Command, context: CliContext): void {
  for (const change of statusChanges) {
    const command = credential.command(change.name).description(change.description).argument("<id>", "the credential's id");
    if (change.reason) command.option("--reason <text>", "why, as the chain records it");
    withSigner(command).action(async (id: string, options: SignerOptions & { readonly reason?: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const call = change.call({ id, ...(options.reason !== undefined ? { reason: options.reason } : {}) });
      const committed = await sendAndWait(context, globals, options, call, `${change.name} credential ${id}`);
      printResult(context, globals, { id, [change.done]: true, txHash: committed.hash, height: committed.height }, () => formatFields([[change.done, id], ...committedRows(committed)]));
    });
  }
}

function registerStatusList(credential: Command, context: CliContext): void {
  credential
    .command("status-list")
    .description("fetch an issuer's revocation (or suspension) list, to verify its credentials later without a node")
    .argument("<issuer>", "the issuing organisation's id")
    .requiredOption("--out <file>", "where to write the snapshot")
    .addOption(new Option("--purpose <purpose>", "which list").choices([...credentialStatusPurposes]).default("revocation"))
    .action(async (issuer: string, options: { readonly out: string; readonly purpose: CredentialStatusPurpose }, sub: Command) => {
      const globals = globalOptions(sub);
      const snapshot = await createKexinClient({ url: globals.node }).datashare.getCredentialStatusList({ issuer, purpose: options.purpose });
      const path = await writeJsonFile(options.out, snapshot);
      printResult(context, globals, { issuer, purpose: snapshot.statusPurpose, height: snapshot.height, file: path }, () =>
        formatFields([["status list", `${snapshot.statusPurpose} list of "${issuer}" at height ${snapshot.height}`], ["written to", path]]),
      );
    });
}

/** `kexin datashare credential issue|verify|revoke|suspend|reinstate|status-list`, added to the datashare command group. */
export function registerCredentialCommands(datashareCommand: Command, context: CliContext): void {
  const credential = datashareCommand.command("credential").description("electronic certificates (电子证照) as verifiable credentials: issue, verify, revoke, suspend, reinstate");
  for (const register of [registerIssue, registerVerify, registerStatusChanges, registerStatusList]) register(credential, context);
}
