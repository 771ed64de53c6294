import { stat } from "node:fs/promises";
import { builtinModules } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { type Message, type Plugin, build } from "esbuild";
import { ContractBuildError } from "./errors.ts";

/** Where a contract project keeps its entry, and where a build writes by default. */
export const contractEntryFile = "contract.ts";
export const contractOutputDirectory = "dist";

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every import must end up inside the bundle: Node's modules do not exist in the sandbox, and the authoring types have no values. */
const sandboxImports: Plugin = {
  name: "kexin-contract-imports",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      if (builtins.has(args.path) || args.path.startsWith("node:")) {
        return { errors: [{ text: `"${args.path}" is a Node built-in module; a contract reaches nothing but its ctx` }] };
      }
      if (args.path === "@kexin/sdk/contract") return { errors: [{ text: '"@kexin/sdk/contract" holds types only: import it with `import type`' }] };
      return undefined;
    });
  },
};

function describeMessage(message: Message): string {
  const where = message.location === null ? "" : `${message.location.file}:${message.location.line}:${message.location.column + 1}: `;
  return `${where}${message.text}`;
}

/** The entry file of a project directory or a file, and the default output beside it. */
export async function contractPaths(target: string): Promise<{ entry: string; defaultOut: string }> {
  const path = resolve(target);
  const isDirectory = await stat(path).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (isDirectory) return { entry: join(path, contractEntryFile), defaultOut: join(path, contractOutputDirectory, "contract.js") };
  return { entry: path, defaultOut: join(dirname(path), contractOutputDirectory, `${basename(path).replace(/\.[cm]?[jt]s$/, "")}.js`) };
}

/**
 * Bundles a contract into one ES module (es2020) with no imports left. The same sources give the
 * same bytes: the build ignores any tsconfig around it and names files relative to the entry's
 * folder, so the code hash does not depend on where or by whom it was built. Warnings fail the
 * build, since they mark code that would not behave as written in the sandbox.
 */
export async function bundleContract(entryPath: string): Promise<string> {
  const entry = resolve(entryPath);
  const fail = (problems: readonly string[]) => new ContractBuildError({ code: "CLI_CONTRACT_BUILD", entry, problems }, `cannot build ${entry}:\n  ${problems.join("\n  ")}`);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: dirname(entry),
    bundle: true,
    write: false,
    outfile: "contract.js",
    format: "esm",
    target: "es2020",
    platform: "neutral",
    mainFields: ["module", "main"],
    charset: "utf8",
    legalComments: "none",
    sourcemap: false,
    metafile: true,
    logLevel: "silent",
    tsconfigRaw: {},
    plugins: [sandboxImports],
  }).catch((error: unknown) => {
    const messages = (error as { errors?: Message[] }).errors;
    throw fail(messages === undefined ? [error instanceof Error ? error.message : String(error)] : messages.map(describeMessage));
  });
  if (result.warnings.length > 0) throw fail(result.warnings.map(describeMessage));
  const output = Object.values(result.metafile.outputs)[0];
  const file = result.outputFiles[0];
  if (output === undefined || file === undefined) throw fail(["esbuild produced no output"]);
  if (output.imports.length > 0) throw fail(output.imports.map((entryImport) => `"${entryImport.path}" would stay an import; a contract must be one self-contained module`));
  if (!output.exports.includes("methods")) throw fail(["the module exports no `methods`: declare every callable method with the JSON Schema of its arguments"]);
  return file.text;
}
