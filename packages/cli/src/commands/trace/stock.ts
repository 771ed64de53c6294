import type { Command } from "commander";
import { createKexinClient, trace } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatTable, printResult } from "../../output.ts";

/** Stock per product and region, and the shortage against hospitals' demand. */
export function registerStockCommands(command: Command, context: CliContext): void {
  command
    .command("stock")
    .description("units in stock per product and region")
    .option("--gtin <gtin>", "only this product")
    .option("--region <code>", "only this region")
    .option("--csv", "print CSV (gtin,region,quantity)")
    .action(async (options: { gtin?: string; region?: string; csv?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.csv === true && !globals.json) {
        context.stdout.write(await trace.getStock(client, { gtin: options.gtin, region: options.region, format: "csv" }));
        return;
      }
      const stock = await trace.getStock(client, { gtin: options.gtin, region: options.region });
      printResult(context, globals, stock, () =>
        stock.stock.length === 0
          ? "no units in stock"
          : `${formatTable(["GTIN", "REGION", "QUANTITY"], stock.stock.map((row) => [row.gtin, row.region, String(row.quantity)]))}\ntotal ${stock.total}`,
      );
    });

  command
    .command("shortage")
    .description("hospitals' demand against stock per region, with suggested transfers from surplus regions")
    .option("--gtin <gtin>", "only this product")
    .option("--csv", "print CSV: gtin,region,stock,demand,balance")
    .option("--transfers", "with --csv: print the suggested transfers instead (gtin,from_region,to_region,quantity)")
    .action(async (options: { gtin?: string; csv?: boolean; transfers?: boolean }, sub: Command) => {
      const globals = globalOptions(sub);
      const client = createKexinClient({ url: globals.node });
      if (options.csv === true && !globals.json) {
        context.stdout.write(await trace.getShortage(client, { gtin: options.gtin, format: "csv", table: options.transfers === true ? "transfers" : "regions" }));
        return;
      }
      const shortage = await trace.getShortage(client, { gtin: options.gtin });
      printResult(context, globals, shortage, () => {
        if (shortage.regions.length === 0) return "no demand registered";
        const regions = formatTable(
          ["GTIN", "REGION", "STOCK", "DEMAND", "BALANCE", ""],
          shortage.regions.map((row) => [row.gtin, row.region, String(row.stock), String(row.demand), String(row.balance), row.balance < 0 ? "SHORTAGE" : ""]),
        );
        const transfers =
          shortage.transfers.length === 0
            ? "no transfers suggested"
            : `suggested transfers:\n${formatTable(["GTIN", "FROM", "TO", "QUANTITY"], shortage.transfers.map((row) => [row.gtin, row.fromRegion, row.toRegion, String(row.quantity)]))}`;
        return `${regions}\n\n${transfers}`;
      });
    });
}
