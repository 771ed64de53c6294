import { readFile, stat } from "node:fs/promises";
import type { CommittedTransactionView } from "@kexin/sdk";
import { CliError, badInput, systemErrorCode } from "../../errors.ts";

/** An EPCIS file for `trace import`: a million events of half a kilobyte stay below this. */
export const importFileBytesMax = 1024 * 1024 * 1024;

export async function readEpcisFile(path: string, bytesMax: number): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > bytesMax) throw badInput("file", `${path} is larger than ${bytesMax} bytes`);
    return await readFile(path, "utf8");
  } catch (error) {
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new CliError({ code: "CLI_FILE_NOT_FOUND", path }, `no file at ${path}`);
    if (code === "EISDIR") throw badInput("file", `${path} is a directory, not a file`);
    throw error;
  }
}

/** What an import transaction recorded, from its `epcis_imported` and `alert` events. */
export interface ImportOutcome {
  readonly hash: string;
  readonly height: number;
  readonly events: number;
  readonly objects: number;
  readonly alerts: number;
  readonly announcedAlerts: readonly Readonly<Record<string, unknown>>[];
}

export function importOutcome(view: CommittedTransactionView): ImportOutcome {
  const summary = view.result.events.find((event) => event.module === "trace" && event.type === "epcis_imported")?.attributes ?? {};
  const count = (name: string): number => (typeof summary[name] === "number" ? (summary[name] as number) : 0);
  return {
    hash: view.hash,
    height: view.height,
    events: count("events"),
    objects: count("objects"),
    alerts: count("alerts"),
    announcedAlerts: view.result.events.filter((event) => event.module === "trace" && event.type === "alert").map((event) => event.attributes),
  };
}

export function alertLine(alert: Readonly<Record<string, unknown>>): string {
  return `ALERT ${String(alert.rule)}: GTIN ${String(alert.gtin)}, ${String(alert.unitCount)} unit(s), event ${String(alert.event)} at ${String(alert.eventTime)}`;
}
