/** What a search box entry can name; the API decides which of the candidates exists. */
export type SearchTarget =
  | { readonly kind: "height"; readonly height: number }
  | { readonly kind: "hash"; readonly hash: string }
  | { readonly kind: "account"; readonly address: string }
  | { readonly kind: "unrecognised" };

/** Accepts what people paste: surrounding spaces, a 0x prefix, upper-case hex, a "#" before a height. */
export function classifySearch(input: string): SearchTarget {
  const text = input.trim().replace(/^#/, "").replace(/^0x/i, "");
  if (/^[0-9]{1,15}$/.test(text)) {
    const height = Number(text);
    return height >= 1 ? { kind: "height", height } : { kind: "unrecognised" };
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { kind: "hash", hash: text.toLowerCase() };
  if (/^[0-9a-fA-F]{40}$/.test(text)) return { kind: "account", address: text.toLowerCase() };
  return { kind: "unrecognised" };
}
