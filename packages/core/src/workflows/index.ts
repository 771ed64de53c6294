export * from "./credentials.ts";
export * from "./errors.ts";
export * from "./limits.ts";
export * from "./schemas.ts";
export * from "./templates.ts";
export * from "./verifyDecision.ts";
