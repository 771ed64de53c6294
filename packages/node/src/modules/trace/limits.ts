import { protocolLimits } from "@kexin/core";
import { nodeLimits } from "../../limits.ts";

/** Every bound the trace module enforces, in one place. */
export const traceModuleLimits = {
  /**
   * UTF-8 bytes of one EPCIS document in an `import_epcis` transaction. A whole transaction is at
   * most protocolLimits.txBytesMax (64 KiB), so bigger loads are split into several documents.
   */
  importDocumentBytesMax: 63 * 1024,
  /** EPCIS events in one imported document. */
  eventsPerImportMax: 100,
  /** Objects one EPCIS event touches, counting units reached through their cases and pallets. */
  objectsPerEventMax: 2_000,
  /** Objects touched by all events of one import together. */
  objectsPerImportMax: 8_000,
  /** Direct children of one case or pallet. */
  childrenPerContainerMax: 1_000,
  /** Nesting of containers (pallet → case → unit is 2). */
  containerDepthMax: 4,
  /** Characters of an EPC, location or eventID URI. */
  identifierLengthMax: 256,
  /** Bytes of one escaped key segment, so every state key stays under nodeLimits.stateKeyBytesMax. */
  keySegmentBytesMax: 320,
  /** Alerts announced as transaction events; the rest are stored and counted in the import summary. */
  alertEventsPerTxMax: protocolLimits.eventsPerTxMax - 4,
  /** Units named in one alert; the alert always carries the full count. */
  unitsListedPerAlertMax: 20,
  /** History steps returned by one query (page with `after`). */
  historyStepsPerQueryMax: 1_000,
  /** Steps exported in one EPCIS document. */
  exportEventsMax: 1_000,
  /** Alerts returned by one query, and alerts examined to fill it when filtering. */
  alertsPerQueryMax: 1_000,
  alertsScannedPerQueryMax: 20_000,
  /** Rows of stock, demand or shortage listings. */
  listingRowsMax: nodeLimits.apiQueryResultsMax,
  /** Cost units charged per EPCIS event and per object an event touches. */
  costUnitsPerEvent: 20,
  costUnitsPerObject: 4,
} as const;
