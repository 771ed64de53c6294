import { type SuiteId, suiteIds } from "@kexin/core";
import { UsageError } from "./errors.ts";

/** Every option any mode understands; a mode lists the ones it accepts. */
export interface BenchOptions {
  /** Measured transactions. */
  readonly txs: number;
  /** Accounts the measured transactions are spread over. */
  readonly senders: number;
  /** Transactions per submit request. */
  readonly batchSize: number;
  /** Submit requests in flight at once (each on its own lane of senders). */
  readonly concurrency: number;
  /** Peer to run side by side, if any. */
  readonly vs: string | undefined;
  /** Seed for keys and recipients, so a workload can be reproduced exactly. */
  readonly seed: string;
  /** Bound on waiting for all measured transactions to commit. */
  readonly commitTimeoutS: number;
  /** Copy child process output to stderr. */
  readonly verbose: boolean;
  /** Offered load of a paced phase, transactions per second; solo also takes "half": half the committed rate of its own throughput phase. */
  readonly rate: number | "half";
  /** Duration of a paced phase, seconds. */
  readonly finalityS: number;
  /** solo: single transactions sent one at a time to the idle node, each waited for until committed. */
  readonly roundTrips: number;
  /** The chain's crypto suite, fixed at genesis; also the suite whose verification limit is measured. */
  readonly suite: SuiteId;
  /** EPCIS events the trace mode puts on chain before it measures lookups. */
  readonly events: number;
  /** solo: the home of a running development node to use instead of starting one (its keys/ hold the merchant admin key). */
  readonly home: string | null;
  /** solo: the API URL of that running node. */
  readonly url: string | null;
  /** evidence, contract: how many times the measured workload and its reference alternate; figures are the medians. */
  readonly rounds: number;
  /** bft: transactions run through the cluster, unmeasured, before the throughput phase. */
  readonly warmupTxs: number;
  /** workflow: applications the scripted departments complete. */
  readonly applications: number;
  /** workflow: applications in flight at once, each on its own lane of department members. */
  readonly inFlight: number;
  /** state: keys in the state tree before proofs and commits are measured. */
  readonly keys: number;
}

export type OptionName = keyof BenchOptions;

export const defaultBenchOptions: BenchOptions = {
  txs: 20_000,
  senders: 64,
  batchSize: 1_000,
  concurrency: 4,
  vs: undefined,
  seed: "kexin-bench",
  commitTimeoutS: 3_600,
  verbose: false,
  rate: 1_000,
  finalityS: 10,
  roundTrips: 200,
  suite: "intl",
  events: 1_000_000,
  home: null,
  url: null,
  rounds: 3,
  warmupTxs: 10_000,
  applications: 200,
  inFlight: 32,
  keys: 1_000_000,
};

/** Input bounds: the API takes at most 2,000 transactions per batch; the rest keep a run finite. */
export const benchLimits = {
  txsMax: 1_000_000,
  // S senders × 10^12 issued points must stay below 2^53, the largest supply the points module accepts.
  sendersMax: 5_000,
  batchSizeMax: 2_000,
  concurrencyMax: 64,
  commitTimeoutSMax: 14_400,
  // A paced phase sends a batch every 50 ms; at most 2,000 transactions (the API's batch limit) each.
  rateMax: 40_000,
  finalitySMax: 3_600,
  roundTripsMax: 10_000,
  // One cohort of 100 units with 10 lifecycle events each is the smallest trace load.
  eventsMin: 1_000,
  eventsMax: 10_000_000,
  roundsMax: 20,
  applicationsMax: 100_000,
  // Each lane is nine genesis members (a clerk, seven officers, a decider).
  inFlightMax: 256,
  // The state mode's measured blocks add 25,000 keys to a tree built first.
  keysMin: 50_000,
  keysMax: 10_000_000,
} as const;

interface FlagSpec {
  readonly option: OptionName;
  readonly kind: "integer" | "string" | "boolean";
  /** For a string option: the values it may take; for an integer option: the words it takes besides numbers. */
  readonly choices?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly help: string;
}

export const flags: { readonly [flag: string]: FlagSpec } = {
  "--txs": { option: "txs", kind: "integer", minimum: 1, maximum: benchLimits.txsMax, help: `measured transactions (default ${defaultBenchOptions.txs})` },
  "--senders": { option: "senders", kind: "integer", minimum: 1, maximum: benchLimits.sendersMax, help: `sender accounts (default ${defaultBenchOptions.senders})` },
  "--batch-size": {
    option: "batchSize",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.batchSizeMax,
    help: `transactions per submit request, at most ${benchLimits.batchSizeMax} (default ${defaultBenchOptions.batchSize})`,
  },
  "--concurrency": {
    option: "concurrency",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.concurrencyMax,
    help: `submit requests in flight at once (default ${defaultBenchOptions.concurrency})`,
  },
  "--vs": { option: "vs", kind: "string", help: "run a peer side by side in the same invocation: hardhat" },
  "--seed": { option: "seed", kind: "string", help: `seed for keys and recipients (default "${defaultBenchOptions.seed}")` },
  "--commit-timeout-s": {
    option: "commitTimeoutS",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.commitTimeoutSMax,
    help: `bound on waiting for commits, in seconds (default ${defaultBenchOptions.commitTimeoutS})`,
  },
  "--rate": {
    option: "rate",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.rateMax,
    choices: ["half"],
    help: `offered load of the paced phase (bft: finality; solo: latency), tx/s; solo also takes "half" (of its committed rate in the same run) (default ${defaultBenchOptions.rate})`,
  },
  "--finality-s": {
    option: "finalityS",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.finalitySMax,
    help: `duration of the paced phase, in seconds (default ${defaultBenchOptions.finalityS})`,
  },
  "--round-trips": {
    option: "roundTrips",
    kind: "integer",
    minimum: 0,
    maximum: benchLimits.roundTripsMax,
    help: `solo: single transfers sent one at a time to the idle node, each timed until committed; 0 for none (default ${defaultBenchOptions.roundTrips})`,
  },
  "--suite": {
    option: "suite",
    kind: "string",
    choices: suiteIds,
    help: `every mode: the chain's crypto suite, ${suiteIds.join(" or ")}; the verification limit is measured for it (default ${defaultBenchOptions.suite})`,
  },
  "--events": {
    option: "events",
    kind: "integer",
    minimum: benchLimits.eventsMin,
    maximum: benchLimits.eventsMax,
    help: `trace: EPCIS events to put on chain, a multiple of 10 (default ${defaultBenchOptions.events})`,
  },
  "--home": { option: "home", kind: "string", help: "with --url: run against this running development node's home (kexin init --dev) instead of starting a node" },
  "--url": { option: "url", kind: "string", help: "with --home: the API URL of that running node, e.g. http://127.0.0.1:7420; the bench never stops it" },
  "--rounds": {
    option: "rounds",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.roundsMax,
    help: `evidence, contract, datashare, points: rounds of the measured workload then solo's transfers, each on a fresh node; figures are medians (default ${defaultBenchOptions.rounds})`,
  },
  "--warmup-txs": {
    option: "warmupTxs",
    kind: "integer",
    minimum: 0,
    maximum: benchLimits.txsMax,
    help: `bft: transfers run through the cluster, not measured, before the throughput phase; 0 for none (default ${defaultBenchOptions.warmupTxs})`,
  },
  "--applications": {
    option: "applications",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.applicationsMax,
    help: `workflow: applications to complete, every step attested and decided (default ${defaultBenchOptions.applications})`,
  },
  "--in-flight": {
    option: "inFlight",
    kind: "integer",
    minimum: 1,
    maximum: benchLimits.inFlightMax,
    help: `workflow: applications in flight at once (default ${defaultBenchOptions.inFlight})`,
  },
  "--keys": {
    option: "keys",
    kind: "integer",
    minimum: benchLimits.keysMin,
    maximum: benchLimits.keysMax,
    help: `state: keys in the state tree on a real LMDB file before proofs and block commits are measured (default ${defaultBenchOptions.keys})`,
  },
  "--verbose": { option: "verbose", kind: "boolean", help: "copy node and peer output to stderr" },
};

function parseValue(flag: string, spec: FlagSpec, raw: string): number | string {
  if (spec.kind === "string") {
    if (raw.length === 0) throw new UsageError(`${flag} needs a value`);
    if (spec.choices !== undefined && !spec.choices.includes(raw)) throw new UsageError(`${flag} must be one of ${spec.choices.join(", ")}, got "${raw}"`);
    return raw;
  }
  if (spec.choices?.includes(raw)) return raw;
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if ((spec.minimum !== undefined && value < spec.minimum) || (spec.maximum !== undefined && value > spec.maximum)) {
    throw new UsageError(`${flag} must be between ${String(spec.minimum)} and ${String(spec.maximum)}, got ${value}`);
  }
  return value;
}

/** Options every mode takes, besides those it lists. */
export const everyModeOptions: readonly OptionName[] = ["suite"];

/** Parses `--flag value`, `--flag=value` and bare boolean flags, refusing anything the mode does not accept. */
export function parseOptions(args: readonly string[], accepted: readonly OptionName[]): BenchOptions {
  const values: Record<string, number | string | boolean | null | undefined> = { ...defaultBenchOptions };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const equals = arg.indexOf("=");
    const flag = equals >= 0 ? arg.slice(0, equals) : arg;
    const spec = flags[flag];
    if (spec === undefined) throw new UsageError(`unknown option "${arg}"`);
    if (!accepted.includes(spec.option) && !everyModeOptions.includes(spec.option)) throw new UsageError(`${flag} does not apply to this mode`);
    if (spec.kind === "boolean") {
      if (equals >= 0) throw new UsageError(`${flag} takes no value`);
      values[spec.option] = true;
      continue;
    }
    let raw: string;
    if (equals >= 0) raw = arg.slice(equals + 1);
    else {
      const next = args[index + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      raw = next;
      index++;
    }
    values[spec.option] = parseValue(flag, spec, raw);
  }
  const options = values as unknown as BenchOptions;
  if (options.senders > options.txs) throw new UsageError(`--senders (${options.senders}) cannot exceed --txs (${options.txs})`);
  if ((options.home === null) !== (options.url === null)) throw new UsageError("--home and --url go together: the running node's home (for its admin key) and its API URL");
  if (options.concurrency > options.senders) {
    throw new UsageError(`--concurrency (${options.concurrency}) cannot exceed --senders (${options.senders}): each request lane needs its own senders`);
  }
  return options;
}

export function optionsUsage(accepted: readonly OptionName[]): string {
  return Object.entries(flags)
    .filter(([, spec]) => accepted.includes(spec.option))
    .map(([flag, spec]) => `    ${(spec.kind === "boolean" ? flag : `${flag} <${spec.kind === "integer" ? "n" : "value"}>`).padEnd(26)}${spec.help}`)
    .join("\n");
}
