import type { Command } from "commander";

export interface TextSink {
  write(text: string): unknown;
}

/** What a command may touch besides the file system and the network, so output is decided in one place. */
export interface CliContext {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadStream;
  readonly env: NodeJS.ProcessEnv;
  /** A command that has already reported its own failure sets this instead of throwing. */
  exitCode: number;
}

export interface GlobalOptions {
  readonly node: string;
  readonly home: string;
  readonly json: boolean;
}

export const defaultNodeUrl = "http://127.0.0.1:7420";
export const defaultHome = "./.kexin";

export function globalOptions(command: Command): GlobalOptions {
  const values = command.optsWithGlobals<{ node: string; home: string; json?: boolean }>();
  return { node: values.node, home: values.home, json: values.json === true };
}
