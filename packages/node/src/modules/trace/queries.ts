import { type EpcisEvent, type Udi, exportEpcisDocument } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { traceBizSteps } from "./custody.ts";
import { badQuery } from "./errors.ts";
import { type ObjectIdentity, identifyEpc, identifyScannedCode, normaliseGtin, unitLabel } from "./identifiers.ts";
import { traceKeys } from "./keys.ts";
import { traceModuleLimits } from "./limits.ts";
import {
  type AlertRecord,
  type EventRecord,
  type Location,
  type Lot,
  type Product,
  type Recall,
  type UnitRecord,
  type UnitStep,
  deviceClasses,
  getRecord,
  readCounter,
  traceCounters,
} from "./records.ts";
import { alertRules, readRules } from "./rules.ts";
import { traceSchemas } from "./schemas.ts";
import { productsWithDemand, regionBalances, suggestTransfers, toCsv } from "./stock.ts";
import { epcisTimeMs, isCalendarDate, isoTimeOf, utcDateOf } from "./time.ts";

const udiParameter = Type.String({ minLength: 1, maxLength: 512, description: "a scanned UDI (GS1 element string, human-readable or Digital Link) or an EPC URI" });
const dateParameter = Type.Optional(Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "the day expiry is judged against (default: the day of the latest trace transaction)" }));
const formatParameter = Type.Optional(Type.Union([Type.Literal("json"), Type.Literal("csv")]));

function parseLimit(text: string | undefined, fallback: number, maximum: number, field: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw badQuery(field, "must be a positive integer");
  return Math.min(value, maximum);
}

function parseTime(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  if (/^[0-9]{1,15}$/.test(text)) return Number(text);
  try {
    return epcisTimeMs(text);
  } catch {
    throw badQuery(field, "must be milliseconds since the Unix epoch or an ISO 8601 date-time with offset, such as 2026-03-01T00:00:00Z");
  }
}

function parseGtinParameter(text: string | undefined, field: string): string | undefined {
  if (text === undefined) return undefined;
  try {
    return normaliseGtin(text, field);
  } catch (error) {
    throw badQuery(field, error instanceof Error ? error.message : "not a GTIN");
  }
}

/** The day expiry is judged against: the caller's, or the day of the latest trace transaction. */
function judgingDate(state: StateRead, date: string | undefined): string | undefined {
  if (date !== undefined) {
    if (!isCalendarDate(date)) throw badQuery("date", "must be a calendar date YYYY-MM-DD");
    return date;
  }
  const clock = state.get(traceKeys.clock) as number | undefined;
  return clock === undefined ? undefined : utcDateOf(clock);
}

function recallOf(state: StateRead, gtin: string | undefined, lot: string | undefined): Recall | undefined {
  if (gtin === undefined) return undefined;
  return getRecord<Recall>(state, traceKeys.recall(gtin)) ?? (lot === undefined ? undefined : getRecord<Recall>(state, traceKeys.recall(gtin, lot)));
}

function loadUnit(state: StateRead, key: string): UnitRecord | undefined {
  return getRecord<UnitRecord>(state, traceKeys.unit(key));
}

function labelOfKey(state: StateRead, key: string): string {
  const record = loadUnit(state, key);
  return record === undefined ? key : unitLabel(record);
}

interface Lookup {
  readonly identity: ObjectIdentity;
  readonly scanned?: Udi;
}

/** The status part of a lookup: what the unit is, where it is, and every flag a person must see. */
function unitStatus(state: StateRead, code: string, lookup: Lookup, date: string | undefined) {
  const { identity, scanned } = lookup;
  const record = loadUnit(state, identity.key);
  const gtin = record?.gtin ?? identity.gtin;
  const product = gtin === undefined ? undefined : getRecord<Product>(state, traceKeys.product(gtin));
  if (record === undefined) {
    const warning =
      product === undefined
        ? `UNKNOWN CODE: no device with the code ${unitLabel(identity)} was ever recorded on this chain. It may be counterfeit: do not use it, and report it to the regulator.`
        : `UNKNOWN UNIT: the model "${product.name}" (GTIN ${product.gtin}) is registered, but the unit ${unitLabel(identity)} was never commissioned by its manufacturer. It may be counterfeit: do not use it, and report it to the regulator.`;
    return { record, view: { code, known: false, key: identity.key, product: product ?? null, flags: ["unknown"], warnings: [warning] } };
  }
  const lot = record.lot === undefined || record.gtin === undefined ? undefined : getRecord<Lot>(state, traceKeys.lot(record.gtin, record.lot));
  const expiryDate = record.expiryDate ?? lot?.expiryDate;
  const recall = recallOf(state, record.gtin, record.lot);
  const flags: string[] = [];
  const warnings: string[] = [];
  if (recall !== undefined) {
    flags.push("recalled");
    warnings.push(`RECALLED: ${recall.lot === undefined ? "every lot of this model" : `lot ${recall.lot}`} was recalled by "${recall.org}" (block ${recall.height}): ${recall.reason}`);
  }
  if (expiryDate !== undefined && date !== undefined && expiryDate < date) {
    flags.push("expired");
    warnings.push(`EXPIRED: this unit expired on ${expiryDate}.`);
  }
  if (record.status === "decommissioned") {
    flags.push("decommissioned");
    warnings.push(`DECOMMISSIONED: this unit was taken out of service by "${record.custodian}"; it must not be used.`);
  }
  if (record.status === "transformed") {
    flags.push("transformed");
    warnings.push("CONSUMED: this item was used up making another product; it must not be used on its own.");
  }
  if (scanned?.lot !== undefined && record.lot !== undefined && scanned.lot !== record.lot) {
    flags.push("identity_mismatch");
    warnings.push(`MISMATCH: the label says lot ${scanned.lot}, but this unit was commissioned in lot ${record.lot}. It may be counterfeit.`);
  } else if (scanned?.expiryDate !== undefined && expiryDate !== undefined && scanned.expiryDate !== expiryDate) {
    flags.push("identity_mismatch");
    warnings.push(`MISMATCH: the label says it expires on ${scanned.expiryDate}, but the recorded expiry is ${expiryDate}. It may be counterfeit.`);
  }
  if (record.inTransit !== undefined) flags.push("in_transit");
  const view = {
    code,
    known: true,
    key: record.key,
    udi: unitLabel(record),
    flags,
    warnings,
    unit: {
      kind: record.kind,
      epc: record.epc,
      gtin: record.gtin ?? null,
      lot: record.lot ?? null,
      serial: record.serial ?? null,
      expiryDate: expiryDate ?? null,
      status: record.status,
      custodian: record.custodian,
      createdBy: record.createdBy,
      inTransit: record.inTransit ?? null,
      location: record.location ?? null,
      region: record.region === "" ? null : record.region,
      disposition: record.disposition ?? null,
      container: record.container === undefined ? null : labelOfKey(state, record.container),
      contains: record.children?.length ?? 0,
      steps: record.steps,
      usesSinceMaintenance: record.usesSinceMaintenance,
    },
    product: product ?? null,
    recall: recall ?? null,
    judgedOn: date ?? null,
  };
  return { record, view };
}

function lookupOf(code: string): Lookup {
  return identifyScannedCode(code, "udi");
}

/** The unit's steps from `after` on, each joined with its event record. */
function readSteps(state: StateRead, record: UnitRecord, after: number, limit: number): { step: number; entry: UnitStep; event: EventRecord }[] {
  const steps: { step: number; entry: UnitStep; event: EventRecord }[] = [];
  for (let step = after; step < record.steps && steps.length < limit; step++) {
    const entry = getRecord<UnitStep>(state, traceKeys.unitStep(record.key, step));
    if (entry === undefined) throw new Error(`unit ${record.key} has no step ${step}`);
    const event = getRecord<EventRecord>(state, traceKeys.event(entry.event));
    if (event === undefined) throw new Error(`event ${entry.event} is missing`);
    steps.push({ step, entry, event });
  }
  return steps;
}

function stepView(state: StateRead, step: number, entry: UnitStep, event: EventRecord) {
  return {
    step,
    event: event.seq,
    type: event.type,
    action: event.action ?? null,
    bizStep: event.bizStep ?? null,
    disposition: event.disposition ?? null,
    eventTime: event.eventTime,
    eventTimeZoneOffset: event.eventTimeZoneOffset,
    eventId: event.eventId ?? null,
    readPoint: event.readPoint ?? null,
    bizLocation: event.bizLocation ?? null,
    region: event.region ?? null,
    destination: event.destination ?? null,
    org: event.org,
    via: entry.via === undefined ? null : labelOfKey(state, entry.via),
    flags: entry.alerts ?? [],
    errorDeclaration: event.errorDeclaration ?? null,
    proof: { txHash: event.txHash, height: event.height, documentIndex: event.documentIndex, receipt: `/v1/txs/${event.txHash}` },
  };
}

const listFields = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] as const;

/**
 * Narrows a recorded event to one unit's view of it: EPC lists keep the unit and the case or pallet
 * it was reached through. A transformation keeps its other side whole, since that is the unit's
 * provenance (or its product).
 */
function narrowEvent(event: EpcisEvent, scope: ReadonlySet<string>): EpcisEvent {
  const narrowed = { ...event } as Record<string, unknown>;
  for (const field of listFields) {
    const list = narrowed[field] as string[] | undefined;
    if (list === undefined) continue;
    const kept = list.filter((epc) => {
      try {
        return scope.has(identifyEpc(epc, field).key);
      } catch {
        return false;
      }
    });
    if (event.type === "TransformationEvent" && kept.length === 0) continue;
    narrowed[field] = kept;
  }
  return narrowed as unknown as EpcisEvent;
}

function alertIndex(state: StateRead, rule: string | undefined, gtin: string | undefined): { count: number; at: (position: number) => AlertRecord } {
  const fetch = (seq: number): AlertRecord => {
    const alert = getRecord<AlertRecord>(state, traceKeys.alert(seq));
    if (alert === undefined) throw new Error(`alert ${seq} is missing`);
    return alert;
  };
  const through = (key: (position: number) => string) => (position: number) => fetch(state.get(key(position)) as number);
  if (gtin !== undefined) return { count: readCounter(state, traceCounters.alertsOfGtin(gtin)), at: through((position) => traceKeys.alertByGtin(gtin, position)) };
  if (rule !== undefined) return { count: readCounter(state, traceCounters.alertsOfRule(rule)), at: through((position) => traceKeys.alertByRule(rule, position)) };
  return { count: readCounter(state, traceCounters.alerts), at: fetch };
}

/** The last position whose block time is at most `time`, or -1; block times never decrease along an index. */
function lastPositionAtOrBefore(index: { count: number; at: (position: number) => AlertRecord }, end: number, time: number): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (index.at(middle).blockTime <= time) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

export const traceQueries: { readonly [name: string]: QueryDefinition } = {
  product: defineQuery({
    description: "A registered device model with any product-wide recall.",
    parameters: Type.Object({ gtin: Type.String({ maxLength: 14 }) }, { additionalProperties: false }),
    run: (state, query) => {
      const gtin = parseGtinParameter(query.gtin, "gtin") as string;
      const product = getRecord<Product>(state, traceKeys.product(gtin));
      if (product === undefined) return null;
      return { ...product, recall: getRecord<Recall>(state, traceKeys.recall(gtin)) ?? null, rules: readRules(state, product.deviceClass) ?? null };
    },
  }),
  products: defineQuery({
    description: "Registered device models in GTIN order, optionally of one manufacturer.",
    parameters: Type.Object({ manufacturer: Type.Optional(traceSchemas.orgId) }, { additionalProperties: false }),
    run: (state, query) => ({
      products: state
        .list(traceKeys.productPrefix, traceModuleLimits.listingRowsMax)
        .map((entry) => entry.value as unknown as Product)
        .filter((product) => query.manufacturer === undefined || product.manufacturer === query.manufacturer),
    }),
  }),
  location: defineQuery({
    description: "A registered location: its organisation and region.",
    parameters: Type.Object({ id: Type.String({ minLength: 1, maxLength: traceModuleLimits.identifierLengthMax }) }, { additionalProperties: false }),
    run: (state, query) => getRecord<Location>(state, traceKeys.location(query.id)) ?? null,
  }),
  locations: defineQuery({
    description: "Registered locations, optionally of one organisation or region.",
    parameters: Type.Object({ org: Type.Optional(traceSchemas.orgId), region: Type.Optional(traceSchemas.region) }, { additionalProperties: false }),
    run: (state, query) => ({
      locations: state
        .list(traceKeys.locationPrefix, traceModuleLimits.listingRowsMax)
        .map((entry) => entry.value as unknown as Location)
        .filter((location) => (query.org === undefined || location.org === query.org) && (query.region === undefined || location.region === query.region)),
    }),
  }),
  unit: defineQuery({
    description: "The current status of a scanned unit, with recall, expiry and decommission flags; an unknown code says so.",
    parameters: Type.Object({ udi: udiParameter, date: dateParameter }, { additionalProperties: false }),
    run: (state, query) => unitStatus(state, query.udi, lookupOf(query.udi), judgingDate(state, query.date)).view,
  }),
  history: defineQuery({
    description: "The status and the ordered history of a scanned unit: every step with its organisation and on-chain proof.",
    parameters: Type.Object(
      { udi: udiParameter, date: dateParameter, after: Type.Optional(traceSchemas.integerText), limit: Type.Optional(traceSchemas.integerText) },
      { additionalProperties: false },
    ),
    run: (state, query) => {
      const { record, view } = unitStatus(state, query.udi, lookupOf(query.udi), judgingDate(state, query.date));
      if (record === undefined) return { ...view, steps: [], next: null };
      const after = query.after === undefined ? 0 : Number(query.after);
      const limit = parseLimit(query.limit, traceModuleLimits.historyStepsPerQueryMax, traceModuleLimits.historyStepsPerQueryMax, "limit");
      const steps = readSteps(state, record, after, limit).map(({ step, entry, event }) => stepView(state, step, entry, event));
      const last = steps.at(-1);
      return { ...view, steps, next: last !== undefined && last.step + 1 < record.steps ? last.step + 1 : null };
    },
  }),
  event: defineQuery({
    description: "One recorded event by its number, with the EPCIS event as recorded.",
    parameters: Type.Object({ seq: traceSchemas.integerText }, { additionalProperties: false }),
    run: (state, query) => {
      const event = getRecord<EventRecord>(state, traceKeys.event(Number(query.seq)));
      if (event === undefined) return null;
      const { epcis, ...rest } = event;
      return { ...rest, epcis: JSON.parse(epcis) as unknown };
    },
  }),
  export: defineQuery({
    description: "A unit's history as an EPCIS 2.0 JSON document, narrowed to the unit and the cases or pallets it travelled in.",
    parameters: Type.Object({ udi: udiParameter }, { additionalProperties: false }),
    run: (state, query) => {
      const { identity } = lookupOf(query.udi);
      const record = loadUnit(state, identity.key);
      if (record === undefined) return null;
      if (record.steps > traceModuleLimits.exportEventsMax) throw badQuery("udi", `the unit has ${record.steps} steps; an export holds at most ${traceModuleLimits.exportEventsMax}`);
      const steps = readSteps(state, record, 0, traceModuleLimits.exportEventsMax);
      const events = steps.map(({ entry, event }) => {
        const scope = new Set([record.key, ...(entry.via === undefined ? [] : [entry.via])]);
        return narrowEvent(JSON.parse(event.epcis) as EpcisEvent, scope);
      });
      const latest = steps.at(-1)?.event.blockTime ?? 0;
      return exportEpcisDocument(events, { schemaVersion: "2.0", creationDate: isoTimeOf(latest) });
    },
  }),
  alerts: defineQuery({
    description: "Alerts newest first, by rule, product and block time (from/to), paged with `before`.",
    parameters: Type.Object(
      {
        rule: Type.Optional(Type.Union(alertRules.map((rule) => Type.Literal(rule)))),
        gtin: Type.Optional(Type.String({ maxLength: 14 })),
        from: Type.Optional(traceSchemas.timeText),
        to: Type.Optional(traceSchemas.timeText),
        before: Type.Optional(traceSchemas.integerText),
        limit: Type.Optional(traceSchemas.integerText),
      },
      { additionalProperties: false },
    ),
    run: (state, query) => {
      const gtin = parseGtinParameter(query.gtin, "gtin");
      const from = parseTime(query.from, "from");
      const to = parseTime(query.to, "to");
      const limit = parseLimit(query.limit, 100, traceModuleLimits.alertsPerQueryMax, "limit");
      const index = alertIndex(state, query.rule, gtin);
      let end = Math.min(query.before === undefined ? index.count : Number(query.before), index.count);
      if (to !== undefined) end = lastPositionAtOrBefore(index, end, to) + 1;
      const alerts: AlertRecord[] = [];
      let position = end - 1;
      let scanned = 0;
      for (; position >= 0 && alerts.length < limit && scanned < traceModuleLimits.alertsScannedPerQueryMax; position--, scanned++) {
        const alert = index.at(position);
        if (from !== undefined && alert.blockTime < from) {
          position = -1;
          break;
        }
        if (query.rule !== undefined && alert.rule !== query.rule) continue;
        alerts.push(alert);
      }
      return { alerts, next: position >= 0 ? position + 1 : null };
    },
  }),
  rules: defineQuery({
    description: "The anomaly thresholds of each device class, and the business steps the rules read.",
    parameters: Type.Object({}, { additionalProperties: false }),
    run: (state) => ({
      rules: deviceClasses.map((deviceClass) => readRules(state, deviceClass) ?? { deviceClass }),
      useBizStep: traceBizSteps.use,
      maintenanceBizSteps: [...traceBizSteps.maintenance],
    }),
  }),
  stock: defineQuery({
    description: "Units in stock per product and region (JSON, or CSV with format=csv).",
    parameters: Type.Object({ gtin: Type.Optional(Type.String({ maxLength: 14 })), region: Type.Optional(traceSchemas.region), format: formatParameter }, { additionalProperties: false }),
    run: (state, query) => {
      const gtin = parseGtinParameter(query.gtin, "gtin");
      const { region } = query;
      let rows: { gtin: string; region: string; quantity: number }[];
      if (gtin !== undefined && region !== undefined) rows = [{ gtin, region, quantity: (state.get(traceKeys.stock(gtin, region)) as number | undefined) ?? 0 }];
      else if (region !== undefined) {
        rows = state.list(traceKeys.stockByRegionPrefix(region), traceModuleLimits.listingRowsMax).map((entry) => ({ gtin: entry.key.split("/")[2] as string, region, quantity: entry.value as number }));
      } else {
        rows = state.list(traceKeys.stockPrefix(gtin), traceModuleLimits.listingRowsMax).map((entry) => {
          const [, rowGtin, rowRegion] = entry.key.split("/") as [string, string, string];
          return { gtin: rowGtin, region: rowRegion, quantity: entry.value as number };
        });
      }
      if (query.format === "csv") return toCsv(["gtin", "region", "quantity"], rows.map((row) => [row.gtin, row.region, row.quantity]));
      return { stock: rows, total: rows.reduce((sum, row) => sum + row.quantity, 0) };
    },
  }),
  shortage: defineQuery({
    description: "Demand registered by hospitals against stock per region, with suggested transfers from surplus regions (JSON, or CSV of table=regions|transfers).",
    parameters: Type.Object(
      { gtin: Type.Optional(Type.String({ maxLength: 14 })), format: formatParameter, table: Type.Optional(Type.Union([Type.Literal("regions"), Type.Literal("transfers")])) },
      { additionalProperties: false },
    ),
    run: (state, query) => {
      const gtin = parseGtinParameter(query.gtin, "gtin");
      const gtins = gtin === undefined ? productsWithDemand(state) : [gtin];
      const regions = gtins.flatMap((each) => regionBalances(state, each));
      const transfers = gtins.flatMap((each) => suggestTransfers(regions.filter((row) => row.gtin === each)));
      if (query.format === "csv") {
        if (query.table === "transfers") return toCsv(["gtin", "from_region", "to_region", "quantity"], transfers.map((row) => [row.gtin, row.fromRegion, row.toRegion, row.quantity]));
        return toCsv(["gtin", "region", "stock", "demand", "balance"], regions.map((row) => [row.gtin, row.region, row.stock, row.demand, row.balance]));
      }
      return { regions, shortages: regions.filter((row) => row.balance < 0), transfers };
    },
  }),
};
