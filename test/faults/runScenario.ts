import { Random } from "../../sim/random.ts";
import { waitFor } from "../support/nodeProcess.ts";
import { aliceSigner, getJson, heightOf } from "../support/testnet.ts";
import { auditChains } from "./chainAudit.ts";
import { type Cluster, type ClusterNode, startCluster } from "./cluster.ts";
import { LoadGenerator } from "./loadGenerator.ts";
import { ReportedCommits } from "./reportedCommits.ts";
import type { ProcessScenario, Step, Target, Wait } from "./scenario.ts";

/** The one-line summary of a run, printed as JSON by `npm run faults`. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly seed: number;
  readonly rounds: number;
  /** Processes killed or paused. */
  readonly faults: number;
  /** Each node's head at the end. */
  readonly heights: readonly number[];
  readonly transactionsAccepted: number;
  /** Transactions reported committed during the run, each looked for on the chain at the end. */
  readonly transactionsChecked: number;
  readonly lost: number;
  readonly forks: number;
  /** The slowest recovery: from a restart, a resume or the last fault until the node(s) committed past where the chain was. */
  readonly maxRecoveryMs: number;
  readonly durationMs: number;
  readonly ok: boolean;
  /** Why the run is not ok: a failed check, or the step that could not be carried out. */
  readonly problems: readonly string[];
}

export interface RunOptions {
  readonly seed: number;
  /** How many times the steps marked `"repeat": "rounds"` run. */
  readonly rounds: number;
  /** A running chain of the scenario's kind to use instead of starting one; it is left running, every node up. */
  readonly cluster?: Cluster;
  readonly log?: (line: string) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Carries out one scenario's steps on one cluster; every node it kills or pauses it remembers, to bring back. */
class FaultRun {
  readonly killed = new Set<ClusterNode>();
  readonly paused = new Set<ClusterNode>();
  readonly recoveriesMs: number[] = [];
  readonly problems: string[] = [];
  faults = 0;
  private readonly random: Random;

  constructor(
    private readonly scenario: ProcessScenario,
    private readonly cluster: Cluster,
    private readonly reported: ReportedCommits,
    private readonly options: RunOptions,
  ) {
    this.random = new Random(options.seed);
  }

  /** Running and not paused: the nodes that answer. */
  responsive(): ClusterNode[] {
    return this.cluster.nodes.filter((node) => node.running() && !this.paused.has(node));
  }

  async run(steps: readonly Step[]): Promise<void> {
    for (const step of steps) await this.runStep(step);
  }

  /** After the last fault: every node that answers commits past the highest height seen, within the liveness bound. */
  async checkLiveness(): Promise<void> {
    await this.resumePaused();
    const startedMs = Date.now();
    await this.awaitCommitPast(this.responsive(), await this.highestHeight(), startedMs);
  }

  /** Waits (bounded) until every node that answers holds `height`; one that does not is left to the audit to report. */
  async awaitHeadsAt(height: number): Promise<void> {
    const nodes = this.responsive();
    try {
      await waitFor(`every node to hold announced height ${height}`, async () => ((await Promise.all(nodes.map((node) => heightOf(node.url)))).every((head) => head >= height) ? true : undefined), this.scenario.checks.livenessMs);
    } catch (error) {
      this.problems.push(message(error));
    }
  }

  /** Leaves a shared cluster as it was found: every node running and answering. */
  async restore(): Promise<void> {
    await this.resumePaused();
    await this.restartKilled();
  }

  private log(line: string): void {
    this.options.log?.(`${this.scenario.name}: ${line}`);
  }

  private async runStep(step: Step): Promise<void> {
    if ("kill" in step) {
      const targets = await this.resolve(step.kill);
      this.log(`${step.signal} ${targets.map((node) => node.name).join(", ")} at height ${await this.highestHeight()}`);
      await Promise.all(targets.map((node) => node.kill(step.signal)));
      for (const node of targets) {
        this.killed.add(node);
        // A paused node that is killed must not be sent SIGCONT later: its pid may belong to another process by then.
        this.paused.delete(node);
      }
      this.faults += targets.length;
    } else if ("pause" in step) {
      const targets = await this.resolve(step.pause);
      this.log(`SIGSTOP ${targets.map((node) => node.name).join(", ")}`);
      for (const node of targets) {
        process.kill(this.pidOf(node), "SIGSTOP");
        this.paused.add(node);
      }
      this.faults += targets.length;
    } else if ("resume" in step) {
      await this.resumePaused();
    } else if ("restart" in step) {
      await this.restartKilled();
    } else if ("wait" in step) {
      await this.wait(step.wait);
    } else if ("expectStalled" in step) {
      await this.expectStalled(step.expectStalled.ms);
    } else {
      const times = step.repeat === "rounds" ? this.options.rounds : step.repeat;
      for (let round = 0; round < times; round += 1) await this.run(step.steps);
    }
  }

  private async resolve(target: Target): Promise<ClusterNode[]> {
    const candidates = this.responsive();
    if (candidates.length === 0) throw new Error("no node is running to inject a fault into");
    if (target === "all") return this.cluster.nodes.filter((node) => node.running());
    if (target === "random") return [this.random.pick(candidates)];
    if (target === "proposer") return [await this.proposer(candidates)];
    const named = this.cluster.nodes.find((node) => node.name === target.node);
    if (named === undefined) throw new Error(`no node is named ${target.node}; the nodes are ${this.cluster.nodes.map((node) => node.name).join(", ")}`);
    if (!candidates.includes(named)) throw new Error(`${named.name} is not running and answering, so it cannot be faulted again`);
    return [named];
  }

  /** The proposer of the round a running node is in now, as its status reports it. */
  private async proposer(candidates: readonly ClusterNode[]): Promise<ClusterNode> {
    if (this.cluster.nodes.length === 1) return this.cluster.nodes[0] as ClusterNode;
    const asked = candidates[0] as ClusterNode;
    const state = (await getJson(`${asked.url}/v1/status`)).consensusState as { proposer: { publicKey: string } } | null;
    const proposer = this.cluster.nodes.find((node) => node.validatorPublicKey === state?.proposer.publicKey);
    if (proposer === undefined || !candidates.includes(proposer)) {
      throw new Error(`${asked.name} names proposer ${state?.proposer.publicKey ?? "none"}, which is not a running node here`);
    }
    return proposer;
  }

  private pidOf(node: ClusterNode): number {
    const pid = node.pid();
    if (pid === undefined) throw new Error(`${node.name} has no process`);
    return pid;
  }

  private async resumePaused(): Promise<void> {
    if (this.paused.size === 0) return;
    const nodes = [...this.paused];
    const from = await this.highestHeight();
    const startedMs = Date.now();
    this.log(`SIGCONT ${nodes.map((node) => node.name).join(", ")}`);
    for (const node of nodes) process.kill(this.pidOf(node), "SIGCONT");
    this.paused.clear();
    await this.awaitCommitPast(nodes, from, startedMs);
  }

  private async restartKilled(): Promise<void> {
    if (this.killed.size === 0) return;
    const nodes = [...this.killed];
    const from = await this.highestHeight();
    const startedMs = Date.now();
    this.log(`restart ${nodes.map((node) => node.name).join(", ")} (chain at height ${from})`);
    await Promise.all(
      nodes.map(async (node) => {
        // A start that timed out may have left its process running: starting that node again would lose track of it.
        if (!node.running()) await node.start();
        this.killed.delete(node);
      }),
    );
    await Promise.all(nodes.map((node) => this.reported.watch(node.url)));
    await this.awaitCommitPast(nodes, from, startedMs);
  }

  /** Waits until every one of `nodes` holds a block above `height`, and records how long that took from `startedMs`. */
  private async awaitCommitPast(nodes: readonly ClusterNode[], height: number, startedMs: number): Promise<void> {
    const boundMs = this.scenario.checks.livenessMs;
    await waitFor(
      `${nodes.map((node) => node.name).join(", ")} to commit past height ${height}`,
      async () => ((await Promise.all(nodes.map((node) => heightOf(node.url)))).every((head) => head > height) ? true : undefined),
      Math.max(0, boundMs - (Date.now() - startedMs)),
    );
    this.recoveriesMs.push(Date.now() - startedMs);
  }

  /** The highest head among the nodes that answer, or announced: a killed solo node leaves only what it announced. */
  private async highestHeight(): Promise<number> {
    const heads = await Promise.all(this.responsive().map((node) => heightOf(node.url).catch(() => 0)));
    return Math.max(this.reported.highest, ...heads);
  }

  private async wait(wait: Wait): Promise<void> {
    if ("ms" in wait) return sleep(wait.ms);
    if ("msBetween" in wait) return sleep(this.random.integer(wait.msBetween[0], wait.msBetween[1]));
    const target = (await this.highestHeight()) + wait.commits;
    await waitFor(`the chain to reach height ${target}`, async () => ((await this.highestHeight()) >= target ? true : undefined), this.scenario.checks.livenessMs);
  }

  private async expectStalled(ms: number): Promise<void> {
    const nodes = this.responsive();
    const before = await Promise.all(nodes.map((node) => heightOf(node.url)));
    await sleep(ms);
    const after = await Promise.all(nodes.map((node) => heightOf(node.url)));
    // The block already decided when the quorum went may still be committed; anything beyond it may not.
    const advanced = nodes.filter((_, index) => (after[index] as number) > (before[index] as number) + 1);
    if (advanced.length > 0) this.problems.push(`expected no commits for ${ms} ms, but ${advanced.map((node) => node.name).join(", ")} went from ${before.join(",")} to ${after.join(",")}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one scenario with real node processes: starts the chain (unless given one), loads it,
 * injects the faults, then checks liveness, forks and lost transactions. Every wait is bounded;
 * every process it started it stops, also when a step fails.
 */
export async function runScenario(scenario: ProcessScenario, options: RunOptions): Promise<ScenarioResult> {
  const startedMs = Date.now();
  const cluster = options.cluster ?? (await startCluster(scenario.chain));
  const reported = new ReportedCommits();
  const run = new FaultRun(scenario, cluster, reported, options);
  let load: LoadGenerator | undefined;
  let audit: Awaited<ReturnType<typeof auditChains>> | undefined;
  try {
    try {
      await Promise.all(cluster.nodes.map((node) => reported.watch(node.url)));
      load = new LoadGenerator(scenario.load, aliceSigner(cluster.keysDir, cluster.chainId), () => run.responsive());
      await run.run(scenario.steps);
      await run.checkLiveness();
    } catch (error) {
      run.problems.push(message(error));
    }
    await load?.stop();
    // What was reported stops growing here: a block announced while the chains are read would
    // otherwise count as lost when it lies above the heads already read.
    reported.close();
    if (options.cluster !== undefined) await run.restore();
    await run.awaitHeadsAt(reported.highest);
    audit = await auditChains(
      run.responsive().map((node) => node.url),
      reported,
    );
    if (scenario.checks.noFork && audit.forkedHeights.length > 0) run.problems.push(`fork at height(s) ${audit.forkedHeights.slice(0, 10).join(", ")}`);
    if (scenario.checks.noLoss && audit.lost.length > 0) {
      const examples = audit.lost.slice(0, 3).map((hash) => `${hash} (announced at height ${reported.transactions.get(hash)})`);
      run.problems.push(`${audit.lost.length} transaction(s) reported committed are not on the chain, e.g. ${examples.join(", ")}`);
    }
  } catch (error) {
    run.problems.push(message(error));
  } finally {
    await load?.stop();
    reported.close();
    if (options.cluster === undefined) await cluster.stop();
  }
  return {
    scenario: scenario.name,
    seed: options.seed,
    rounds: options.rounds,
    faults: run.faults,
    heights: audit?.heights ?? [],
    transactionsAccepted: load?.accepted ?? 0,
    transactionsChecked: audit?.transactionsChecked ?? 0,
    lost: audit?.lost.length ?? 0,
    forks: audit?.forkedHeights.length ?? 0,
    maxRecoveryMs: Math.max(0, ...run.recoveriesMs),
    durationMs: Date.now() - startedMs,
    ok: run.problems.length === 0,
    problems: run.problems,
  };
}
