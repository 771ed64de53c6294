import type { ParseArgsConfig, parseArgs } from "node:util";

export declare const usageExitCode: 2;

export declare function parseCommandLine<T extends ParseArgsConfig>(
  config: T & { readonly usage: string; readonly args?: string[] },
): ReturnType<typeof parseArgs<T>>;

export declare function exitWithUsage(reason: string, usage: string): never;
