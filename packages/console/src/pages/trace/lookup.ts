import { TraceError, type Udi, formatUdi, gs1KeyFormOf, parseGs1Key, parseUdi } from "@kexin/core";
import type { trace } from "@kexin/sdk";

/** What the lookup box holds, checked in the browser before anything is asked of the node. */
export type CheckedCode =
  | { readonly kind: "empty" }
  /** Not a UDI in any form; `reason` is the parser's, naming the position or field. */
  | { readonly kind: "invalid"; readonly reason: string }
  /** A GTIN alone names a model; a unit needs its serial (21) or lot (10). */
  | { readonly kind: "model"; readonly label: string }
  /** A UDI of a unit, another GS1 key (a case's SSCC, an asset's GRAI, …), or an EPC URI the node resolves. */
  | { readonly kind: "code"; readonly code: string; readonly scanned: Udi | undefined; readonly label: string };

/**
 * Accepts what a person pastes or a scanner sends: the human-readable `(01)…(21)…`, the element
 * string with GS separators (optionally behind a symbology identifier such as `]d2`), a GS1
 * Digital Link URL, or an EPC URI (`urn:epc:id:sgtin:…`) as EPCIS documents write it; and the
 * other GS1 keys EPCIS names objects with (SSCC, GRAI, GIAI, SGLN, …) as an EPC URI, a Digital Link
 * or the element string `(00)…` that the node shows, checked here down to the check digit.
 */
export function checkCode(input: string): CheckedCode {
  const text = input.trim();
  if (text.length === 0) return { kind: "empty" };
  if (gs1KeyFormOf(text) !== undefined) {
    try {
      return { kind: "code", code: text, scanned: undefined, label: parseGs1Key(text).elementString };
    } catch (error) {
      if (error instanceof TraceError) return { kind: "invalid", reason: error.message };
      throw error;
    }
  }
  if (text.startsWith("urn:")) return { kind: "code", code: text, scanned: undefined, label: text };
  let udi: Udi;
  try {
    udi = parseUdi(text);
  } catch (error) {
    if (error instanceof TraceError) return { kind: "invalid", reason: error.message };
    throw error;
  }
  const label = formatUdi(udi);
  if (udi.serial === undefined && udi.lot === undefined) return { kind: "model", label };
  return { kind: "code", code: text, scanned: udi, label };
}

/** Today in the browser's time zone, as YYYY-MM-DD: expiry is judged against the day the person is holding the device. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * An EPCIS event time shown as it was recorded: the wall-clock time at the place of the event
 * with its offset (`2026-03-01 08:00 UTC+08:00`), the same for every reader whatever their own zone.
 */
export function eventTimeParts(eventTime: string, offset: string): { readonly at: Date; readonly zone: string } | undefined {
  const instant = Date.parse(eventTime);
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (Number.isNaN(instant) || match === null) return undefined;
  const minutes = (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  return { at: new Date(instant + minutes * 60_000), zone: minutes === 0 ? "UTC" : `UTC${offset}` };
}

/** A vocabulary word as people read it: `urn:kexin:bizstep:using` and `https://ref.gs1.org/cbv/BizStep-receiving` lose their prefix, underscores become spaces. */
export function plainWord(value: string): string {
  const last = value.split(/[:/]/).pop() ?? value;
  return last.replace(/^(BizStep|Disp)-/, "").replaceAll("_", " ");
}

/** The bare word of a vocabulary value, the key the console's labels use. */
export function vocabularyKey(value: string): string {
  return plainWord(value).replaceAll(" ", "_");
}

export interface Place {
  readonly name: string;
  readonly region: string;
  readonly org: string;
}

/** Readable names for what the trace module records as identifiers: organisations and registered locations. */
export interface Names {
  readonly organisations: ReadonlyMap<string, string>;
  readonly places: ReadonlyMap<string, Place>;
}

export function organisationName(names: Names, id: string): string {
  return names.organisations.get(id) ?? id;
}

export type Severity = "recalled" | "expired" | "counterfeit";

/** What the lookup found that a person must act on, in the order they matter. */
export interface UnitVerdict {
  readonly serious: readonly Severity[];
  /** Less urgent states shown beside the serious ones. */
  readonly states: readonly ("decommissioned" | "transformed" | "in_transit")[];
  /** Steps at which the anomaly rules saw the same unit in two places at once: a copied code. */
  readonly seenInTwoPlaces: readonly number[];
}

/**
 * Counterfeit suspicion has three sources in the trace module's answer: a code never recorded
 * (`unknown`), a label whose lot or expiry differs from the record (`identity_mismatch`), and the
 * `seen_in_two_places` rule firing on one of its steps.
 */
export function verdictOf(view: trace.HistoryView): UnitVerdict {
  if (!view.known) return { serious: ["counterfeit"], states: [], seenInTwoPlaces: [] };
  const seenInTwoPlaces = view.steps.filter((step) => step.flags.includes("seen_in_two_places")).map((step) => step.step);
  const serious: Severity[] = [];
  if (view.flags.includes("recalled")) serious.push("recalled");
  if (view.flags.includes("expired")) serious.push("expired");
  if (view.flags.includes("identity_mismatch") || seenInTwoPlaces.length > 0) serious.push("counterfeit");
  const states = (["decommissioned", "transformed", "in_transit"] as const).filter((flag) => view.flags.includes(flag));
  return { serious, states, seenInTwoPlaces };
}
