import { type WorkflowTemplate, datashareSubjectReference, generateSubjectKey, getSuite, publicKeyMultibase } from "@kexin/core";
import { type KexinClient, type TxCall, type Wallet, datashare, workflows } from "@kexin/sdk";
import { BenchFailure } from "../errors.ts";
import { log, round } from "../output.ts";
import { summariseLatencies } from "../stats.ts";
import type { CommitWatch } from "./commitWatch.ts";
import type { DepartmentLane, WorkflowDepartments } from "./workflowDepartments.ts";
import { applicantRecordId, publishApplicantRecords } from "./workflowReads.ts";

export interface WorkflowFigures {
  readonly applications: number;
  readonly applicationsPerS: number;
  /** From the apply's submission to the decision's block, per application. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly spanMs: number;
}

/** The steps in waves: each wave's steps depend only on earlier waves, so its departments attest at once. */
export function stepWaves(template: WorkflowTemplate): string[][] {
  const depth = new Map<string, number>();
  for (const step of template.steps) depth.set(step.id, Math.max(-1, ...step.after.map((before) => depth.get(before) ?? 0)) + 1);
  const waves: string[][] = [];
  for (const step of template.steps) (waves[depth.get(step.id) ?? 0] ??= []).push(step.id);
  return waves;
}

/** What a verifier would trust: every department member's key the lanes hold. */
function trustedSigners(suiteId: "intl" | "gm", template: WorkflowTemplate, lanes: readonly DepartmentLane[]) {
  const suite = getSuite(suiteId);
  const keys = new Map<string, string[]>();
  const add = (organisation: string, wallet: Wallet) => keys.set(organisation, [...(keys.get(organisation) ?? []), publicKeyMultibase(suite, wallet.publicKey)]);
  for (const lane of lanes) {
    for (const step of template.steps) add(step.organisation, lane.officers[step.id]!);
    add(template.decider.organisation, lane.decider);
  }
  return [...keys].map(([organisation, publicKeys]) => ({ organisation, publicKeys }));
}

/**
 * Scripted departments complete `applications` applications of the template, `lanes` of them in
 * flight at once: a clerk files, each wave of steps is attested by its departments together (each
 * first reading the applicant's record in its step's dataset, an audited access, then signing its
 * credential citing that read), and the decider signs the decision carrying every attestation.
 * Every application must end approved, and the last decision must verify offline.
 */
export async function completeApplications(
  client: KexinClient,
  watch: CommitWatch,
  template: WorkflowTemplate,
  departments: WorkflowDepartments,
  parameters: { readonly applications: number; readonly suite: "intl" | "gm"; readonly runId: string; readonly setupTimeoutMs: number },
  abortIf: () => void,
): Promise<WorkflowFigures> {
  const waves = stepWaves(template);
  const subjectKey = generateSubjectKey(getSuite(parameters.suite));
  const latencies = new Float64Array(parameters.applications);
  const send = async (wallet: Wallet, call: TxCall): Promise<number> => {
    abortIf();
    const sent = await client.buildAndSend(wallet, call);
    return watch.committed(sent.hash);
  };
  const subjects = Array.from({ length: parameters.applications }, (_unused, index) => datashareSubjectReference(getSuite(parameters.suite), subjectKey, `bench-applicant-${index}`));
  const lanes = departments.lanes.slice(0, Math.min(departments.lanes.length, parameters.applications));
  await publishApplicantRecords(client, template, lanes, { subjects, runId: parameters.runId, timeoutMs: parameters.setupTimeoutMs });
  log("workflow: applicants' records published", { records: parameters.applications * template.steps.length });
  const completeOne = async (lane: DepartmentLane, index: number): Promise<void> => {
    const application = `bench-${parameters.runId}-${index}`;
    const subject = subjects[index]!;
    const submittedAt = performance.now();
    await send(lane.clerk, workflows.apply({ id: application, template: template.id, subject }));
    for (const wave of waves) {
      await Promise.all(
        wave.map(async (step) => {
          const officer = lane.officers[step]!;
          const read = await client.buildAndSend(officer, datashare.access({ record: applicantRecordId(parameters.runId, index, step), purpose: "housing purchase eligibility" }));
          await watch.committed(read.hash);
          const { call } = await client.workflows.attest({ wallet: officer, application, step, outcome: "eligible", reason: `${step}: checked`, evidence: [read.hash] });
          await send(officer, call);
        }),
      );
    }
    const { call } = await client.workflows.decide({ wallet: lane.decider, application });
    latencies[index] = (await send(lane.decider, call)) - submittedAt;
  };
  let next = 0;
  let completed = 0;
  const startedAt = performance.now();
  const progress = setInterval(() => log("workflow: progress", { completed, of: parameters.applications }), 5_000);
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (let index = next++; index < parameters.applications; index = next++) {
          await completeOne(lane, index);
          completed++;
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  const spanMs = performance.now() - startedAt;

  for (let index = 0; index < parameters.applications; index++) {
    const { status } = await client.workflows.getApplication({ id: `bench-${parameters.runId}-${index}` });
    if (status !== "approved") throw new BenchFailure(`application ${index} is ${status}, not approved`);
  }
  const last = `bench-${parameters.runId}-${parameters.applications - 1}`;
  const { credential } = await client.workflows.getWorkflowCredential({ application: last });
  const verdict = workflows.verifyWorkflowDecision({ suite: parameters.suite, decision: credential, trustedSigners: trustedSigners(parameters.suite, template, lanes) });
  if (!verdict.verified) throw new BenchFailure(`the decision of ${last} does not verify offline: ${verdict.code} ${verdict.message}`);

  const summary = summariseLatencies(latencies);
  log("workflow: done", { applications: parameters.applications, lanes: lanes.length, spanMs: round(spanMs, 0), maxMs: round(summary.maxMs, 1) });
  return { applications: parameters.applications, applicationsPerS: (parameters.applications * 1000) / spanMs, p50Ms: summary.p50Ms, p99Ms: summary.p99Ms, spanMs };
}
