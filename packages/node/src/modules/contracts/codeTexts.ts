import type { StateRead } from "../../execution/interface.ts";
import { readCodeText } from "./registry.ts";

/** Code texts kept for this many code hashes; beyond it the cache starts again. */
const codeHashesCachedMax = 64;

/**
 * Stored code as text, by code hash. Code is stored under its own hash and never changes there,
 * so a text read once stays right; keeping it saves reading and decoding the code on every call,
 * and hands the sandbox the same string each time (its loaded images are keyed by the text).
 */
export class CodeTexts {
  private readonly byCodeHash = new Map<string, string>();

  get(state: StateRead, codeHashHex: string): string | undefined {
    const cached = this.byCodeHash.get(codeHashHex);
    if (cached !== undefined) return cached;
    const text = readCodeText(state, codeHashHex);
    if (text === undefined) return undefined;
    if (this.byCodeHash.size >= codeHashesCachedMax) this.byCodeHash.clear();
    this.byCodeHash.set(codeHashHex, text);
    return text;
  }
}
