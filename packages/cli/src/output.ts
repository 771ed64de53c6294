import { ApiError, KexinError } from "@kexin/sdk";
import type { CliContext, GlobalOptions } from "./context.ts";

export type Row = readonly [label: string, value: string];

/** Labels padded to one column so values line up. */
export function formatFields(rows: readonly Row[], indent = ""): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`.trimEnd()).join("\n");
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** With --json, the value as JSON and nothing else on stdout; otherwise the human rendering. */
export function printResult(context: CliContext, options: GlobalOptions, value: unknown, human: () => string): void {
  if (options.json) context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else context.stdout.write(`${human()}\n`);
}

export function printHuman(context: CliContext, options: GlobalOptions, text: string): void {
  if (!options.json) context.stdout.write(`${text}\n`);
}

export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function errorReport(error: unknown): ErrorReport {
  if (error instanceof ApiError) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof KexinError) {
    const { code, ...details } = error.type as { code: string } & Record<string, unknown>;
    return { code, message: error.message, ...(Object.keys(details).length > 0 ? { details: jsonSafe(details) } : {}) };
  }
  // Errors of other packages and of Node (ENOENT, EACCES) often carry a string code worth showing.
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return { code: typeof code === "string" ? code : "CLI_INTERNAL", message: error instanceof Error ? error.message : String(error) };
}

/** Error payloads may hold bigints (nonces) that JSON.stringify refuses. */
function jsonSafe(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as Record<string, unknown>;
}

/** With --json, `{ "error": { code, message } }` on stdout; otherwise `error: message (CODE)` on stderr. */
export function printError(context: CliContext, json: boolean, error: unknown): void {
  const report = errorReport(error);
  if (json) {
    context.stdout.write(`${JSON.stringify({ error: report }, null, 2)}\n`);
    return;
  }
  context.stderr.write(`error: ${report.message} (${report.code})\n`);
}

export function formatTime(milliseconds: number): string {
  return Number.isSafeInteger(milliseconds) ? new Date(milliseconds).toISOString() : String(milliseconds);
}
