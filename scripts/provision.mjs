#!/usr/bin/env node
// `npm test` runs this first: a few tests need programs that npm cannot install. As root on a
// Debian-family machine it installs the missing Debian packages; anywhere else it names them and
// the command that installs them, and stops. When nothing is missing it does and says nothing.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { parseCommandLine } from "./lib/commandLine.mjs";

const skipVariable = "KEXIN_SKIP_PROVISION";
const aptUpdateTimeoutMs = 5 * 60_000;
const aptInstallTimeoutMs = 10 * 60_000;
// A fresh machine is often running unattended-upgrades at first boot; wait for its lock rather than fail.
const aptLockWaitSeconds = 120;

parseCommandLine({
  usage: `usage: node scripts/provision.mjs

Installs the Debian packages the tests need (chromium, fonts-wqy-microhei, poppler-utils, openssl, strace)
when run as root on a Debian-family machine; otherwise names the missing ones and stops. npm test
runs it first. ${skipVariable}=1 skips it, and the tests that need a missing package then fail.`,
});

function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((directory) => {
    try {
      accessSync(join(directory, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What the tests use, from which Debian package, and what for. */
const requirements = [
  {
    name: "chromium",
    usedFor: "the web console's browser tests (playwright-core drives it)",
    // Someone who points the tests at another browser has chosen it; the browser tests say so if it is missing.
    present: () => process.env.KEXIN_CHROMIUM !== undefined || existsSync("/usr/bin/chromium"),
  },
  {
    name: "fonts-wqy-microhei",
    usedFor: "Chinese characters, not boxes, in the console's test screenshots",
    present: () => existsSync("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
  },
  {
    name: "poppler-utils",
    usedFor: "the evidence certificate tests read and render the PDF (pdftotext, pdffonts, pdftoppm)",
    present: () => ["pdftotext", "pdffonts", "pdftoppm"].every(onPath),
  },
  { name: "openssl", usedFor: "the key file test reads and writes files with the openssl command", present: () => onPath("openssl") },
  { name: "strace", usedFor: "the durability test watches a commit reach the disk (fdatasync) before it returns", present: () => onPath("strace") },
];

const missing = () => requirements.filter((requirement) => !requirement.present());

function fail(message) {
  console.error(`kexin: ${message}`);
  process.exit(1);
}

function apt(args, timeoutMs) {
  const command = `apt-get ${args.join(" ")}`;
  const result = spawnSync("apt-get", ["-o", `DPkg::Lock::Timeout=${aptLockWaitSeconds}`, ...args], {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status === 0) return;
  const why = result.error?.code === "ETIMEDOUT" ? `did not finish within ${timeoutMs / 60_000} minutes` : result.error ? `could not run (${result.error.message})` : `failed (${result.status ?? result.signal})`;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
  fail(`${command} ${why}; the tests cannot run without these packages.\n${output}`);
}

const needed = missing();
if (needed.length > 0 && process.env[skipVariable] === "1") {
  console.error(`kexin: ${skipVariable}=1, so not installing ${needed.map((requirement) => requirement.name).join(", ")}; the tests that need them will fail.`);
} else if (needed.length > 0) {
  const names = needed.map((requirement) => requirement.name);
  const isRoot = process.getuid?.() === 0;
  const hasApt = onPath("apt-get") && onPath("dpkg");
  if (isRoot && hasApt) {
    console.error(`kexin: installing the Debian packages the tests need: ${names.join(" ")} (apt-get, a minute or two)`);
    apt(["update", "-qq"], aptUpdateTimeoutMs);
    apt(["install", "-y", "-qq", "--no-install-recommends", ...names], aptInstallTimeoutMs);
    const stillMissing = missing();
    if (stillMissing.length > 0) fail(`apt-get installed ${names.join(" ")}, yet ${stillMissing.map((requirement) => requirement.name).join(", ")} is still not found where the tests look.`);
  } else {
    const width = Math.max(...names.map((name) => name.length));
    fail(
      [
        `npm test needs programs from Debian packages that are not installed here${hasApt ? "" : " (this machine has no apt-get: these are Debian's names, install your system's equivalents)"}:`,
        ...needed.map((requirement) => `  ${requirement.name.padEnd(width)}  ${requirement.usedFor}`),
        `Install them, then run npm test again${isRoot ? "" : " (or run npm test as root, which installs them itself)"}:`,
        `  sudo apt-get install -y --no-install-recommends ${names.join(" ")}`,
        `To run the tests without them on purpose: ${skipVariable}=1 npm test (the tests that need them fail).`,
      ].join("\n"),
    );
  }
}
