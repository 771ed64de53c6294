import { isAbsoluteUri } from "./uri.ts";

/** GS1 Core Business Vocabulary (CBV) 2.0 business steps, the values of bizStep. */
export const cbvBusinessSteps = [
  "accepting",
  "arriving",
  "assembling",
  "collecting",
  "commissioning",
  "consigning",
  "creating_class_instance",
  "cycle_counting",
  "decommissioning",
  "departing",
  "destroying",
  "disassembling",
  "dispensing",
  "encoding",
  "entering_exiting",
  "holding",
  "inspecting",
  "installing",
  "killing",
  "loading",
  "other",
  "packing",
  "picking",
  "receiving",
  "removing",
  "repackaging",
  "repairing",
  "replacing",
  "reserving",
  "retail_selling",
  "sampling",
  "sensor_reporting",
  "shipping",
  "staging_outbound",
  "stock_taking",
  "stocking",
  "storing",
  "transporting",
  "unloading",
  "unpacking",
  "void_shipping",
] as const;
export type CbvBusinessStep = (typeof cbvBusinessSteps)[number];

/** CBV 2.0 dispositions. */
export const cbvDispositions = [
  "active",
  "available",
  "completeness_inferred",
  "completeness_verified",
  "conformant",
  "container_closed",
  "container_open",
  "damaged",
  "destroyed",
  "dispensed",
  "disposed",
  "encoded",
  "expired",
  "in_progress",
  "in_transit",
  "inactive",
  "mismatch_class",
  "mismatch_instance",
  "mismatch_quantity",
  "needs_replacement",
  "no_pedigree_match",
  "non_conformant",
  "non_sellable_other",
  "partially_dispensed",
  "recalled",
  "reserved",
  "retail_sold",
  "returned",
  "sellable_accessible",
  "sellable_not_accessible",
  "stolen",
  "unavailable",
  "unknown",
] as const;
export type CbvDisposition = (typeof cbvDispositions)[number];

/** CBV 2.0 business transaction types. */
export const cbvBusinessTransactionTypes = [
  "bol",
  "cert",
  "desadv",
  "inv",
  "pedigree",
  "po",
  "poc",
  "prodorder",
  "recadv",
  "rma",
  "testprd",
  "testres",
  "upevt",
] as const;
export type CbvBusinessTransactionType = (typeof cbvBusinessTransactionTypes)[number];

/** CBV 2.0 source and destination types. */
export const cbvSourceDestinationTypes = ["owning_party", "possessing_party", "location"] as const;
export type CbvSourceDestinationType = (typeof cbvSourceDestinationTypes)[number];

/** CBV 2.0 error reasons. */
export const cbvErrorReasons = ["did_not_occur", "incorrect_data"] as const;
export type CbvErrorReason = (typeof cbvErrorReasons)[number];

export interface CbvVocabulary {
  /** Singular, for messages: "business step". */
  readonly name: string;
  readonly words: ReadonlySet<string>;
  /** The CBV 1.x URN form, for example `urn:epcglobal:cbv:bizstep:`. */
  readonly urnPrefix: string;
  /** The CBV 2.0 web form, for example `https://ref.gs1.org/cbv/BizStep-`. */
  readonly webPrefix: string;
  /** The same web form as a compact IRI under the `cbv` prefix of the EPCIS context. */
  readonly compactPrefix: string;
}

function vocabulary(name: string, words: readonly string[], urnSegment: string, webSegment: string): CbvVocabulary {
  return {
    name,
    words: new Set(words),
    urnPrefix: `urn:epcglobal:cbv:${urnSegment}:`,
    webPrefix: `https://ref.gs1.org/cbv/${webSegment}-`,
    compactPrefix: `cbv:${webSegment}-`,
  };
}

export const cbvVocabularies = {
  businessStep: vocabulary("business step", cbvBusinessSteps, "bizstep", "BizStep"),
  disposition: vocabulary("disposition", cbvDispositions, "disp", "Disp"),
  businessTransactionType: vocabulary("business transaction type", cbvBusinessTransactionTypes, "btt", "BTT"),
  sourceDestinationType: vocabulary("source or destination type", cbvSourceDestinationTypes, "sdt", "SDT"),
  errorReason: vocabulary("error reason", cbvErrorReasons, "er", "ER"),
} as const;

export type CbvNormalization = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A standard value becomes its bare CBV word whichever of its three spellings was used; any
 * other absolute URI is a user extension and stays as written. A bare word outside the
 * vocabulary, or an unknown word inside a CBV namespace, is refused.
 */
export function normalizeCbvValue(vocabulary: CbvVocabulary, value: string): CbvNormalization {
  if (vocabulary.words.has(value)) return { ok: true, value };
  for (const prefix of [vocabulary.urnPrefix, vocabulary.webPrefix, vocabulary.compactPrefix]) {
    if (!value.startsWith(prefix)) continue;
    const word = value.slice(prefix.length);
    if (vocabulary.words.has(word)) return { ok: true, value: word };
    return { ok: false, reason: `'${value}' is in the CBV namespace but '${word}' is not a CBV 2.0 ${vocabulary.name}` };
  }
  if (isAbsoluteUri(value)) return { ok: true, value };
  return {
    ok: false,
    reason:
      `'${value}' is neither a CBV 2.0 ${vocabulary.name} nor a URI; ` +
      `a non-standard ${vocabulary.name} must be written as an absolute URI (for example https://example.com/${value})`,
  };
}

export function isCbvBusinessStep(value: string): value is CbvBusinessStep {
  return cbvVocabularies.businessStep.words.has(value);
}

export function isCbvDisposition(value: string): value is CbvDisposition {
  return cbvVocabularies.disposition.words.has(value);
}
