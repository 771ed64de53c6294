import type { JsonObject } from "./json.ts";

export const epcisEventTypes = ["ObjectEvent", "AggregationEvent", "TransformationEvent", "AssociationEvent", "TransactionEvent"] as const;
export type EpcisEventType = (typeof epcisEventTypes)[number];
export type EpcisAction = "ADD" | "OBSERVE" | "DELETE";

/*
 * Field names follow the EPCIS 2.0 JSON binding so the wire format maps one to one. `extensions`
 * holds namespaced fields exactly as written (for example "example:myField"); optional fields are
 * absent rather than undefined, so normalised events compare with deep equality.
 */

export interface QuantityElement {
  epcClass: string;
  quantity?: number;
  uom?: string;
}

export interface BusinessTransaction {
  /** A CBV business transaction type word (po, inv, …) or a URI. */
  type?: string;
  bizTransaction: string;
}

export interface SourceElement {
  /** owning_party, possessing_party, location, or a URI. */
  type: string;
  source: string;
}

export interface DestinationElement {
  type: string;
  destination: string;
}

/** readPoint and bizLocation. */
export interface EpcisLocation {
  id: string;
  extensions?: JsonObject;
}

export interface PersistentDisposition {
  set?: string[];
  unset?: string[];
}

export interface ErrorDeclaration {
  declarationTime: string;
  /** did_not_occur, incorrect_data, or a URI. */
  reason?: string;
  correctiveEventIDs?: string[];
  extensions?: JsonObject;
}

export interface SensorMetadata {
  time?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  startTime?: string;
  endTime?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  extensions?: JsonObject;
}

export interface SensorReport {
  /** Measurement type as written: "Temperature", "gs1:Temperature" or a URI. */
  type?: string;
  exception?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  time?: string;
  microorganism?: string;
  chemicalSubstance?: string;
  coordinateReferenceSystem?: string;
  value?: number;
  component?: string;
  stringValue?: string;
  booleanValue?: boolean;
  hexBinaryValue?: string;
  uriValue?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  sDev?: number;
  percRank?: number;
  percValue?: number;
  /** UN/CEFACT Recommendation 20 code, for example CEL. */
  uom?: string;
  extensions?: JsonObject;
}

export interface SensorElement {
  sensorMetadata?: SensorMetadata;
  sensorReport: SensorReport[];
  extensions?: JsonObject;
}

export interface EpcisEventCommon {
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  eventID?: string;
  certificationInfo?: string[];
  errorDeclaration?: ErrorDeclaration;
  /** A bare CBV 2.0 word when the step is standard, whichever spelling was used; otherwise the URI. */
  bizStep?: string;
  /** A bare CBV 2.0 word when standard; otherwise the URI. */
  disposition?: string;
  persistentDisposition?: PersistentDisposition;
  readPoint?: EpcisLocation;
  bizLocation?: EpcisLocation;
  bizTransactionList?: BusinessTransaction[];
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  sensorElementList?: SensorElement[];
  extensions?: JsonObject;
  /** The @context prefixes this event's names and values rely on, so an export can declare them. */
  namespaces?: Record<string, string>;
}

export interface ObjectEvent extends EpcisEventCommon {
  type: "ObjectEvent";
  action: EpcisAction;
  epcList?: string[];
  quantityList?: QuantityElement[];
  ilmd?: JsonObject;
}

export interface AggregationEvent extends EpcisEventCommon {
  type: "AggregationEvent";
  action: EpcisAction;
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export interface AssociationEvent extends EpcisEventCommon {
  type: "AssociationEvent";
  action: EpcisAction;
  parentID: string;
  childEPCs?: string[];
  childQuantityList?: QuantityElement[];
}

export interface TransactionEvent extends EpcisEventCommon {
  type: "TransactionEvent";
  action: EpcisAction;
  bizTransactionList: BusinessTransaction[];
  parentID?: string;
  epcList?: string[];
  quantityList?: QuantityElement[];
}

export interface TransformationEvent extends EpcisEventCommon {
  type: "TransformationEvent";
  inputEPCList?: string[];
  inputQuantityList?: QuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: QuantityElement[];
  transformationID?: string;
  ilmd?: JsonObject;
}

export type EpcisEvent = ObjectEvent | AggregationEvent | AssociationEvent | TransactionEvent | TransformationEvent;

export interface EpcisDocument {
  schemaVersion: string;
  creationDate: string;
  id?: string;
  sender?: string;
  receiver?: string;
  instanceIdentifier?: string;
  /** Master data and other header content, kept as written. */
  epcisHeader?: JsonObject;
  extensions?: JsonObject;
  namespaces?: Record<string, string>;
  events: EpcisEvent[];
}
