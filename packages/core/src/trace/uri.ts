const schemePattern = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** An absolute URI per RFC 3986 §4.3 in shape: a scheme, a colon, then text without spaces or controls. */
export function isAbsoluteUri(value: string): boolean {
  const scheme = schemePattern.exec(value);
  if (scheme === null || scheme[0].length === value.length) return false;
  for (let index = scheme[0].length; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    if (unit <= 0x20 || unit === 0x7f || (unit >= 0x80 && /\s/.test(value[index] as string))) return false;
  }
  return true;
}

const leadingPrefixPattern = /^([A-Za-z][A-Za-z0-9._-]*):(.?.?)/;

/**
 * The JSON-LD prefix a term or value starts with, if any. A following `//` marks an absolute
 * web IRI such as `https://…`, which is not a prefixed name.
 */
export function leadingNamespacePrefix(text: string): string | undefined {
  const match = leadingPrefixPattern.exec(text);
  if (match === null || match[2] === "//") return undefined;
  return match[1];
}
