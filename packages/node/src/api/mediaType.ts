import { KexinError } from "@kexin/core";

export type MediaTypeErrorType = { code: "API_UNSUPPORTED_MEDIA_TYPE"; contentType: string };
export class MediaTypeError extends KexinError<MediaTypeErrorType> {}

/** What the API's JSON bodies may be sent as. */
export const jsonMediaTypeAccepted = "application/json, in UTF-8 (charset=utf-8 or no charset)";

/**
 * Refuses a JSON body declared in a charset other than UTF-8 before it is read: the JSON parser
 * reads every body as UTF-8, so Latin-1 or UTF-16 text would be admitted as something else.
 */
export function assertJsonCharset(contentType: string | undefined): void {
  if (contentType === undefined) return;
  const [mediaType, ...parameters] = contentType.split(";");
  if (mediaType?.trim().toLowerCase() !== "application/json") return;
  for (const parameter of parameters) {
    const equals = parameter.indexOf("=");
    if (parameter.slice(0, equals).trim().toLowerCase() !== "charset") continue;
    const charset = parameter.slice(equals + 1).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
    if (charset !== "utf-8") {
      throw new MediaTypeError({ code: "API_UNSUPPORTED_MEDIA_TYPE", contentType }, `charset ${JSON.stringify(charset)} is not supported: send ${jsonMediaTypeAccepted}`);
    }
  }
}

/** The refusal of a body whose content type no parser on the route accepts. */
export function unsupportedMediaType(contentType: string | undefined, accepted: string): MediaTypeError {
  const shown = contentType === undefined ? "none" : JSON.stringify(contentType);
  return new MediaTypeError({ code: "API_UNSUPPORTED_MEDIA_TYPE", contentType: contentType ?? "" }, `content type ${shown} is not accepted here: send ${accepted}`);
}
