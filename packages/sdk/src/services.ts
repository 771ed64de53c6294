/*
 * Every service of the SDK, each a folder of its own: adding a service is its folder and one line
 * here. The package exports each as a namespace, and createKexinClient binds each one's `actions`.
 */
export * as contracts from "./contracts/index.ts";
export * as datashare from "./datashare/index.ts";
export * as evidence from "./evidence/index.ts";
export * as governance from "./governance/index.ts";
export * as identity from "./identity/index.ts";
export * as points from "./points/index.ts";
export * as trace from "./trace/index.ts";
export * as workflows from "./workflows/index.ts";
