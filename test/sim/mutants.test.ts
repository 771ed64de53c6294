import assert from "node:assert/strict";
import { test } from "node:test";
import { type EngineParameters, LmdbWal, ProposalAssembler, TendermintEngine, type WalEntry } from "../../packages/node/src/consensus/index.ts";
import type { AdmittedTx } from "../../packages/node/src/execution/index.ts";
import { BlockPipeline } from "../../packages/node/src/blockPipeline/index.ts";
import { NonceIgnoringExecutor } from "../../sim/byzantine.ts";
import type { NodeParts } from "../../sim/node.ts";
import { shapeOf } from "../../sim/shapes.ts";
import { runSimulation } from "../../sim/simulation.ts";

/** Prevotes for any valid proposal, ignoring its lock: the classic way to lose safety. */
class EngineWithoutLockCheck extends TendermintEngine {
  protected override mayPrevoteFor(proposal: { readonly valid: boolean }): boolean {
    return proposal.valid;
  }
}

/** Checks blocks without their nonce rule. */
class PipelineWithoutNonceCheck extends BlockPipeline {
  protected override checkNonce(_admitted: AdmittedTx, _expected: number): void {}
}

/** Replays a height's entries newest first. */
class WalReplayingOutOfOrder extends LmdbWal {
  override entries(height: number): WalEntry[] {
    return super.entries(height).reverse();
  }
}

const seedsMax = 1_000;

/**
 * Runs seeds until one with the broken part shows a violation of the expected check, then shows
 * the correct node passes that seed.
 */
async function firstCatch(parts: NodeParts, check: string, shape: (seed: number) => { validators: number; byzantine: number } = shapeOf): Promise<void> {
  let caught: { seed: number; violations: readonly string[] } | undefined;
  for (let seed = 1; seed <= seedsMax && !caught; seed += 1) {
    const result = await runSimulation(seed, { ...shape(seed), parts });
    if (result.violations.some((violation) => violation.startsWith(check))) caught = { seed, violations: result.violations };
  }
  assert.ok(caught, `no "${check}" violation in ${seedsMax} seeds`);
  console.log(`seed ${caught.seed}: ${caught.violations.find((violation) => violation.startsWith(check))}`);
  const correct = await runSimulation(caught.seed, shape(caught.seed));
  assert.deepEqual(correct.violations, [], `the correct node must pass seed ${caught.seed}`);
}

test("behavior: the simulator catches an engine that skips the lock check", async () => {
  await firstCatch({ createEngine: (parameters: EngineParameters) => new EngineWithoutLockCheck(parameters) }, "agreement:", () => ({ validators: 4, byzantine: 1 }));
});

test("behavior: the simulator catches block validation that skips the nonce check", async () => {
  // The executor's own assertion that nonces are in order goes too: it is the same rule, checked twice.
  await firstCatch(
    {
      createPipeline: (dependencies) => new PipelineWithoutNonceCheck(dependencies),
      createExecutor: (registry, suite, state) => new NonceIgnoringExecutor(registry, suite, state, { error: () => undefined }),
    },
    "validity:",
  );
});

test("behavior: the simulator catches compact-proposal assembly that drops a transaction", async () => {
  await firstCatch(
    {
      createAssembler: (dependencies) => {
        const application = dependencies.application;
        return new ProposalAssembler({
          ...dependencies,
          application: {
            headerOf: (headerBytes) => application.headerOf(headerBytes),
            knownTx: (hashHex) => application.knownTx(hashHex),
            validatorsFor: (height) => application.validatorsFor(height),
            assembleBlock: (headerBytes, header, hash, txs) => application.assembleBlock(headerBytes, header, hash, txs.slice(0, Math.max(0, txs.length - 1))),
          },
        });
      },
    },
    "liveness:",
  );
});

test("behavior: the simulator catches a WAL that replays out of order", async () => {
  await firstCatch({ createWal: (store) => new WalReplayingOutOfOrder(store) }, "liveness:");
});

test("behavior: a seed replays exactly", async () => {
  const first = await runSimulation(77, { validators: 7, byzantine: 2, trace: true });
  const second = await runSimulation(77, { validators: 7, byzantine: 2, trace: true });
  assert.ok(first.trace.length > 1_000, `expected a long trace, got ${first.trace.length} lines`);
  assert.deepEqual(second.trace, first.trace, "the same seed must give the same trace");
  assert.deepEqual(second.violations, first.violations, "and the same result");
  assert.ok(first.txsCommitted > 0, "the run committed client transactions");
});
