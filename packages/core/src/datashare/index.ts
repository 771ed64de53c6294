export * from "./audit.ts";
export * from "./errors.ts";
export * from "./keyFiles.ts";
export * from "./keyRelease.ts";
export * from "./keyWrap.ts";
export * from "./limits.ts";
export * from "./records.ts";
export * from "./subjectReference.ts";
