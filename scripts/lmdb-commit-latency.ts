/**
 * `node --import tsx scripts/lmdb-commit-latency.ts [--commits N]`: the latency of one small LMDB
 * commit on this disk, for each way the node could write, next to a bare fdatasync of the same
 * disk. One JSON line per variant on stdout. The figures behind docs/operations.md, "Durability".
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type RootDatabase, open } from "lmdb";
import { durableEnvironmentFlags } from "../packages/node/src/storage/durability.ts";

interface Variant {
  readonly name: string;
  readonly environment?: { overlappingSync?: boolean; noSync?: boolean };
  readonly awaitFlushed?: boolean;
}

const variants: readonly Variant[] = [
  { name: "transactionSync, node flags (overlappingSync off)", environment: durableEnvironmentFlags },
  { name: "transactionSync, lmdb-js default (overlappingSync on)", environment: {} },
  { name: "transactionSync + await flushed, overlappingSync on", environment: {}, awaitFlushed: true },
  { name: "transactionSync, noSync (not durable: for scale)", environment: { noSync: true } },
];

const { values } = parseArgs({ options: { commits: { type: "string", default: "500" } } });
const commits = Number(values.commits);
if (!Number.isSafeInteger(commits) || commits < 10) throw new Error("--commits must be a whole number ≥ 10");
const value = new Uint8Array(200).fill(7);

function summary(name: string, millis: number[]): string {
  const sorted = [...millis].sort((a, b) => a - b);
  const at = (fraction: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number).toFixed(3));
  const mean = Number((sorted.reduce((sum, x) => sum + x, 0) / sorted.length).toFixed(3));
  return JSON.stringify({ variant: name, commits: sorted.length, p50_ms: at(0.5), p90_ms: at(0.9), p99_ms: at(0.99), mean_ms: mean });
}

const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

interface Probe {
  readonly name: string;
  readonly millis: number[];
  /** One commit (or one fdatasync) timed by the caller. */
  readonly step: (index: number) => Promise<void> | void;
  readonly close: () => Promise<void> | void;
}

function fdatasyncProbe(folder: string): Probe {
  const descriptor = openSync(join(folder, "probe"), "w");
  return {
    name: "write + fdatasync of one 200-byte page (the disk alone)",
    millis: [],
    step: (index) => {
      writeSync(descriptor, value, 0, value.length, (index % 64) * 4096);
      fdatasyncSync(descriptor);
    },
    close: () => closeSync(descriptor),
  };
}

function commitProbe(folder: string, variant: Variant): Probe {
  const root: RootDatabase = open({ path: folder, compression: false, cache: false, mapSize: 1 << 30, ...variant.environment });
  const table = root.openDB<Uint8Array, number>({ name: "t", encoding: "binary", keyEncoding: "uint32", cache: false });
  return {
    name: variant.name,
    millis: [],
    step: async (index) => {
      // Two keys, as a block writes its record and the head in one transaction.
      root.transactionSync(() => {
        table.putSync(index, value);
        table.putSync(1_000_000 + index, value);
      });
      if (variant.awaitFlushed) await root.flushed;
    },
    close: () => root.close(),
  };
}

const folder = mkdtempSync(join(tmpdir(), "kexin-lmdb-latency-"));
const probes = [fdatasyncProbe(folder), ...variants.map((variant, index) => commitProbe(join(folder, `db${index}`), variant))];
try {
  // Round robin, so a slow spell of a shared machine lands on every variant alike.
  for (let index = 0; index < commits; index++) {
    for (const probe of probes) {
      const start = process.hrtime.bigint();
      await probe.step(index);
      probe.millis.push(elapsedMs(start));
    }
  }
  for (const probe of probes) console.log(summary(probe.name, probe.millis));
} finally {
  for (const probe of probes) await probe.close();
  rmSync(folder, { recursive: true, force: true });
}
