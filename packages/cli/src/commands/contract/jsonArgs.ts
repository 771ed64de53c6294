import { readFile } from "node:fs/promises";
import type { CborValue } from "@kexin/core";
import { contracts } from "@kexin/sdk";
import { badInput } from "../../errors.ts";

/**
 * The number tokens of a JSON text, outside its strings. JSON.parse turns 1.0 into 1, so a float
 * has to be caught in the text: a contract takes integers only, and a value silently rounded
 * would be signed as something the user did not write.
 */
function numberTokens(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"') {
      index += 1;
      while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
      index += 1;
    } else if (/[-0-9]/.test(character)) {
      const start = index;
      while (index < text.length && /[-+0-9.eE]/.test(text[index] as string)) index += 1;
      tokens.push(text.slice(start, index));
    } else {
      index += 1;
    }
  }
  return tokens;
}

/** JSON with integers only (no fractions, no exponents, nothing beyond 2^53 − 1), as the value a contract receives. */
export function parseContractJson(text: string, what: string): CborValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput(what, `${what} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const float = numberTokens(text).find((token) => /[.eE]/.test(token));
  if (float !== undefined) throw badInput(what, `${what} holds ${float}, which is not an integer: contracts take integers only (scale it, e.g. to cents)`);
  const problem = contracts.valueProblem(value);
  if (problem !== undefined) throw badInput(what, `${what} cannot be sent to a contract: ${problem}`);
  return value as CborValue;
}

/** JSON given inline (starting with `{` or `[`) or as the path of a file holding it. */
export async function inlineOrFileJson(argument: string, what: string): Promise<CborValue> {
  const trimmed = argument.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseContractJson(argument, what);
  let text: string;
  try {
    text = await readFile(argument, "utf8");
  } catch {
    throw badInput(what, `${what} must be JSON or the path of a JSON file; cannot read "${argument}"`);
  }
  return parseContractJson(text, `${what} (${argument})`);
}
