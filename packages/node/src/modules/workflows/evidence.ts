import { type WorkflowStep, datashareModuleName, workflowError } from "@kexin/core";
import type { ReadContext, StateRead } from "../../execution/interface.ts";
import { readAccessRecord, readComputeRecord, readSharedRecord } from "../datashare/index.ts";

const transactionHash = /^[0-9a-f]{64}$/;

/** What a cited transaction read, when it is a committed datashare access or compute request: who read, which dataset, which records. */
function auditedRead(datashare: StateRead, tx: string): { organisation: string; dataset: string; records: readonly string[] } | undefined {
  if (!transactionHash.test(tx)) return undefined;
  const access = readAccessRecord(datashare, tx);
  if (access !== undefined) return access;
  const compute = readComputeRecord(datashare, tx);
  return compute === undefined ? undefined : { organisation: compute.organisation, dataset: compute.dataset, records: compute.records.map((record) => record.id) };
}

/**
 * A step that reads datasets must cite what it read: at least one entry, and each a committed
 * datashare access (or compute request) by the step's organisation, of one of the step's datasets,
 * over records of this application's subject only. So a department cannot attest without an
 * audited read of the applicant's data. A step that reads nothing may cite any ids (paper files,
 * archive numbers), which the chain cannot check.
 */
export function checkStepEvidence(context: ReadContext, step: WorkflowStep, subject: string, evidence: readonly string[]): void {
  if (step.reads.length === 0) return;
  if (evidence.length === 0) {
    throw workflowError("WORKFLOW_EVIDENCE_MISSING", `step "${step.id}" reads ${step.reads.join(", ")}: its attestation must cite at least one datashare access of the applicant's records by "${step.organisation}"`, { step: step.id });
  }
  const datashare = context.readModule(datashareModuleName);
  for (const tx of evidence) {
    const read = auditedRead(datashare, tx);
    if (read === undefined) throw workflowError("WORKFLOW_EVIDENCE_INVALID", `step "${step.id}" reads ${step.reads.join(", ")}: its evidence must be datashare access or compute transactions, and ${tx.slice(0, 80)} is none`, { step: step.id });
    if (read.organisation !== step.organisation || !step.reads.includes(read.dataset)) {
      throw workflowError("WORKFLOW_EVIDENCE_INVALID", `${tx} is "${read.organisation}"'s read of ${read.dataset}; step "${step.id}" cites reads by "${step.organisation}" of ${step.reads.join(", ")}`, { step: step.id });
    }
    if (!read.records.every((record) => readSharedRecord(datashare, record)?.subject === subject)) {
      throw workflowError("WORKFLOW_EVIDENCE_INVALID", `${tx} read records of another subject than the application's; step "${step.id}" cites reads of the applicant's records only`, { step: step.id });
    }
  }
}
