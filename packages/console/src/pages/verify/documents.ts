import { evidence } from "@kexin/sdk";

/** Receipts and proofs are a few kilobytes; anything far larger is not one, and parsing it would only stall the tab. */
export const documentTextBytesMax = 4 * 1024 * 1024;

export type Parsed = { readonly source: string; readonly ok: true; readonly value: unknown } | { readonly source: string; readonly ok: false; readonly message: string };

/** What the page checks: a receipt, or an evidence proof (from a file, or fetched for a `?hash=` link). */
export type Loaded =
  | { readonly kind: "receipt"; readonly parsed: Parsed }
  | { readonly kind: "evidence"; readonly source: string; readonly fromNode: boolean; readonly proof: unknown };

const tooLarge = `larger than ${documentTextBytesMax / (1024 * 1024)} MiB`;

export function parseDocumentText(source: string, text: string): Parsed {
  if (text.length > documentTextBytesMax) return { source, ok: false, message: tooLarge };
  try {
    return { source, ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { source, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export async function readDocument(file: File): Promise<Parsed> {
  if (file.size > documentTextBytesMax) return { source: file.name, ok: false, message: tooLarge };
  return parseDocumentText(file.name, await file.text());
}

export function isEvidenceProof(parsed: Parsed): boolean {
  if (!parsed.ok) return false;
  const value = parsed.value as { format?: unknown } | null;
  return typeof value === "object" && value !== null && value.format === evidence.evidenceProofFormat;
}

/** A parsed document as what the page checks: an evidence proof by its format field, a receipt otherwise. */
export function loadedFrom(parsed: Parsed): Loaded {
  return isEvidenceProof(parsed) && parsed.ok ? { kind: "evidence", source: parsed.source, fromNode: false, proof: parsed.value } : { kind: "receipt", parsed };
}

/**
 * Sorts files dropped together. An evidence proof among them is the document, and the first other
 * file is the one it proves. Without a proof in the batch, a file that is not JSON is taken as the
 * proved file when a proof is already open, and any other file as a receipt.
 */
export async function sortDroppedFiles(files: readonly File[], proofOpen: boolean): Promise<{ readonly loaded?: Loaded; readonly content?: File }> {
  const parsed = await Promise.all(files.map((file) => readDocument(file)));
  const proofIndex = parsed.findIndex(isEvidenceProof);
  if (proofIndex >= 0) {
    const content = files.find((_, index) => index !== proofIndex);
    return { loaded: loadedFrom(parsed[proofIndex] as Parsed), ...(content ? { content } : {}) };
  }
  const first = parsed[0];
  const firstFile = files[0];
  if (!first || !firstFile) return {};
  if (proofOpen && !first.ok) return { content: firstFile };
  return { loaded: loadedFrom(first) };
}
