import { epcisContextUri, formatSgtinUri, gtinCheckDigit } from "@kexin/core";

/** GS1 Company Prefix of the test manufacturer (7 digits, as in the GS1 examples). */
export const companyPrefix = "0614141";

/** A GTIN-14 with indicator 0 and a 5-digit item reference. */
export function gtinOf(itemReference: string): string {
  const withoutCheck = `0${companyPrefix}${itemReference}`;
  return `${withoutCheck}${gtinCheckDigit(withoutCheck)}`;
}

export const sgtin = (gtin: string, serial: string): string => formatSgtinUri(gtin, serial, companyPrefix.length);
export const sscc = (serialReference: number): string => `urn:epc:id:sscc:${companyPrefix}.${String(serialReference).padStart(10, "0")}`;
export const sgln = (locationReference: string): string => `urn:epc:id:sgln:${companyPrefix}.${locationReference}.0`;

const startMs = Date.UTC(2026, 2, 1, 0, 0, 0);

/** An EPCIS timestamp `minutes` after the scenario's start, written in China Standard Time. */
export function at(minutes: number): string {
  return new Date(startMs + minutes * 60_000 + 8 * 3_600_000).toISOString().replace("Z", "+08:00");
}

export type EpcisJson = Record<string, unknown>;

export function epcisDocument(events: readonly EpcisJson[]): string {
  return JSON.stringify({
    "@context": [epcisContextUri],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: "2026-03-01T00:00:00Z",
    epcisBody: { eventList: events },
  });
}

interface Where {
  readonly time: number;
  readonly location: string;
  readonly eventId?: string;
}

function common(bizStep: string, where: Where, disposition?: string): EpcisJson {
  return {
    eventTime: at(where.time),
    eventTimeZoneOffset: "+08:00",
    ...(where.eventId === undefined ? {} : { eventID: where.eventId }),
    bizStep,
    ...(disposition === undefined ? {} : { disposition }),
    readPoint: { id: where.location },
    bizLocation: { id: where.location },
  };
}

export function commission(epcs: readonly string[], where: Where & { lot?: string; expiry?: string }): EpcisJson {
  const ilmd = { ...(where.lot === undefined ? {} : { "cbvmda:lotNumber": where.lot }), ...(where.expiry === undefined ? {} : { "cbvmda:itemExpirationDate": where.expiry }) };
  return { type: "ObjectEvent", action: "ADD", epcList: [...epcs], ...common("commissioning", where, "active"), ...(Object.keys(ilmd).length === 0 ? {} : { ilmd }) };
}

export function transform(inputClass: string, inputQuantity: number, outputs: readonly string[], where: Where & { lot?: string; expiry?: string }): EpcisJson {
  const ilmd = { ...(where.lot === undefined ? {} : { "cbvmda:lotNumber": where.lot }), ...(where.expiry === undefined ? {} : { "cbvmda:itemExpirationDate": where.expiry }) };
  return {
    type: "TransformationEvent",
    inputQuantityList: [{ epcClass: inputClass, quantity: inputQuantity, uom: "KGM" }],
    outputEPCList: [...outputs],
    ...common("commissioning", where, "active"),
    ...(Object.keys(ilmd).length === 0 ? {} : { ilmd }),
  };
}

export function pack(parent: string, children: readonly string[], where: Where): EpcisJson {
  return { type: "AggregationEvent", action: "ADD", parentID: parent, childEPCs: [...children], ...common("packing", where, "in_progress") };
}

export function unpack(parent: string, where: Where, children?: readonly string[]): EpcisJson {
  return { type: "AggregationEvent", action: "DELETE", parentID: parent, ...(children === undefined ? {} : { childEPCs: [...children] }), ...common("unpacking", where, "in_progress") };
}

export function ship(epcs: readonly string[], where: Where & { destination: string }): EpcisJson {
  return { type: "ObjectEvent", action: "OBSERVE", epcList: [...epcs], ...common("shipping", where, "in_transit"), destinationList: [{ type: "location", destination: where.destination }] };
}

export function temperatureSensor(celsius: readonly number[]): EpcisJson[] {
  return [{ sensorReport: celsius.map((value) => ({ type: "gs1:Temperature", value, uom: "CEL" })) }];
}

export function observe(epcs: readonly string[], bizStep: string, where: Where & { disposition?: string; temperatures?: readonly number[] }): EpcisJson {
  return {
    type: "ObjectEvent",
    action: "OBSERVE",
    epcList: [...epcs],
    ...common(bizStep, where, where.disposition),
    ...(where.temperatures === undefined ? {} : { sensorElementList: temperatureSensor(where.temperatures) }),
  };
}

export function receive(epcs: readonly string[], where: Where & { temperatures?: readonly number[] }): EpcisJson {
  return observe(epcs, "receiving", { ...where, disposition: "active" });
}

/** A small seeded generator (mulberry32), so "random" picks are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The locations of the scenario: [id, org, region, name]. */
export const scenarioLocations = {
  plant: { id: sgln("00001"), org: "manufacturer", region: "CN-32", name: "Suzhou plant" },
  warehouse: { id: sgln("00002"), org: "distributor", region: "CN-31", name: "Shanghai warehouse" },
  hub: { id: sgln("00003"), org: "logistics", region: "CN-31", name: "Pudong hub" },
  eastWard: { id: sgln("00004"), org: "hospital", region: "CN-31", name: "East campus" },
  westWard: { id: sgln("00005"), org: "hospital", region: "CN-51", name: "West campus" },
} as const;
