import type { CborValue } from "@kexin/core";
import { defaultContractsParameters } from "../../../packages/node/src/modules/contracts/parameters.ts";
import { type ContractHost, createContractSandbox, loadContractSandbox } from "../../../packages/node/src/modules/contracts/sandbox/index.ts";
import { BenchFailure } from "../errors.ts";
import { SeededRandom } from "../random.ts";
import { median } from "../stats.ts";

export interface SandboxTiming {
  /**
   * Microseconds of this process's CPU time (user and system, all threads) per `transfer` run by
   * the sandbox, after a warm-up: unlike the wall clock, it does not grow when other processes
   * share the cores.
   */
  readonly usPerCall: number;
  readonly calls: number;
  /** Median gas of the timed calls, to compare with the receipts'. */
  readonly gasUsed: number;
}

const warmupCalls = 2_000;
const sendersCount = 64;

/**
 * Times the token's transfer in this process, in the node's own sandbox code
 * (packages/node/src/modules/contracts/sandbox) with the chain's default limits and prices, over a
 * plain in-memory host: what one call costs in the sandbox alone, without the node's transaction
 * handling, journal and storage around it. Run it with no node running, for a quiet CPU.
 */
export async function timeTokenTransfers(code: string, calls: number, seed: string): Promise<SandboxTiming> {
  await loadContractSandbox();
  const sandbox = createContractSandbox();
  const { limits: chainLimits, prices } = defaultContractsParameters;
  const limits = { ...chainLimits, gasLimit: 100_000 };
  const random = new SeededRandom(seed, "sandbox-timing");
  const state = new Map<string, CborValue>();
  const senders = Array.from({ length: sendersCount }, () => random.hex(20));
  for (const sender of senders) state.set(`balance/${sender}`, 1_000_000_000);
  const randomSeed = new Uint8Array(32);
  const hostFor = (sender: string): ContractHost => ({
    get: (key) => state.get(key),
    set: (key, value) => void state.set(key, value),
    delete: (key) => void state.delete(key),
    list: () => [],
    emit: () => undefined,
    caller: { address: sender, organisation: "merchant", roles: ["merchant"] },
    block: { height: 100, time: 1_700_000_000_000 },
    call: () => {
      throw new BenchFailure("the token makes no inner calls");
    },
    hash: (bytes) => bytes,
    verifySignature: () => false,
    randomSeed,
  });
  const recipients = Array.from({ length: warmupCalls + calls }, () => random.hex(20));
  const gas: number[] = [];
  const run = (index: number, keep: boolean): void => {
    const sender = senders[index % sendersCount] as string;
    const result = sandbox.run(code, "transfer", { to: recipients[index] as string, amount: 1 }, hostFor(sender), limits, prices);
    if (!result.ok) throw new BenchFailure(`the token's transfer failed in the sandbox: ${result.code}: ${result.message}`);
    if (keep) gas.push(result.gasUsed);
  };
  for (let index = 0; index < warmupCalls; index++) run(index, false);
  const started = process.cpuUsage();
  for (let index = warmupCalls; index < warmupCalls + calls; index++) run(index, true);
  const used = process.cpuUsage(started);
  return { usPerCall: (used.user + used.system) / calls, calls, gasUsed: median(gas) };
}
