import type { Command } from "commander";
import { trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { deviceClass } from "./parsers.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

/** Registering a product, a lot of it, and the locations its units pass. */
export function registerRegisterCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("register")
      .description("register a device model (needs the manufacturer role; your organisation becomes its manufacturer)")
      .requiredOption("--gtin <gtin>", "GTIN-8, -12, -13 or -14 with its check digit")
      .requiredOption("--name <name>", "the model's name")
      .requiredOption("--class <class>", "device class: I, II or III", deviceClass)
      .requiredOption("--registration <number>", "registration certificate number (注册证编号)"),
  ).action(async (options: SignerOptions & { gtin: string; name: string; class: trace.DeviceClass; registration: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerProduct({ gtin: options.gtin, name: options.name, deviceClass: options.class, registrationNumber: options.registration });
    const committed = await sendAndWait(context, globals, options, call, `registering GTIN ${call.payload.gtin}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["product", `${call.payload.name} (GTIN ${call.payload.gtin}, class ${call.payload.deviceClass}) registered`], ...committedRows(committed)]),
    );
  });

  withSigner(
    command
      .command("lot")
      .description("record a lot of one of your products with its dates")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .requiredOption("--lot <lot>", "the lot number (GS1 AI 10)")
      .option("--production-date <YYYY-MM-DD>", "production date")
      .option("--expiry-date <YYYY-MM-DD>", "expiry date; lookups flag the lot's units EXPIRED after it"),
  ).action(async (options: SignerOptions & { gtin: string; lot: string; productionDate?: string; expiryDate?: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerLot({ gtin: options.gtin, lot: options.lot, productionDate: options.productionDate, expiryDate: options.expiryDate });
    const committed = await sendAndWait(context, globals, options, call, `registering lot ${call.payload.lot}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["lot", `${call.payload.lot} of GTIN ${call.payload.gtin} registered${call.payload.expiryDate === undefined ? "" : `, expires ${call.payload.expiryDate}`}`], ...committedRows(committed)]),
    );
  });

  withSigner(
    command
      .command("location")
      .description("map an EPCIS location or party (urn:epc:id:sgln:…) to your organisation and a region (needs an admin key of --org)")
      .requiredOption("--id <uri>", "the location or party URI")
      .requiredOption("--org <org>", "the organisation it belongs to")
      .requiredOption("--region <code>", "region code such as CN-31; stock is counted per region")
      .requiredOption("--name <name>", "a name for people"),
  ).action(async (options: SignerOptions & { id: string; org: string; region: string; name: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.registerLocation({ id: options.id, org: options.org, region: options.region, name: options.name });
    const committed = await sendAndWait(context, globals, options, call, `registering location ${call.payload.id}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
      formatFields([["location", `${call.payload.id} (${call.payload.name}) of "${call.payload.org}" in ${call.payload.region}`], ...committedRows(committed)]),
    );
  });
}
