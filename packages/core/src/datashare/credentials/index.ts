export * from "./jcs.ts";
export * from "./limits.ts";
export * from "./multikey.ts";
export * from "./proof.ts";
export * from "./schemas.ts";
export * from "./status.ts";
export * from "./verify.ts";
