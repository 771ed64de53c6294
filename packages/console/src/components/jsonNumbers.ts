/** A JSON number token with a fraction or an exponent. */
const fractionOrExponent = /[.eE]/;

/**
 * The first number written with a fraction or an exponent outside strings, or undefined. The text
 * is read before JSON.parse, which turns `1.0` into the integer 1: a reader who wrote a decimal
 * point meant a fraction, and is told so instead of having it silently dropped.
 */
export function firstNonIntegerNumber(text: string): string | undefined {
  let inString = false;
  for (let position = 0; position < text.length; position++) {
    const character = text[position] as string;
    if (inString) {
      if (character === "\\") position++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
      continue;
    }
    if (character === "-" || (character >= "0" && character <= "9")) {
      const token = /^-?[0-9]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?/.exec(text.slice(position))?.[0] ?? character;
      if (fractionOrExponent.test(token)) return token;
      position += token.length - 1;
    }
  }
  return undefined;
}
