import type { EpcisDocument, EpcisEvent } from "@kexin/core";
import { identifyEpc } from "../../src/modules/trace/identifiers.ts";
import { traceBizSteps } from "../../src/modules/trace/index.ts";

/**
 * What a chain must already hold before an EPCIS document from elsewhere can be recorded on it:
 * the products of its GTINs, the places its shipments go to, the objects it observes without
 * commissioning them, and the packing it undoes. Derived from the document alone, so a test can
 * set up a fresh chain for any valid document and then import the document as it is.
 */
export interface ImportPrerequisites {
  /** GTIN-14s of every trade item the document names. */
  readonly gtins: readonly string[];
  /** Destinations of its shipping events, to be registered as locations. */
  readonly destinations: readonly string[];
  /** One EPC per object the document uses before (or without) commissioning it, as the document first writes it. */
  readonly commissioned: readonly string[];
  /** Children an AggregationEvent DELETE unpacks that the document never packed. */
  readonly packed: readonly { readonly parent: string; readonly children: readonly string[] }[];
}

const listFields = ["epcList", "childEPCs", "inputEPCList", "outputEPCList"] as const;

function identifiersOf(event: EpcisEvent): string[] {
  const fields = event as unknown as Record<string, string | string[] | undefined>;
  const parent = typeof fields.parentID === "string" ? [fields.parentID] : [];
  return [...parent, ...listFields.flatMap((field) => (fields[field] as string[] | undefined) ?? [])];
}

/** The identity of an EPC, or undefined for one the module refuses: the import itself then reports it. */
function identityOf(epc: string): ReturnType<typeof identifyEpc> | undefined {
  try {
    return identifyEpc(epc, "prerequisites");
  } catch {
    return undefined;
  }
}

/** The EPCs an event brings into existence: an ObjectEvent ADD's list, a transformation's outputs, a new case or pallet an aggregation packs into. */
function createdBy(event: EpcisEvent): string[] {
  if (event.type === "ObjectEvent" && event.action === "ADD") return event.epcList ?? [];
  if (event.type === "TransformationEvent") return event.outputEPCList ?? [];
  if (event.type === "AggregationEvent" && event.action === "ADD" && event.parentID !== undefined && identityOf(event.parentID)?.kind === "object") return [event.parentID];
  return [];
}

export function importPrerequisites(document: EpcisDocument): ImportPrerequisites {
  const keyOf = (epc: string) => identityOf(epc)?.key ?? epc;
  const gtins = new Set<string>();
  const destinations = new Set<string>();
  const created = new Set<string>();
  const commissioned = new Map<string, string>();
  const packedChildren = new Map<string, Set<string>>();
  const packed: { parent: string; children: string[] }[] = [];
  for (const event of document.events) {
    for (const epc of identifiersOf(event)) {
      const gtin = identityOf(epc)?.gtin;
      if (gtin !== undefined) gtins.add(gtin);
    }
    if (event.bizStep === traceBizSteps.shipping) for (const entry of event.destinationList ?? []) destinations.add(entry.destination);
    // An error declaration records nothing new about objects, so it needs none of them to exist.
    if (event.errorDeclaration !== undefined) continue;
    const creates = new Set(createdBy(event).map(keyOf));
    for (const epc of identifiersOf(event)) {
      const key = keyOf(epc);
      if (identityOf(epc) !== undefined && !creates.has(key) && !created.has(key) && !commissioned.has(key)) commissioned.set(key, epc);
    }
    for (const key of creates) created.add(key);
    if (event.type === "AggregationEvent" && event.parentID !== undefined) {
      const parentKey = keyOf(event.parentID);
      const inside = packedChildren.get(parentKey) ?? new Set<string>();
      packedChildren.set(parentKey, inside);
      const children = event.childEPCs ?? [];
      if (event.action === "ADD") for (const child of children) inside.add(keyOf(child));
      if (event.action === "DELETE") {
        const missing = children.filter((child) => !inside.has(keyOf(child)));
        if (missing.length > 0) packed.push({ parent: event.parentID, children: missing });
        for (const child of children) inside.delete(keyOf(child));
      }
    }
  }
  return { gtins: [...gtins].sort(), destinations: [...destinations].sort(), commissioned: [...commissioned.values()], packed };
}
