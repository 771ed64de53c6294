import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const binPath = fileURLToPath(new URL("../bin/kexin.js", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `kexin` bin in a child process. Asynchronous on purpose: a test's fake node runs
 * in this process and must keep answering while the child waits for it. stdin is a pipe, so no
 * passphrase prompt can appear.
 */
export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("KEXIN_")));
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: repositoryRoot, env: { ...inherited, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

export function parseJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** Creates a key of each name in `home` (`kexin keys new`), protected by the passphrase in `env`, and answers each key's address and public key. */
export async function createCliKeys<Name extends string>(home: string, names: readonly Name[], env: Readonly<Record<string, string>>): Promise<Record<Name, { address: string; publicKey: string }>> {
  const created = await Promise.all(names.map((name) => runCli(["keys", "new", name, "--home", home, "--json"], env)));
  const keys = {} as Record<Name, { address: string; publicKey: string }>;
  for (const [index, name] of names.entries()) {
    const run = created[index] as CliRun;
    if (run.code !== 0) throw new Error(`key ${name} was not created: ${run.stderr}`);
    const info = parseJson(run.stdout);
    keys[name] = { address: info.address as string, publicKey: info.publicKey as string };
  }
  return keys;
}
