import { type TSchema, Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/*
 * The trace module's records as its queries answer them: the one definition the node's module,
 * its routes and the SDK share. Answers may gain fields, so objects accept properties they do not
 * list; what they list must be there with its type.
 */

const count = Type.Integer({ minimum: 0 });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** One of a list of names, typed as the list's union. */
const oneOf = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.Union(values.map((value) => Type.Literal(value))));

export const deviceClasses = ["I", "II", "III"] as const;
export type DeviceClass = (typeof deviceClasses)[number];
export const deviceClassSchema = oneOf(deviceClasses);

/** The anomaly rules; each names the alerts it raises. */
export const alertRules = ["transit_time_exceeded", "temperature_out_of_range", "maintenance_overdue", "seen_in_two_places"] as const;
export type AlertRule = (typeof alertRules)[number];
export const alertRuleSchema = oneOf(alertRules);

/** Flags of a lookup; the serious ones come with a warning in capitals. */
export const unitFlags = ["recalled", "expired", "decommissioned", "transformed", "identity_mismatch", "in_transit", "unknown"] as const;
export type UnitFlag = (typeof unitFlags)[number];

export const productRecordSchema = Type.Object({
  gtin: Type.String(),
  name: Type.String(),
  deviceClass: deviceClassSchema,
  registrationNumber: Type.String(),
  /** The registering organisation. */
  manufacturer: Type.String(),
  registeredAt: count,
  txHash: Type.String(),
});
export type ProductRecord = WireStatic<typeof productRecordSchema>;

export const recallRecordSchema = Type.Object({
  gtin: Type.String(),
  lot: Type.Optional(Type.String()),
  reason: Type.String(),
  org: Type.String(),
  height: count,
  blockTime: count,
  txHash: Type.String(),
});
export type RecallRecord = WireStatic<typeof recallRecordSchema>;

export const transitRecordSchema = Type.Object({
  to: Type.String(),
  from: Type.String(),
  shippedAtMs: count,
  event: count,
  fromLocation: Type.Optional(Type.String()),
});
export type TransitRecord = WireStatic<typeof transitRecordSchema>;

/** Thresholds a regulator sets for one device class; an absent threshold is not checked. */
export const ruleSetSchema = Type.Object({
  deviceClass: deviceClassSchema,
  /** Longest time from shipping to receiving (event times). */
  transitTimeMaxSeconds: Type.Optional(count),
  /** Storage temperature range for sensor readings reported in events, in tenths of a degree Celsius. */
  temperatureMinTenthsCelsius: Type.Optional(Type.Integer()),
  temperatureMaxTenthsCelsius: Type.Optional(Type.Integer()),
  /** Uses (events with the use business step) allowed between two maintenance steps. */
  usesBetweenMaintenanceMax: Type.Optional(count),
  /** Two events of one unit at different locations closer in time than this are physically impossible; moves declared by a shipping event are exempt. */
  twoPlacesWindowSeconds: Type.Optional(count),
  org: Type.String(),
  height: count,
  txHash: Type.String(),
});
export type RuleSet = WireStatic<typeof ruleSetSchema>;

export const alertRecordSchema = Type.Object({
  seq: count,
  rule: alertRuleSchema,
  gtin: Type.String(),
  deviceClass: deviceClassSchema,
  /** The event that raised it. */
  event: count,
  eventTime: Type.String(),
  org: Type.String(),
  txHash: Type.String(),
  height: count,
  blockTime: count,
  unitCount: count,
  /** At most 20 of the units; unitCount has them all. */
  units: Type.Array(Type.String()),
  detail: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});
export type AlertRecord = WireStatic<typeof alertRecordSchema>;

export const alertsAnswerSchema = Type.Object({ alerts: Type.Array(alertRecordSchema), next: nullable(count) });
export type AlertsAnswer = WireStatic<typeof alertsAnswerSchema>;

/** A unit's current state as a lookup shows it. */
export const unitStateViewSchema = Type.Object({
  kind: Type.Union([Type.Literal("unit"), Type.Literal("object")]),
  epc: Type.String(),
  gtin: nullable(Type.String()),
  lot: nullable(Type.String()),
  serial: nullable(Type.String()),
  expiryDate: nullable(Type.String()),
  status: Type.Union([Type.Literal("active"), Type.Literal("decommissioned"), Type.Literal("transformed")]),
  custodian: Type.String(),
  createdBy: Type.String(),
  inTransit: nullable(transitRecordSchema),
  location: nullable(Type.String()),
  region: nullable(Type.String()),
  disposition: nullable(Type.String()),
  /** The case or pallet it is packed in. */
  container: nullable(Type.String()),
  /** Objects packed directly inside it. */
  contains: count,
  steps: count,
  usesSinceMaintenance: count,
});
export type UnitStateView = WireStatic<typeof unitStateViewSchema>;

/** A code that was recorded on chain. */
export const knownUnitViewSchema = Type.Object({
  code: Type.String(),
  known: Type.Literal(true),
  key: Type.String(),
  /** The human-readable UDI, or the EPC of a case or pallet. */
  udi: Type.String(),
  flags: Type.Array(oneOf(unitFlags)),
  /** The serious flags spelled out, most serious first (`RECALLED: …`). */
  warnings: Type.Array(Type.String()),
  unit: unitStateViewSchema,
  product: nullable(productRecordSchema),
  recall: nullable(recallRecordSchema),
  /** The day expiry was judged against. */
  judgedOn: nullable(Type.String()),
});
export type KnownUnitView = WireStatic<typeof knownUnitViewSchema>;

/** A code never recorded: a possible counterfeit. */
export const unknownUnitViewSchema = Type.Object({
  code: Type.String(),
  known: Type.Literal(false),
  key: Type.String(),
  flags: Type.Tuple([Type.Literal("unknown")]),
  warnings: Type.Array(Type.String()),
  /** The model, when its GTIN is registered. */
  product: nullable(productRecordSchema),
});
export type UnknownUnitView = WireStatic<typeof unknownUnitViewSchema>;

export const unitViewSchema = Type.Union([knownUnitViewSchema, unknownUnitViewSchema]);
export type UnitView = WireStatic<typeof unitViewSchema>;

export const stepProofViewSchema = Type.Object({
  txHash: Type.String(),
  height: count,
  /** Position of the event in its imported document. */
  documentIndex: count,
  /** Path of the transaction's receipt: GET it from the node. */
  receipt: Type.String(),
});
export type StepProofView = WireStatic<typeof stepProofViewSchema>;

/** One step of a unit's history. */
export const stepViewSchema = Type.Object({
  step: count,
  /** The chain-wide event number. */
  event: count,
  type: Type.String(),
  action: nullable(Type.String()),
  bizStep: nullable(Type.String()),
  disposition: nullable(Type.String()),
  eventTime: Type.String(),
  eventTimeZoneOffset: Type.String(),
  eventId: nullable(Type.String()),
  readPoint: nullable(Type.String()),
  bizLocation: nullable(Type.String()),
  region: nullable(Type.String()),
  /** The organisation a shipping step sent to. */
  destination: nullable(Type.String()),
  /** The recording organisation. */
  org: Type.String(),
  /** The case or pallet the unit was reached through. */
  via: nullable(Type.String()),
  /** Rules this step broke for the unit. */
  flags: Type.Array(alertRuleSchema),
  /** Set when this step declares an earlier event in error; such a step changed nothing else. */
  errorDeclaration: nullable(
    Type.Object({ declarationTime: Type.String(), reason: Type.Optional(Type.String()), correctiveEventIDs: Type.Optional(Type.Array(Type.String())) }),
  ),
  proof: stepProofViewSchema,
});
export type StepView = WireStatic<typeof stepViewSchema>;

export const historyViewSchema = Type.Union([
  Type.Object({ ...knownUnitViewSchema.properties, steps: Type.Array(stepViewSchema), next: nullable(count) }),
  Type.Object({ ...unknownUnitViewSchema.properties, steps: Type.Tuple([]), next: Type.Null() }),
]);
export type HistoryView = WireStatic<typeof historyViewSchema>;

export const stockRowViewSchema = Type.Object({ gtin: Type.String(), region: Type.String(), quantity: count });
export type StockRowView = WireStatic<typeof stockRowViewSchema>;

export const stockAnswerSchema = Type.Object({ stock: Type.Array(stockRowViewSchema), total: count });
export type StockAnswer = WireStatic<typeof stockAnswerSchema>;

export const regionBalanceViewSchema = Type.Object({
  gtin: Type.String(),
  region: Type.String(),
  stock: count,
  demand: count,
  /** stock − demand; negative is a shortage. */
  balance: Type.Integer(),
});
export type RegionBalanceView = WireStatic<typeof regionBalanceViewSchema>;

export const transferSuggestionViewSchema = Type.Object({ gtin: Type.String(), fromRegion: Type.String(), toRegion: Type.String(), quantity: count });
export type TransferSuggestionView = WireStatic<typeof transferSuggestionViewSchema>;

export const shortageAnswerSchema = Type.Object({
  regions: Type.Array(regionBalanceViewSchema),
  shortages: Type.Array(regionBalanceViewSchema),
  transfers: Type.Array(transferSuggestionViewSchema),
});
export type ShortageAnswer = WireStatic<typeof shortageAnswerSchema>;
