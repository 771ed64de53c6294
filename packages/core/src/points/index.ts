export * from "./records.ts";
export * from "./agreements.ts";
export * from "./answers.ts";
export * from "./calendar.ts";
export * from "./errors.ts";
export * from "./exchangeTerms.ts";
export * from "./limits.ts";
export * from "./programs.ts";
