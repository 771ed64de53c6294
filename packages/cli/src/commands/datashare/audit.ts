import type { Command } from "commander";
import type { AccessEntry } from "@kexin/core";
import { createKexinClient, datashare } from "@kexin/sdk";
import { passphraseHelp } from "../keys.ts";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatTable, formatTime, printResult } from "../../output.ts";
import { openWallet } from "../../signing.ts";
import { type PageOptions, pageFooter, withPage } from "./paging.ts";

type AuditOptions = PageOptions & { dataset?: string; organisation?: string; requester?: string; subject?: string; owner?: string; key?: string; passphrase?: string };

/** What the request used: the records an access read, the records a compute's model read (with the model and its answer), or the credential a verification checked and the chain's verdict. */
function usedOf(entry: AccessEntry): string {
  if (entry.kind === "access") return entry.records.join(",");
  if (entry.kind === "compute") return `${entry.records.join(",")} (compute ${entry.contract}.${entry.method}: ${entry.status})`;
  return `credential ${entry.credential} (${entry.result})`;
}

function accessTable(accesses: readonly AccessEntry[]): string {
  return formatTable(
    ["TIME", "HEIGHT", "REQUESTER", "ORGANISATION", "OWNER", "DATASET", "RECORDS / CREDENTIAL", "PURPOSE", "PRICE", "TRANSACTION"],
    accesses.map((entry) => [formatTime(entry.time), String(entry.height), entry.requester, entry.organisation, entry.owner, entry.dataset ?? "-", usedOf(entry), entry.purpose, String(entry.price), entry.tx]),
  );
}

/** `kexin datashare audit`: the audited accesses of a dataset, by an organisation, or to one subject's records. */
export function registerAuditCommand(command: Command, context: CliContext): void {
  withPage(
    command
      .command("audit")
      .description("audited accesses and credential verifications, oldest first: of a dataset, by an organisation or an account, or to a subject's records (the last signed: by the citizen's bound key, the owner or an auditor)")
      .option("--dataset <id>", "the accesses of this dataset")
      .option("--organisation <id>", "the accesses made by this organisation")
      .option("--requester <address>", "the accesses made by this account")
      .option("--subject <reference>", "with --owner and --key: the accesses to the owner's records of this subject")
      .option("--owner <organisation>", "the organisation that made the subject reference")
      .option("--key <name-or-path>", "for --subject: the key that signs the request")
      .option("--passphrase <passphrase>", passphraseHelp),
  ).action(async (options: AuditOptions, sub: Command) => {
    const globals = globalOptions(sub);
    const client = createKexinClient({ url: globals.node });
    const chosen = [options.dataset, options.organisation, options.requester, options.subject].filter((value) => value !== undefined).length;
    if (chosen !== 1) throw badInput("audit", "give one of --dataset <id>, --organisation <id>, --requester <address>, or --subject <reference> with --owner and --key");
    const paging = { start: options.start, limit: options.limit };
    let page: { readonly total: number; readonly start: number; readonly next: number | null; readonly accesses: readonly AccessEntry[] };
    if (options.subject !== undefined) {
      if (options.owner === undefined || options.key === undefined) throw badInput("audit", "--subject needs --owner <organisation> and --key <name-or-path>");
      const wallet = await openWallet(context, globals, { key: options.key, ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}) });
      page = await client.datashare.getSubjectAudit({ wallet, organisation: options.owner, subject: options.subject, ...paging });
    } else {
      const selector = options.dataset !== undefined ? { dataset: options.dataset } : options.organisation !== undefined ? { organisation: options.organisation } : { requester: (options.requester ?? "").toLowerCase() };
      page = await datashare.getAccesses(client, { ...selector, ...paging });
    }
    printResult(context, globals, page, () => (page.accesses.length === 0 ? `no accesses (${pageFooter(page, 0)})` : `${accessTable(page.accesses)}\n${pageFooter(page, page.accesses.length)}`));
  });
}
