import { type EpcisEvent, type JsonObject, type JsonValue, TraceError, parseEpcisDocument, traceLimits as coreTraceLimits, utf8 } from "@kexin/core";
import { type SdkError, invalidParameter } from "../errors.ts";
import { requireCount } from "../validation.ts";
import { traceLimits } from "./types.ts";

export type SplitEpcisDocumentParameters = {
  /** An EPCIS 2.0 JSON document of any size, as text or parsed. */
  readonly document: string | JsonObject;
  /** UTF-8 bytes of one part; at most (and by default) 63 KiB, the node's bound. */
  readonly bytesMax?: number;
  /** Events of one part; at most (and by default) 100. */
  readonly eventsMax?: number;
  /**
   * EPCs listed by the events of one part; at most (and by default) 8,000. The node counts units
   * reached through cases and pallets too, which only it knows: lower this for documents that
   * ship many full containers.
   */
  readonly objectsMax?: number;
};

/** One document that fits one import_epcis transaction. */
export type EpcisDocumentPart = {
  /** The JSON text to put in trace.importEpcis. */
  readonly document: string;
  /** Position of its first event in the original eventList. */
  readonly firstEvent: number;
  readonly events: number;
  readonly bytes: number;
};
export type SplitEpcisDocumentReturnType = { readonly parts: readonly EpcisDocumentPart[]; readonly events: number };
/** TraceError (EPCIS_INVALID, …) when the node would not accept the events; SdkError when one event cannot fit a transaction. */
export type SplitEpcisDocumentErrorType = TraceError | SdkError;

const context = "trace.splitEpcisDocument";

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** EPCs an event lists itself; cases and pallets may reach more, which only the node can count. */
function listedObjects(event: EpcisEvent): number {
  const lists = event as { epcList?: unknown[]; childEPCs?: unknown[]; inputEPCList?: unknown[]; outputEPCList?: unknown[]; parentID?: string };
  return (lists.epcList?.length ?? 0) + (lists.childEPCs?.length ?? 0) + (lists.inputEPCList?.length ?? 0) + (lists.outputEPCList?.length ?? 0) + (lists.parentID === undefined ? 0 : 1);
}

function withEvents(document: JsonObject, body: JsonObject, eventList: readonly JsonValue[]): JsonObject {
  // Spreading keeps every key where it was, so the parts read like the original document.
  return { ...document, epcisBody: { ...body, eventList: [...eventList] } };
}

/**
 * Validates a large document with the node's parser, a slice of at most 10,000 events at a time
 * (core's bound per document), and returns the normalised events for counting.
 */
function validatedEvents(document: JsonObject, body: JsonObject, eventList: readonly JsonValue[]): EpcisEvent[] {
  if (eventList.length <= coreTraceLimits.eventsPerDocumentMax) return parseEpcisDocument(document).events;
  const events: EpcisEvent[] = [];
  for (let offset = 0; offset < eventList.length; offset += coreTraceLimits.eventsPerDocumentMax) {
    const slice = eventList.slice(offset, offset + coreTraceLimits.eventsPerDocumentMax);
    try {
      events.push(...parseEpcisDocument(withEvents(document, body, slice)).events);
    } catch (error) {
      if (!(error instanceof TraceError) || offset === 0) throw error;
      // Paths in the message count from the slice; say where the slice starts in the file.
      throw new TraceError(error.type, `in the events from epcisBody.eventList[${offset}] on (paths count from there): ${error.message}`);
    }
  }
  return events;
}

/**
 * Splits an EPCIS 2.0 document into documents that each fit one import_epcis transaction: at most
 * 63 KiB and 100 events. Every part keeps the original header and @context and takes a run of
 * consecutive events unchanged, so importing the parts in order, from one account, records what
 * importing the whole would. The whole document is first checked with the node's parser.
 */
export function splitEpcisDocument(parameters: SplitEpcisDocumentParameters): SplitEpcisDocumentReturnType {
  const bytesMax = requireCount(context, "bytesMax", parameters.bytesMax ?? traceLimits.importDocumentBytesMax, 256, traceLimits.importDocumentBytesMax);
  const eventsMax = requireCount(context, "eventsMax", parameters.eventsMax ?? traceLimits.eventsPerImportMax, 1, traceLimits.eventsPerImportMax);
  const objectsMax = requireCount(context, "objectsMax", parameters.objectsMax ?? traceLimits.objectsPerImportMax, 1, traceLimits.objectsPerImportMax);
  let document: unknown = parameters.document;
  if (typeof document === "string") {
    try {
      document = JSON.parse(document) as unknown;
    } catch (error) {
      throw invalidParameter(context, "document", `is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const body = isObject(document) ? document.epcisBody : undefined;
  const eventList = isObject(body) ? body.eventList : undefined;
  // Anything that is not an EPCIS document with an event list gets the parser's own explanation.
  if (!isObject(document) || !isObject(body) || !Array.isArray(eventList)) {
    parseEpcisDocument(document);
    throw invalidParameter(context, "document", "must be an EPCISDocument with epcisBody.eventList");
  }
  const events = validatedEvents(document, body, eventList);
  if (events.length === 0) throw invalidParameter(context, "document", "has no events in epcisBody.eventList");

  const headerBytes = utf8(JSON.stringify(withEvents(document, body, []))).length;
  const parts: EpcisDocumentPart[] = [];
  let first = 0;
  let bytes = headerBytes;
  let objects = 0;
  const close = (end: number): void => {
    const text = JSON.stringify(withEvents(document, body, eventList.slice(first, end)));
    parts.push({ document: text, firstEvent: first, events: end - first, bytes });
  };
  eventList.forEach((raw, index) => {
    const eventBytes = utf8(JSON.stringify(raw)).length;
    const eventObjects = listedObjects(events[index] as EpcisEvent);
    if (headerBytes + eventBytes > bytesMax) {
      throw invalidParameter(
        context,
        "document",
        `epcisBody.eventList[${index}] is ${eventBytes} bytes; with the document's header and @context (${headerBytes} bytes) it does not fit one transaction (${bytesMax} bytes). Shorten the event or the header`,
      );
    }
    if (eventObjects > objectsMax) {
      throw invalidParameter(context, "document", `epcisBody.eventList[${index}] lists ${eventObjects} EPCs; one transaction touches at most ${objectsMax} objects. Split the event`);
    }
    const count = index - first;
    // Between two events of a list JSON.stringify writes one comma.
    if (count > 0 && (count + 1 > eventsMax || bytes + 1 + eventBytes > bytesMax || objects + eventObjects > objectsMax)) {
      close(index);
      first = index;
      bytes = headerBytes;
      objects = 0;
    }
    bytes += (index === first ? 0 : 1) + eventBytes;
    objects += eventObjects;
  });
  close(eventList.length);
  return { parts, events: eventList.length };
}
