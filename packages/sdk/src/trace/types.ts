import type {
  AlertRecord,
  JsonObject,
  KnownUnitView as CoreKnownUnitView,
  HistoryView as CoreHistoryView,
  ProductRecord,
  RecallRecord,
  RegionBalanceView as CoreRegionBalanceView,
  StepProofView as CoreStepProofView,
  StepView as CoreStepView,
  StockRowView as CoreStockRowView,
  TransferSuggestionView as CoreTransferSuggestionView,
  TransitRecord,
  UnitStateView as CoreUnitStateView,
  UnitView as CoreUnitView,
  UnknownUnitView as CoreUnknownUnitView,
} from "@kexin/core";

export { type AlertRule, type DeviceClass, type UnitFlag, alertRules, deviceClasses } from "@kexin/core";

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

// The records are defined once, as schemas in @kexin/core; these are their names in the SDK.
export type ProductView = ProductRecord;
export type RecallView = RecallRecord;
export type TransitView = TransitRecord;
export type UnitStateView = CoreUnitStateView;
/** A code that was recorded on chain. */
export type KnownUnitView = CoreKnownUnitView;
/** A code never recorded: a possible counterfeit. */
export type UnknownUnitView = CoreUnknownUnitView;
export type UnitView = CoreUnitView;
export type StepProofView = CoreStepProofView;
/** One step of a unit's history. */
export type StepView = CoreStepView;
export type HistoryView = CoreHistoryView;
export type AlertView = AlertRecord;
export type StockRowView = CoreStockRowView;
export type RegionBalanceView = CoreRegionBalanceView;
export type TransferSuggestionView = CoreTransferSuggestionView;

/** An EPCIS 2.0 JSON-LD document, as the export query answers it. */
export type EpcisDocumentJson = JsonObject;
