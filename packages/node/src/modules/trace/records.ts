import type { CborValue, TransitRecord } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { traceCounters, traceKeys } from "./keys.ts";

// The records the queries answer are defined once, as schemas in @kexin/core (trace/records.ts).
export { type DeviceClass, deviceClasses } from "@kexin/core";
export type { AlertRecord, ProductRecord as Product, RecallRecord as Recall, TransitRecord as Transit } from "@kexin/core";

export interface Lot {
  readonly gtin: string;
  readonly lot: string;
  readonly productionDate?: string;
  readonly expiryDate?: string;
  readonly registeredAt: number;
}

export interface Location {
  readonly id: string;
  readonly org: string;
  readonly region: string;
  readonly name: string;
  readonly registeredAt: number;
}

export type UnitStatus = "active" | "decommissioned" | "transformed";

/**
 * The current state of one tracked object: a unit (GTIN with serial, or GTIN with lot for
 * lot-controlled items) or any other EPC such as a case or pallet SSCC.
 */
export interface UnitRecord {
  readonly key: string;
  readonly kind: "unit" | "object";
  /** The identifier as first recorded (SGTIN URI, Digital Link URI or other EPC URI). */
  readonly epc: string;
  readonly gtin?: string;
  readonly lot?: string;
  readonly serial?: string;
  readonly expiryDate?: string;
  readonly custodian: string;
  readonly createdBy: string;
  readonly status: UnitStatus;
  readonly disposition?: string;
  readonly location?: string;
  /** Region of the current location when it is registered; empty otherwise. */
  readonly region: string;
  readonly inTransit?: TransitRecord;
  readonly container?: string;
  readonly children?: readonly string[];
  readonly steps: number;
  readonly usesSinceMaintenance: number;
  readonly lastSighting?: { readonly location: string; readonly timeMs: number };
}

/** One step of a unit's history: which event, through which container, and the rules it broke. */
export interface UnitStep {
  readonly event: number;
  readonly via?: string;
  readonly alerts?: readonly string[];
}

export interface EventRecord {
  readonly seq: number;
  readonly type: string;
  readonly action?: string;
  readonly bizStep?: string;
  readonly disposition?: string;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  readonly eventTimeMs: number;
  readonly eventId?: string;
  readonly readPoint?: string;
  readonly bizLocation?: string;
  readonly region?: string;
  readonly destination?: string;
  readonly org: string;
  readonly signer: string;
  readonly txHash: string;
  readonly height: number;
  readonly blockTime: number;
  /** Position of the event in its imported document. */
  readonly documentIndex: number;
  readonly objects: number;
  /** Set when the event declares an earlier one in error; such an event changes no object's state. */
  readonly errorDeclaration?: { readonly declarationTime: string; readonly reason?: string; readonly correctiveEventIDs?: readonly string[] };
  /** The normalised EPCIS 2.0 event as JSON text: EPCIS allows decimals, which canonical CBOR state does not. */
  readonly epcis: string;
}

/** Drops undefined fields (state is canonical CBOR, which has no undefined). */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item)) as T;
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = withoutUndefined(item);
  return result as T;
}

export function putRecord(state: StateWrite, key: string, value: object): void {
  state.set(key, withoutUndefined(value) as unknown as CborValue);
}

export function getRecord<T>(state: StateRead, key: string): T | undefined {
  return state.get(key) as T | undefined;
}

export function readCounter(state: StateRead, name: string): number {
  return (state.get(traceKeys.count(name)) as number | undefined) ?? 0;
}

/** Returns the counter's value before the increment, i.e. the next free position. */
export function takeCounter(state: StateWrite, name: string): number {
  const value = readCounter(state, name);
  state.set(traceKeys.count(name), value + 1);
  return value;
}

export { traceCounters };
