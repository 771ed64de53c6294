import { loadDevAdmin } from "../lib/kexin/accounts.ts";
import { withFundedDevNode } from "../lib/kexin/fundedDevNode.ts";
import { timeTokenTransfers } from "../lib/kexin/sandboxTiming.ts";
import { type TransferGas, assertTokenTransfersExecuted, bundleTokenExample, deployToken, distributeTokens, tokenTransfer, transferGasFromReceipts } from "../lib/kexin/token.ts";
import { measureSignedOnNode, signWorkload } from "../lib/kexin/transfers.ts";
import type { BenchMode, ModeContext } from "../lib/mode.ts";
import { log, round } from "../lib/output.ts";
import { SeededRandom } from "../lib/random.ts";
import { type PhaseCpuFigures, type PhaseFigures, alternateRounds, medianPhaseFields, phaseCpuFigures } from "../lib/rounds.ts";
import { median } from "../lib/stats.ts";
import { runKexinSolo } from "./solo.ts";

const setupTimeoutMs = 120_000;
/** Issue 15's target: token transfers through the contract commit at least at half the rate of native points transfers. */
const targetRatioMin = 0.5;
/** Tokens each sender receives before the measurement: far more than it sends. */
const tokensEach = 1_000_000_000;
const receiptsSampled = 200;
const sandboxTimedCalls = 5_000;

interface ContractFigures extends PhaseFigures {
  readonly gas: TransferGas;
}

/** One round's contract side: a fresh development node, the token deployed and distributed (not measured), then the measured transfers. */
function runTokenTransfers(context: ModeContext, code: string): Promise<ContractFigures> {
  const { options } = context;
  return withFundedDevNode(context, "contract", async ({ node, abortIf, signer, senders, feed }) => {
    const setup = { timeoutMs: setupTimeoutMs, abortIf };
    const { admin: owner } = await loadDevAdmin(node.home, signer.suite.id);
    await deployToken(node.api, signer, node.home, code, { owner: owner.address, supply: tokensEach * senders.length }, setup);
    await distributeTokens(node.api, signer, owner, senders, tokensEach, setup);
    // The same recipients as solo's transfers, from the same seeded generator.
    const recipients = new SeededRandom(options.seed, "kexin-recipients");
    const signed = signWorkload(signer, senders, options.txs, "contract", () => tokenTransfer(recipients.hex(20), 1));
    const run = await measureSignedOnNode({ api: node.api, pid: node.process.pid }, signed, feed, options, "contract", abortIf);
    const { cpuMsPerTx, rssMb } = run;
    await assertTokenTransfersExecuted(node.api, senders, run.sentBySender, tokensEach);
    const gas = await transferGasFromReceipts(node.api, signed.hashes, receiptsSampled);
    log("contract: done", {
      committed: run.figures.committed,
      tps: round(run.figures.committedTps, 1),
      spanMs: round(run.figures.spanMs, 0),
      cpuMsPerTx: cpuMsPerTx === undefined ? null : round(cpuMsPerTx, 3),
      gasUsed: gas.gasUsed,
      gasUsedMin: gas.gasUsedMin,
      gasUsedMax: gas.gasUsedMax,
      cost: gas.cost,
    });
    return { ...run.figures, rssMb, cpuMsPerTx, gas };
  });
}

function contractCpuFields({ measured, reference, ratio }: PhaseCpuFigures): { cpu_ms_per_tx: number | null; native_cpu_ms_per_tx: number | null; cpu_ratio: number | null } {
  return { cpu_ms_per_tx: measured, native_cpu_ms_per_tx: reference, cpu_ratio: ratio };
}

export const mode: BenchMode = {
  summary: "one development node (solo consensus): the token example's transfers through the contract, alternating with solo's points transfers for the ratio",
  options: ["txs", "senders", "batchSize", "concurrency", "seed", "commitTimeoutS", "rounds", "verbose"],
  async run(context) {
    const code = await bundleTokenExample(context.root);
    const { measured, references, ratios } = await alternateRounds("contract", context.options.rounds, () => runTokenTransfers(context, code), () => runKexinSolo(context));
    const ratio = median(ratios);
    log(ratio >= targetRatioMin ? "contract: token transfers meet the target" : "contract: token transfers are below the target", { ratio: round(ratio, 3), targetRatioMin });
    // With every node stopped, so the sandbox has the CPU to itself.
    const timing = await timeTokenTransfers(code, sandboxTimedCalls, context.options.seed);
    log("contract: sandbox timing", { usPerCall: round(timing.usPerCall, 1), calls: timing.calls, gasUsed: timing.gasUsed });
    const { committed_tps, ...latencies } = medianPhaseFields(measured);
    return {
      mode: "contract",
      txs: context.options.txs,
      rounds: context.options.rounds,
      committed_tps,
      native_tps: round(median(references.map((native) => native.committedTps)), 1),
      ratio: round(ratio, 3),
      ratios,
      gas_per_transfer: median(measured.map((figures) => figures.gas.gasUsed)),
      us_per_call: round(timing.usPerCall, 1),
      ...contractCpuFields(phaseCpuFigures(measured, references)),
      ...latencies,
    };
  },
};
