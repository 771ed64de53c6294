import type { ValidatorChange } from "./governanceReads.ts";

/** The governance module's rule for proposal ids. */
export const proposalIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export type ChangesParse = { readonly kind: "changes"; readonly changes: ValidatorChange[] } | { readonly kind: "empty" } | { readonly kind: "bad-line"; readonly line: number; readonly reason: "notHex" | "notPower" };

/**
 * Reads the changes as typed, one per line: a public key in hex and a power, separated by spaces,
 * a tab or a comma (ASCII or Chinese). Blank lines are skipped; the node checks the key's length
 * and the resulting set.
 */
export function parseChanges(text: string): ChangesParse {
  const changes: ValidatorChange[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    const [publicKey = "", power = ""] = trimmed.split(/[\s,，]+/);
    const key = publicKey.toLowerCase();
    if (!/^(?:[0-9a-f]{2})+$/.test(key)) return { kind: "bad-line", line: index + 1, reason: "notHex" };
    if (!/^(?:0|[1-9][0-9]{0,14})$/.test(power)) return { kind: "bad-line", line: index + 1, reason: "notPower" };
    changes.push({ publicKey: key, power: Number(power) });
  }
  return changes.length === 0 ? { kind: "empty" } : { kind: "changes", changes };
}
