export * from "./diagnosis.ts";
export * from "./errors.ts";
export { identifierPattern } from "./identifiers.ts";
export * from "./limits.ts";
export * from "./lottery-stream.ts";
export * from "./lottery.ts";
export * from "./participants-csv.ts";
export { participantIdProblem } from "./participants.ts";
export * from "./stream.ts";
