/**
 * Base of every error Kexin raises on purpose. `type` is a discriminated payload whose
 * `code` is stable and documented; the API maps codes to HTTP statuses in one table.
 */
export class KexinError<T extends { code: string } = { code: string }> extends Error {
  readonly type: T;

  constructor(type: T, message: string) {
    super(message);
    this.type = type;
    this.name = new.target.name;
  }

  get code(): T["code"] {
    return this.type.code;
  }
}

export type CodecErrorType =
  | { code: "CODEC_MALFORMED"; reason: string }
  | { code: "CODEC_NOT_CANONICAL"; reason?: string }
  | { code: "CODEC_TOO_LARGE"; sizeBytes: number; sizeBytesMax: number }
  | { code: "CODEC_NESTING_TOO_DEEP"; nestingDepthMax: number; position: number };
export class CodecError extends KexinError<CodecErrorType> {}

export type CryptoErrorType =
  | { code: "CRYPTO_UNKNOWN_SUITE"; suite: string }
  | { code: "CRYPTO_BAD_KEY"; reason: string }
  | { code: "CRYPTO_OPEN_FAILED" }
  | { code: "CRYPTO_BAD_PASSPHRASE" }
  | { code: "CRYPTO_BAD_KEY_FILE"; reason: string };
export class CryptoError extends KexinError<CryptoErrorType> {}
