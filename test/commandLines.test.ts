import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { repositoryRoot } from "./support/nodeProcess.ts";

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Runs a command in the repository as a person would type it, bounded, with stdout and stderr together. */
function runCommand(command: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command[0] as string, command.slice(1), { cwd: repositoryRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Every script a person runs from package.json or scripts/, and the first line of its usage. */
const scripts: readonly { readonly name: string; readonly command: readonly string[]; readonly usage: RegExp }[] = [
  { name: "npm run sim", command: ["npm", "run", "--silent", "sim", "--"], usage: /^usage: npm run sim -- / },
  { name: "npm run faults", command: ["npm", "run", "--silent", "faults", "--"], usage: /^usage: npm run faults -- / },
  { name: "npm run bench", command: ["npm", "run", "--silent", "bench", "--"], usage: /^usage: npm run bench -- <mode>/ },
  { name: "npm run screenshots", command: ["npm", "run", "--silent", "screenshots", "--"], usage: /^usage: npm run screenshots$/ },
  { name: "npm run build", command: ["npm", "run", "--silent", "build", "--"], usage: /^usage: npm run build$/ },
  { name: "scripts/run-tests.mjs", command: [process.execPath, "scripts/run-tests.mjs"], usage: /^usage: node scripts\/run-tests\.mjs / },
  { name: "scripts/provision.mjs", command: [process.execPath, "scripts/provision.mjs"], usage: /^usage: node scripts\/provision\.mjs$/ },
  { name: "scripts/generate-vectors.ts", command: [process.execPath, "--import", "tsx", "scripts/generate-vectors.ts"], usage: /^usage: node --import tsx scripts\/generate-vectors\.ts$/ },
];

/** A line of a JavaScript stack trace, which a usage mistake must never print. */
const stackFrame = /^\s+at .+[:(]\d+:\d+\)?$/m;

for (const script of scripts) {
  test(`error: ${script.name} with --help or an unknown option prints its usage and exits 2, without a stack trace`, async () => {
    const help = await runCommand([...script.command, "--help"]);
    assert.equal(help.code, 2, `${script.name} --help should exit 2; printed:\n${help.output}`);
    assert.match(help.output, new RegExp(script.usage.source, "m"), `${script.name} --help should print its usage; printed:\n${help.output}`);
    assert.doesNotMatch(help.output, stackFrame, `${script.name} --help should print no stack trace`);

    const bogus = await runCommand([...script.command, "--bogus"]);
    assert.equal(bogus.code, 2, `${script.name} --bogus should exit 2; printed:\n${bogus.output}`);
    assert.match(bogus.output, /--bogus/, `${script.name} --bogus should name the option it does not know`);
    assert.match(bogus.output, new RegExp(script.usage.source, "m"), `${script.name} --bogus should print its usage; printed:\n${bogus.output}`);
    assert.doesNotMatch(bogus.output, stackFrame, `${script.name} --bogus should print no stack trace`);
  });
}
