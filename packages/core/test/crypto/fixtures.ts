import { fromHex } from "../../src/bytes.ts";
import type { CryptoBackend } from "../../src/crypto/backend.ts";
import { backend as portableBackend } from "../../src/crypto/backend.browser.ts";
import { backend as nodeBackend } from "../../src/crypto/backend.node.ts";

/** Hex as the standards print it: upper or lower case, with spaces or line breaks between groups. */
export function hex(text: string): Uint8Array {
  return fromHex(text.replace(/\s+/g, ""));
}

export const backends: readonly CryptoBackend[] = [nodeBackend, portableBackend];

export { nodeBackend, portableBackend };
