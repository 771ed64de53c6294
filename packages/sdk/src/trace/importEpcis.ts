import { type JsonObject, type TraceError, parseEpcisDocument, utf8 } from "@kexin/core";
import type { TxCall } from "../call.ts";
import { type SdkError, invalidParameter } from "../errors.ts";
import { traceLimits } from "./types.ts";

export type ImportEpcisParameters = {
  /** An EPCIS 2.0 JSON document, as text or parsed; at most 63 KiB and 100 events (see splitEpcisDocument). */
  readonly document: string | JsonObject;
};
export type ImportEpcisPayload = { readonly document: string };
export type ImportEpcisCall = TxCall<"trace", "import_epcis", ImportEpcisPayload>;
/** SdkError SDK_INVALID_PARAMETER for a document too large for one transaction; core's TraceError (EPCIS_INVALID, …) for one the node would not parse. */
export type ImportEpcisErrorType = SdkError | TraceError;

/**
 * Records the events of one EPCIS document in order, all or nothing, each checked against the
 * custody of the signer's organisation. The document is parsed here with the parser the node
 * uses, so a malformed one is refused before it is signed.
 */
export function importEpcis(parameters: ImportEpcisParameters): ImportEpcisCall {
  const context = "trace.import_epcis";
  const document = typeof parameters.document === "string" ? parameters.document : JSON.stringify(parameters.document);
  if (typeof document !== "string") throw invalidParameter(context, "document", "must be EPCIS JSON text or a parsed EPCIS document");
  const bytes = utf8(document).length;
  if (bytes > traceLimits.importDocumentBytesMax) {
    throw invalidParameter(
      context,
      "document",
      `is ${bytes} bytes; one transaction holds at most ${traceLimits.importDocumentBytesMax} bytes of EPCIS. Split it with trace.splitEpcisDocument and import the parts in order`,
    );
  }
  const { events } = parseEpcisDocument(document);
  if (events.length === 0) throw invalidParameter(context, "document", "has no events in epcisBody.eventList");
  if (events.length > traceLimits.eventsPerImportMax) {
    throw invalidParameter(
      context,
      "document",
      `has ${events.length} events; one transaction records at most ${traceLimits.eventsPerImportMax}. Split it with trace.splitEpcisDocument and import the parts in order`,
    );
  }
  return { module: "trace", type: "import_epcis", payload: { document } };
}
