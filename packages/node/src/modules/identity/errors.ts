import { KexinError } from "@kexin/core";

export type IdentityErrorType =
  | { code: "IDENTITY_UNKNOWN_ORGANISATION"; org: string }
  | { code: "IDENTITY_ALREADY_REGISTERED"; address: string }
  | { code: "IDENTITY_UNKNOWN_ACCOUNT"; address: string }
  | { code: "IDENTITY_ADMIN_IMMUTABLE"; address: string };
export class IdentityError extends KexinError<IdentityErrorType> {}
