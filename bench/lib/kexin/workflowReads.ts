import type { WorkflowTemplate } from "@kexin/core";
import { type KexinClient, datashare } from "@kexin/sdk";
import type { DepartmentLane } from "./workflowDepartments.ts";
import { commitCall } from "./workflowDepartments.ts";

/** The record a step's department holds about one application's applicant, in the step's dataset. */
export function applicantRecordId(runId: string, index: number, step: string): string {
  return `bench-${runId}-${index}-${step}`;
}

/**
 * Setup (not measured): every department publishes its record of each applicant in the dataset
 * its step reads, so that the measured applications can read them (an audited datashare access)
 * and cite the reads. Only the record's entry goes on chain: an access is audited without the
 * ciphertext, and no key is ever released here. Lane `k` publishes for applications k, k + lanes,
 * …, its officers (one per step) in parallel.
 */
export async function publishApplicantRecords(
  client: KexinClient,
  template: WorkflowTemplate,
  lanes: readonly DepartmentLane[],
  parameters: { readonly subjects: readonly string[]; readonly runId: string; readonly timeoutMs: number },
): Promise<void> {
  await Promise.all(
    lanes.flatMap((lane, laneIndex) =>
      template.steps.map(async (step) => {
        for (let index = laneIndex; index < parameters.subjects.length; index += lanes.length) {
          const call = datashare.publishRecord({ id: applicantRecordId(parameters.runId, index, step.id), dataset: step.reads[0]!, hash: "11".repeat(32), size: 100, subject: parameters.subjects[index]! });
          await commitCall(client, lane.officers[step.id]!, call, parameters.timeoutMs);
        }
      }),
    ),
  );
}
