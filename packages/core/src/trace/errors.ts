import { KexinError } from "../errors.ts";

export type UdiErrorType =
  | { code: "UDI_MALFORMED"; reason: string }
  | { code: "UDI_BAD_CHECK_DIGIT"; gtin: string; expected: number }
  | { code: "UDI_BAD_DATE"; applicationIdentifier: string; value: string; reason: string }
  | { code: "UDI_UNKNOWN_AI"; applicationIdentifier: string }
  | { code: "UDI_MISSING_GTIN" }
  | { code: "UDI_BAD_CHARACTER"; applicationIdentifier: string; character: string; position: number }
  | { code: "UDI_FIELD_TOO_LONG"; applicationIdentifier: string; length: number; lengthMax: number }
  | { code: "UDI_DUPLICATE_AI"; applicationIdentifier: string }
  | { code: "EPC_MALFORMED"; uri: string; reason: string }
  | { code: "GS1_KEY_MALFORMED"; applicationIdentifier: string; reason: string }
  | { code: "GS1_KEY_BAD_CHECK_DIGIT"; applicationIdentifier: string; value: string; expected: number };

export type EpcisIssueCode =
  | "EPCIS_MISSING_CONTEXT"
  | "EPCIS_MISSING_FIELD"
  | "EPCIS_UNKNOWN_FIELD"
  | "EPCIS_BAD_TIME"
  | "EPCIS_BAD_VALUE"
  | "EPCIS_NON_STANDARD_VOCABULARY"
  | "EPCIS_UNDECLARED_NAMESPACE"
  | "EPCIS_UNSUPPORTED_TYPE";

/** One problem in an EPCIS document; `path` is a JSON path such as `epcisBody.eventList[1].bizStep`. */
export interface EpcisIssue {
  code: EpcisIssueCode;
  path: string;
  message: string;
}

export type EpcisErrorType =
  | { code: "EPCIS_MALFORMED_JSON"; reason: string }
  | { code: "EPCIS_TOO_LARGE"; limit: string; size: number; sizeMax: number }
  | { code: "EPCIS_INVALID"; issues: readonly EpcisIssue[]; issueCount: number };

export type TraceErrorType = UdiErrorType | EpcisErrorType;

/** Every refusal from the traceability parsers; `code` says which rule, the message names the field. */
export class TraceError extends KexinError<TraceErrorType> {}

const issuesInMessageMax = 5;

export function epcisInvalidError(issues: readonly EpcisIssue[], issueCount: number): TraceError {
  const listed = issues.slice(0, issuesInMessageMax).map((issue) => `${issue.path === "" ? "document" : issue.path}: ${issue.message}`);
  const more = issueCount > listed.length ? `; and ${issueCount - listed.length} more` : "";
  const noun = issueCount === 1 ? "problem" : "problems";
  return new TraceError(
    { code: "EPCIS_INVALID", issues, issueCount },
    `EPCIS input refused, ${issueCount} ${noun}: ${listed.join("; ")}${more}`,
  );
}
