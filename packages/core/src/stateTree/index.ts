export * from "./errors.ts";
export * from "./hashing.ts";
export * from "./node.ts";
export * from "./update.ts";
export * from "./proof.ts";
