import { utf8 } from "@kexin/core";
import { TraceModuleError } from "./errors.ts";
import { traceModuleLimits } from "./limits.ts";

/*
 * The trace module's state layout. Every key is built here and nowhere else.
 *
 *   product/<gtin>                       Product        device model registered by its manufacturer
 *   lot/<gtin>/<lot>                     Lot            lot master data (expiry)
 *   location/<location id>               Location       EPCIS location URI → organisation and region
 *   recall/<gtin>  recall/<gtin>/<lot>   Recall         a product or one lot recalled by a regulator
 *   rule/<device class>                  RuleSet        anomaly thresholds per device class
 *   unit/<unit key>                      UnitRecord     current state: custodian, transit, location, …
 *   unit/<unit key>/event/<n>            UnitStep       the unit's n-th step → global event number
 *   event/<seq>                          EventRecord    one recorded EPCIS event with its proof
 *   eventid/<EPCIS eventID>              seq            refuses the same eventID twice
 *   errordecl/<EPCIS eventID>            seq            the error declaration of that event, recorded once
 *   alert/<seq>                          AlertRecord
 *   alert_rule/<rule>/<n>, alert_gtin/<gtin>/<n>   seq of the n-th alert of a rule or product
 *   stock/<gtin>/<region>, stock_region/<region>/<gtin>   units in stock
 *   demand/<gtin>/<region>/<org>, demand_total/<gtin>/<region>   demand registered by hospitals
 *   count/<name>                         counters (events, alerts, per-rule and per-product alerts)
 *   clock                                block time (ms) of the latest trace transaction
 *
 * Numbers are zero-padded so a key-ordered listing is numeric order. Free-text segments (unit keys,
 * URIs, lots) are escaped so they never contain "/", which keeps every prefix unambiguous.
 */

const sequenceDigits = 12;

export function padSequence(value: number): string {
  return String(value).padStart(sequenceDigits, "0");
}

/** Escapes "%" and "/" so a segment cannot reach into another key's prefix; bounded in length. */
export function keySegment(value: string, field: string): string {
  const escaped = value.replaceAll("%", "%25").replaceAll("/", "%2F");
  const length = utf8(escaped).length;
  if (length > traceModuleLimits.keySegmentBytesMax) {
    throw new TraceModuleError(
      { code: "TRACE_LIMIT_EXCEEDED", limit: "keySegmentBytesMax", size: length, sizeMax: traceModuleLimits.keySegmentBytesMax },
      `${field}: identifier is too long to index (${length} bytes escaped, at most ${traceModuleLimits.keySegmentBytesMax})`,
    );
  }
  return escaped;
}

export function unescapeKeySegment(segment: string): string {
  return segment.replaceAll("%2F", "/").replaceAll("%25", "%");
}

export const traceKeys = {
  product: (gtin: string) => `product/${gtin}`,
  productPrefix: "product/",
  lot: (gtin: string, lot: string) => `lot/${gtin}/${keySegment(lot, "lot")}`,
  location: (id: string) => `location/${keySegment(id, "location id")}`,
  locationPrefix: "location/",
  recall: (gtin: string, lot?: string) => (lot === undefined ? `recall/${gtin}` : `recall/${gtin}/${keySegment(lot, "lot")}`),
  rule: (deviceClass: string) => `rule/${deviceClass}`,
  unit: (unitKey: string) => `unit/${keySegment(unitKey, "unit")}`,
  unitStep: (unitKey: string, step: number) => `unit/${keySegment(unitKey, "unit")}/event/${padSequence(step)}`,
  event: (seq: number) => `event/${padSequence(seq)}`,
  eventId: (eventId: string, field: string) => `eventid/${keySegment(eventId, field)}`,
  errorDeclaration: (eventId: string, field: string) => `errordecl/${keySegment(eventId, field)}`,
  alert: (seq: number) => `alert/${padSequence(seq)}`,
  alertByRule: (rule: string, position: number) => `alert_rule/${rule}/${padSequence(position)}`,
  alertByGtin: (gtin: string, position: number) => `alert_gtin/${gtin}/${padSequence(position)}`,
  stock: (gtin: string, region: string) => `stock/${gtin}/${region}`,
  stockPrefix: (gtin?: string) => (gtin === undefined ? "stock/" : `stock/${gtin}/`),
  stockByRegion: (region: string, gtin: string) => `stock_region/${region}/${gtin}`,
  stockByRegionPrefix: (region: string) => `stock_region/${region}/`,
  demand: (gtin: string, region: string, org: string) => `demand/${gtin}/${region}/${org}`,
  demandPrefix: (gtin: string, region?: string) => (region === undefined ? `demand/${gtin}/` : `demand/${gtin}/${region}/`),
  demandTotal: (gtin: string, region: string) => `demand_total/${gtin}/${region}`,
  demandTotalPrefix: (gtin?: string) => (gtin === undefined ? "demand_total/" : `demand_total/${gtin}/`),
  count: (name: string) => `count/${name}`,
  clock: "clock",
} as const;

export const traceCounters = {
  events: "events",
  alerts: "alerts",
  alertsOfRule: (rule: string) => `alerts_rule/${rule}`,
  alertsOfGtin: (gtin: string) => `alerts_gtin/${gtin}`,
} as const;
