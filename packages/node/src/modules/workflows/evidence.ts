import { type WorkflowStep, datashareModuleName, workflowError } from "@kexin/core";
import type { ReadContext } from "../../execution/interface.ts";
import { readAccessRecord } from "../datashare/index.ts";

const accessTransaction = /^[0-9a-f]{64}$/;

/**
 * A step that reads datasets cites what it read as datashare access transactions: each must be a
 * committed access by the step's organisation to one of the step's datasets, so every read behind
 * an attestation is in the audit trail. A step that reads nothing may cite any ids (paper files,
 * archive numbers), which the chain cannot check.
 */
export function checkStepEvidence(context: ReadContext, step: WorkflowStep, evidence: readonly string[]): void {
  if (step.reads.length === 0) return;
  const datashare = context.readModule(datashareModuleName);
  for (const tx of evidence) {
    const access = accessTransaction.test(tx) ? readAccessRecord(datashare, tx) : undefined;
    if (access === undefined) throw workflowError("WORKFLOW_EVIDENCE_INVALID", `step "${step.id}" reads ${step.reads.join(", ")}: its evidence must be datashare access transactions, and ${tx.slice(0, 80)} is none`, { step: step.id });
    if (access.organisation !== step.organisation || !step.reads.includes(access.dataset)) {
      throw workflowError("WORKFLOW_EVIDENCE_INVALID", `access ${tx} is "${access.organisation}"'s read of ${access.dataset}; step "${step.id}" cites reads by "${step.organisation}" of ${step.reads.join(", ")}`, { step: step.id });
    }
  }
}
