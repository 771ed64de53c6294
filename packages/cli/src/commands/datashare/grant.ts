import type { Command } from "commander";
import type { Grantee } from "@kexin/core";
import { createKexinClient, datashare } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";
import { type PageOptions, pageFooter, withPage } from "./paging.ts";

type GranteeOptions = { readonly organisation?: string; readonly member?: string };

function granteeOf(options: GranteeOptions): Grantee {
  if (options.organisation !== undefined && options.member === undefined) return { kind: "organisation", id: options.organisation };
  if (options.member !== undefined && options.organisation === undefined) return { kind: "member", id: options.member.toLowerCase() };
  throw badInput("grantee", "give either --organisation <id> or --member <address>");
}

function withGrantee(command: Command): Command {
  return command.option("--organisation <id>", "the organisation granted").option("--member <address>", "the member granted (its own grant comes before its organisation's)");
}

function granteeText(grantee: Grantee): string {
  return `${grantee.kind} ${grantee.id}`;
}

/** `kexin datashare grant|revoke|grants`: who may read a dataset. */
export function registerGrantCommands(command: Command, context: CliContext): void {
  withSigner(
    withGrantee(
      command
        .command("grant")
        .description("grant a dataset (or some of its fields) to an organisation or member, for a purpose, until a height, for a number of accesses (an admin of the owner)")
        .requiredOption("--dataset <id>", "the dataset")
        .requiredOption("--purpose <text>", "what the grantee may use it for")
        .option("--expires-at <height>", "the last height at which the grant allows an access", wholeNumber(1, Number.MAX_SAFE_INTEGER))
        .option("--expires-in <blocks>", "instead of --expires-at: this many blocks after the current height", wholeNumber(1, Number.MAX_SAFE_INTEGER))
        .requiredOption("--accesses-max <n>", "accesses allowed", wholeNumber(1, 1_000_000_000))
        .option("--fields <names>", "comma-separated top-level fields granted (default: the whole record)"),
    ),
  ).action(async (options: SignerOptions & GranteeOptions & { dataset: string; purpose: string; expiresAt?: number; expiresIn?: number; accessesMax: number; fields?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    if ((options.expiresAt === undefined) === (options.expiresIn === undefined)) throw badInput("expires", "give either --expires-at <height> or --expires-in <blocks>");
    const expiresAt = options.expiresAt ?? (await createKexinClient({ url: globals.node }).getStatus()).height + (options.expiresIn ?? 0);
    const fields = options.fields?.split(",").map((field) => field.trim());
    const call = datashare.grant({ dataset: options.dataset, grantee: granteeOf(options), purpose: options.purpose, expiresAt, accessesMax: options.accessesMax, ...(fields !== undefined ? { fields } : {}) });
    const committed = await sendAndWait(context, globals, options, call, `the grant of ${options.dataset}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["grant", `${options.dataset} to ${granteeText(call.payload.grantee)}, ${options.accessesMax} accesses until height ${expiresAt}`], ...committedRows(committed)]),
    );
  });

  withSigner(withGrantee(command.command("revoke").description("revoke a grant: accesses are refused from the next block, and no more keys are released for it").requiredOption("--dataset <id>", "the dataset"))).action(
    async (options: SignerOptions & GranteeOptions & { dataset: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const call = datashare.revoke({ dataset: options.dataset, grantee: granteeOf(options) });
      const committed = await sendAndWait(context, globals, options, call, `revoking the grant of ${options.dataset}`);
      const revokedFrom = committed.height + 1;
      printResult(context, globals, { ...call.payload, revokedFrom, ...transactionSummary(committed) }, () =>
        formatFields([["revoked", `${options.dataset} for ${granteeText(call.payload.grantee)} from height ${revokedFrom}`], ...committedRows(committed)]),
      );
    },
  );

  withPage(command.command("grants").description("a dataset's grants, revoked ones included").requiredOption("--dataset <id>", "the dataset")).action(async (options: PageOptions & { dataset: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const page = await datashare.getGrants(createKexinClient({ url: globals.node }), { dataset: options.dataset, start: options.start, limit: options.limit });
    printResult(context, globals, page, () => {
      if (page.grants.length === 0) return `no grants (${pageFooter(page, 0)})`;
      const table = formatTable(
        ["GRANTEE", "PURPOSE", "USED", "EXPIRES", "REVOKED FROM", "FIELDS"],
        page.grants.map((grant) => [granteeText(grant.grantee), grant.purpose, `${grant.accesses}/${grant.accessesMax}`, String(grant.expiresAt), grant.revokedFrom === undefined ? "" : String(grant.revokedFrom), grant.fields?.join(",") ?? "all"]),
      );
      return `${table}\n${pageFooter(page, page.grants.length)}`;
    });
  });
}
