/**
 * RFC 7468 textual encoding: base64 between "-----BEGIN label-----" and "-----END label-----",
 * 64 characters a line. Decoding ignores text around the armor, as OpenSSL does.
 */
const lineCharacters = 64;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodePem(label: string, der: Uint8Array): string {
  let binary = "";
  for (const byte of der) binary += String.fromCharCode(byte);
  const base64 = btoa(binary);
  const lines: string[] = [];
  for (let offset = 0; offset < base64.length; offset += lineCharacters) lines.push(base64.slice(offset, offset + lineCharacters));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** The DER inside the first block labelled `label`; throws a RangeError naming the problem. */
export function decodePem(text: string, label: string): Uint8Array {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = text.indexOf(begin);
  if (start < 0) {
    const found = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
    throw new RangeError(found === null ? `no "${begin}" line` : `expected a PEM block "${label}", found "${found[1] ?? ""}"`);
  }
  const bodyStart = start + begin.length;
  const stop = text.indexOf(end, bodyStart);
  if (stop < 0) throw new RangeError(`no "${end}" line`);
  const base64 = text.slice(bodyStart, stop).replace(/\s+/g, "");
  if (base64.length === 0 || base64.length % 4 !== 0 || !base64Pattern.test(base64)) throw new RangeError("the PEM body is not valid base64");
  const binary = atob(base64);
  const der = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) der[index] = binary.charCodeAt(index);
  return der;
}
