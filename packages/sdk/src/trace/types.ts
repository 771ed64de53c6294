import type { JsonObject } from "@kexin/core";

/**
 * The node's bounds of the trace module (docs/api.md, "trace"), mirrored so that builders and the
 * document splitter refuse what the node would refuse before anything is signed.
 */
export const traceLimits = {
  /** UTF-8 bytes of the EPCIS document of one import_epcis transaction (the whole transaction is at most 64 KiB). */
  importDocumentBytesMax: 63 * 1024,
  /** EPCIS events in one imported document. */
  eventsPerImportMax: 100,
  /** Objects the events of one import touch, counting units reached through their cases and pallets. */
  objectsPerImportMax: 8_000,
  /** Characters of an EPC, location or eventID URI. */
  identifierLengthMax: 256,
  /** History steps in one answer (page with `after`). */
  historyStepsPerQueryMax: 1_000,
  /** Alerts in one answer (page with `before`). */
  alertsPerQueryMax: 1_000,
  nameLengthMax: 128,
  textLengthMax: 1_000,
  registrationNumberLengthMax: 64,
  lotLengthMax: 20,
  quantityMax: 1_000_000_000,
} as const;

export const deviceClasses = ["I", "II", "III"] as const;
export type DeviceClass = (typeof deviceClasses)[number];

export const alertRules = ["transit_time_exceeded", "temperature_out_of_range", "maintenance_overdue", "seen_in_two_places"] as const;
export type AlertRule = (typeof alertRules)[number];

/** Flags of a lookup; the serious ones come with a warning in capitals. */
export type UnitFlag = "recalled" | "expired" | "decommissioned" | "transformed" | "identity_mismatch" | "in_transit" | "unknown";

export interface ProductView {
  readonly gtin: string;
  readonly name: string;
  readonly deviceClass: DeviceClass;
  readonly registrationNumber: string;
  /** The registering organisation. */
  readonly manufacturer: string;
  readonly registeredAt: number;
  readonly txHash: string;
}

export interface RecallView {
  readonly gtin: string;
  readonly lot?: string;
  readonly reason: string;
  readonly org: string;
  readonly height: number;
  readonly blockTime: number;
  readonly txHash: string;
}

export interface TransitView {
  readonly to: string;
  readonly from: string;
  readonly shippedAtMs: number;
  readonly event: number;
  readonly fromLocation?: string;
}

export interface UnitStateView {
  readonly kind: "unit" | "object";
  readonly epc: string;
  readonly gtin: string | null;
  readonly lot: string | null;
  readonly serial: string | null;
  readonly expiryDate: string | null;
  readonly status: "active" | "decommissioned" | "transformed";
  readonly custodian: string;
  readonly createdBy: string;
  readonly inTransit: TransitView | null;
  readonly location: string | null;
  readonly region: string | null;
  readonly disposition: string | null;
  /** The case or pallet it is packed in. */
  readonly container: string | null;
  /** Objects packed directly inside it. */
  readonly contains: number;
  readonly steps: number;
  readonly usesSinceMaintenance: number;
}

/** A code that was recorded on chain. */
export interface KnownUnitView {
  readonly code: string;
  readonly known: true;
  readonly key: string;
  /** The human-readable UDI, or the EPC of a case or pallet. */
  readonly udi: string;
  readonly flags: readonly UnitFlag[];
  /** The serious flags spelled out, most serious first (`RECALLED: …`). */
  readonly warnings: readonly string[];
  readonly unit: UnitStateView;
  readonly product: ProductView | null;
  readonly recall: RecallView | null;
  /** The day expiry was judged against. */
  readonly judgedOn: string | null;
}

/** A code never recorded: a possible counterfeit. */
export interface UnknownUnitView {
  readonly code: string;
  readonly known: false;
  readonly key: string;
  readonly flags: readonly ["unknown"];
  readonly warnings: readonly string[];
  /** The model, when its GTIN is registered. */
  readonly product: ProductView | null;
}

export type UnitView = KnownUnitView | UnknownUnitView;

export interface StepProofView {
  readonly txHash: string;
  readonly height: number;
  /** Position of the event in its imported document. */
  readonly documentIndex: number;
  /** Path of the transaction's receipt: GET it from the node. */
  readonly receipt: string;
}

/** One step of a unit's history. */
export interface StepView {
  readonly step: number;
  /** The chain-wide event number. */
  readonly event: number;
  readonly type: string;
  readonly action: string | null;
  readonly bizStep: string | null;
  readonly disposition: string | null;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
  readonly eventId: string | null;
  readonly readPoint: string | null;
  readonly bizLocation: string | null;
  readonly region: string | null;
  /** The organisation a shipping step sent to. */
  readonly destination: string | null;
  /** The recording organisation. */
  readonly org: string;
  /** The case or pallet the unit was reached through. */
  readonly via: string | null;
  /** Rules this step broke for the unit. */
  readonly flags: readonly AlertRule[];
  /** Set when this step declares an earlier event in error; such a step changed nothing else. */
  readonly errorDeclaration: { readonly declarationTime: string; readonly reason?: string; readonly correctiveEventIDs?: readonly string[] } | null;
  readonly proof: StepProofView;
}

export type HistoryView = (KnownUnitView & { readonly steps: readonly StepView[]; readonly next: number | null }) | (UnknownUnitView & { readonly steps: readonly []; readonly next: null });

export interface AlertView {
  readonly seq: number;
  readonly rule: AlertRule;
  readonly gtin: string;
  readonly deviceClass: DeviceClass;
  /** The event that raised it. */
  readonly event: number;
  readonly eventTime: string;
  readonly org: string;
  readonly txHash: string;
  readonly height: number;
  readonly blockTime: number;
  readonly unitCount: number;
  /** At most 20 of the units; unitCount has them all. */
  readonly units: readonly string[];
  readonly detail: { readonly [name: string]: string | number };
}

export interface StockRowView {
  readonly gtin: string;
  readonly region: string;
  readonly quantity: number;
}

export interface RegionBalanceView {
  readonly gtin: string;
  readonly region: string;
  readonly stock: number;
  readonly demand: number;
  /** stock − demand; negative is a shortage. */
  readonly balance: number;
}

export interface TransferSuggestionView {
  readonly gtin: string;
  readonly fromRegion: string;
  readonly toRegion: string;
  readonly quantity: number;
}

/** An EPCIS 2.0 JSON-LD document, as the export query answers it. */
export type EpcisDocumentJson = JsonObject;
