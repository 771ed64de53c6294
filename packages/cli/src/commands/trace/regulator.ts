import type { Command } from "commander";
import { trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";
import { deviceClass, tenthsOfCelsius } from "./parsers.ts";
import { type SignerOptions, committedRows, sendAndWait, transactionSummary, withSigner } from "../../signedCommand.ts";

/** What the regulator decides: the anomaly thresholds of a device class, and recalls. */
export function registerRegulatorCommands(command: Command, context: CliContext): void {
  withSigner(
    command
      .command("rule")
      .description("set the anomaly thresholds of a device class, replacing the previous ones (needs the regulator role)")
      .requiredOption("--class <class>", "device class: I, II or III", deviceClass)
      .option("--transit-time-max-s <seconds>", "longest time from shipping to receiving", wholeNumber(1, 10 * 365 * 86_400))
      .option("--temperature-min <celsius>", "lowest storage temperature, °C (one decimal)", tenthsOfCelsius)
      .option("--temperature-max <celsius>", "highest storage temperature, °C (one decimal)", tenthsOfCelsius)
      .option("--uses-between-maintenance-max <n>", "uses allowed between two repairing or inspecting steps", wholeNumber(1, 1_000_000))
      .option("--two-places-window-s <seconds>", "two sightings at different places closer than this raise an alert", wholeNumber(1, 10 * 365 * 86_400)),
  ).action(
    async (
      options: SignerOptions & { class: trace.DeviceClass; transitTimeMaxS?: number; temperatureMin?: number; temperatureMax?: number; usesBetweenMaintenanceMax?: number; twoPlacesWindowS?: number },
      sub: Command,
    ) => {
      const globals = globalOptions(sub);
      const call = trace.setRule({
        deviceClass: options.class,
        transitTimeMaxSeconds: options.transitTimeMaxS,
        temperatureMinTenthsCelsius: options.temperatureMin,
        temperatureMaxTenthsCelsius: options.temperatureMax,
        usesBetweenMaintenanceMax: options.usesBetweenMaintenanceMax,
        twoPlacesWindowSeconds: options.twoPlacesWindowS,
      });
      const committed = await sendAndWait(context, globals, options, call, `the rules of class ${call.payload.deviceClass}`);
      const { deviceClass: _class, ...thresholds } = call.payload;
      printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () =>
        formatFields([
          ["class", call.payload.deviceClass],
          ["thresholds", Object.keys(thresholds).length === 0 ? "none (no rule is checked)" : Object.entries(thresholds).map(([name, value]) => `${name}=${String(value)}`).join(" ")],
          ...committedRows(committed),
        ]),
      );
    },
  );

  withSigner(
    command
      .command("recall")
      .description("recall a product, or one lot of it (needs the regulator role)")
      .requiredOption("--gtin <gtin>", "the product's GTIN")
      .option("--lot <lot>", "only this lot (default: every lot)")
      .requiredOption("--reason <text>", "why, as lookups will show it"),
  ).action(async (options: SignerOptions & { gtin: string; lot?: string; reason: string }, sub: Command) => {
    const globals = globalOptions(sub);
    const call = trace.recall({ gtin: options.gtin, lot: options.lot, reason: options.reason });
    const what = `GTIN ${call.payload.gtin}${call.payload.lot === undefined ? " (every lot)" : ` lot ${call.payload.lot}`}`;
    const committed = await sendAndWait(context, globals, options, call, `the recall of ${what}`);
    printResult(context, globals, { ...call.payload, ...transactionSummary(committed) }, () => formatFields([["recalled", `${what}: ${call.payload.reason}`], ...committedRows(committed)]));
  });
}
