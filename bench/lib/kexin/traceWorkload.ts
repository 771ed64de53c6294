import { createHash } from "node:crypto";
import { epcisContextUri, formatSgtinUri, gtinCheckDigit } from "@kexin/core";
import { BenchFailure } from "../errors.ts";

/**
 * The trace mode's load: units go through a ten-step lifecycle in one organisation with two
 * registered sites, the way a manufacturer with its own warehouse and service desk records them:
 *
 *   plant:      commissioning (ObjectEvent ADD, lot and expiry in ILMD) → inspecting → shipping
 *   warehouse:  receiving (with a temperature reading) → storing → using ×3 → repairing → using
 *
 * Each event lists one unit. Units come in cohorts of 100, and a cohort's documents each hold one
 * step for all its units (100 events), so a unit's ten steps are recorded by ten transactions in
 * ten different blocks, as a real unit's are. Every event has an eventID, and one unit in a
 * hundred is received too warm, which raises a temperature alert.
 */

export const companyPrefix = "0614141";
export const traceGtin = ((): string => {
  const withoutCheck = `0${companyPrefix}10734`;
  return `${withoutCheck}${gtinCheckDigit(withoutCheck)}`;
})();
export const traceSites = {
  plant: { id: `urn:epc:id:sgln:${companyPrefix}.00001.0`, region: "CN-32", name: "Suzhou plant" },
  warehouse: { id: `urn:epc:id:sgln:${companyPrefix}.00002.0`, region: "CN-31", name: "Shanghai warehouse and service" },
} as const;
export const traceProduct = { gtin: traceGtin, name: "Infusion pump IP-7 (bench)", deviceClass: "II", registrationNumber: "国械注准20263140001" } as const;
/** Thresholds that the lifecycle keeps, except the warm receipts. */
export const traceRules = {
  deviceClass: "II",
  transitTimeMaxSeconds: 3 * 86_400,
  temperatureMinTenthsCelsius: 20,
  temperatureMaxTenthsCelsius: 80,
  usesBetweenMaintenanceMax: 10,
  twoPlacesWindowSeconds: 600,
} as const;

export const stepsPerUnit = 10;
export const unitsPerCohort = 100;
const useBizStep = "urn:kexin:bizstep:using";
const startMs = Date.UTC(2026, 2, 1, 0, 0, 0);
const hourMs = 3_600_000;
/** The node's bound on the EPCIS text of one import_epcis transaction. */
const documentBytesMax = 63 * 1024;

interface StepSpec {
  readonly bizStep: string;
  readonly site: keyof typeof traceSites;
  readonly action: "ADD" | "OBSERVE";
  readonly disposition: string;
}

const lifecycle: readonly StepSpec[] = [
  { bizStep: "commissioning", site: "plant", action: "ADD", disposition: "active" },
  { bizStep: "inspecting", site: "plant", action: "OBSERVE", disposition: "active" },
  { bizStep: "shipping", site: "plant", action: "OBSERVE", disposition: "in_transit" },
  { bizStep: "receiving", site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: "storing", site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: useBizStep, site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: useBizStep, site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: useBizStep, site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: "repairing", site: "warehouse", action: "OBSERVE", disposition: "active" },
  { bizStep: useBizStep, site: "warehouse", action: "OBSERVE", disposition: "active" },
];

/** The bizStep of each step, for checking lookups. */
export const lifecycleBizSteps: readonly string[] = lifecycle.map((step) => step.bizStep);

export function unitSerial(unit: number): string {
  return `U${unit}`;
}

export function unitEpc(unit: number): string {
  return formatSgtinUri(traceGtin, unitSerial(unit), companyPrefix.length);
}

/** The human-readable UDI a scanner at a hospital would read. */
export function unitUdi(unit: number): string {
  return `(01)${traceGtin}(21)${unitSerial(unit)}`;
}

function isoTime(milliseconds: number): string {
  return new Date(milliseconds + 8 * hourMs).toISOString().replace("Z", "+08:00");
}

function eventId(namespace: string, unit: number, step: number): string {
  const number = (unit * stepsPerUnit + step).toString(16).padStart(12, "0");
  return `urn:uuid:${namespace.slice(0, 8)}-${namespace.slice(8, 12)}-4${namespace.slice(12, 15)}-8${namespace.slice(15, 18)}-${number}`;
}

export interface TraceDocument {
  readonly text: string;
  readonly events: number;
}

/** A cohort of units: `first` is the global number of its first unit. */
export interface Cohort {
  readonly first: number;
  readonly units: number;
}

/** The cohorts of a load of `units` units, in order. */
export function cohortsOf(units: number): Cohort[] {
  const cohorts: Cohort[] = [];
  for (let first = 0; first < units; first += unitsPerCohort) cohorts.push({ first, units: Math.min(unitsPerCohort, units - first) });
  return cohorts;
}

export class TraceWorkload {
  private readonly namespace: string;

  constructor(seed: string) {
    // eventIDs are UUIDs; the seed picks their first 72 bits so runs with other seeds never collide.
    this.namespace = createHash("sha256").update(`trace-event-ids/${seed}`).digest("hex");
  }

  /** The document recording step `step` for every unit of the cohort. */
  document(cohort: Cohort, step: number): TraceDocument {
    const spec = lifecycle[step];
    if (spec === undefined) throw new BenchFailure(`no lifecycle step ${step}`);
    const site = traceSites[spec.site].id;
    // Cohorts start a minute apart and a unit's steps an hour apart, so no rule sees an impossible move.
    const eventTime = isoTime(startMs + (cohort.first / unitsPerCohort) * 60_000 + step * hourMs);
    const eventList: object[] = [];
    for (let offset = 0; offset < cohort.units; offset++) {
      const unit = cohort.first + offset;
      eventList.push({
        type: "ObjectEvent",
        eventTime,
        eventTimeZoneOffset: "+08:00",
        eventID: eventId(this.namespace, unit, step),
        epcList: [unitEpc(unit)],
        action: spec.action,
        bizStep: spec.bizStep,
        disposition: spec.disposition,
        readPoint: { id: site },
        bizLocation: { id: site },
        ...(spec.bizStep === "shipping" ? { destinationList: [{ type: "location", destination: traceSites.warehouse.id }] } : {}),
        ...(spec.bizStep === "receiving" ? { sensorElementList: [{ sensorReport: [{ type: "gs1:Temperature", value: unit % 100 === 7 ? 9.5 : 4.5, uom: "CEL" }] }] } : {}),
        ...(step === 0 ? { ilmd: { "cbvmda:lotNumber": `L${Math.floor(unit / 10_000)}`, "cbvmda:itemExpirationDate": "2031-12-31" } } : {}),
      });
    }
    const text = JSON.stringify({ "@context": [epcisContextUri], type: "EPCISDocument", schemaVersion: "2.0", creationDate: isoTime(startMs), epcisBody: { eventList } });
    if (Buffer.byteLength(text) > documentBytesMax) throw new BenchFailure(`a generated document is ${Buffer.byteLength(text)} bytes, above the node's ${documentBytesMax}`);
    return { text, events: cohort.units };
  }
}
