import { type CryptoSuite, workflowsModuleName } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { apply } from "./applications.ts";
import { createAttest } from "./attestations.ts";
import { createDecide } from "./decisions.ts";
import { expire } from "./expiry.ts";
import { workflowsQueries } from "./queries.ts";
import { approveTemplate, createProposeTemplate } from "./templates.ts";

export function createWorkflowsModule(suite: CryptoSuite, chainId: string): ModuleDefinition {
  return {
    name: workflowsModuleName,
    description: "Cross-department workflows: templates approved by the organisations, applications attested step by step with signed credentials, and decision credentials that verify offline as a whole.",
    // New types go at the end: the order is part of what every node of a chain runs.
    txTypes: {
      propose_template: createProposeTemplate(suite),
      approve_template: approveTemplate,
      apply,
      attest: createAttest(suite, chainId),
      decide: createDecide(suite, chainId),
      expire,
    },
    queries: workflowsQueries,
  };
}
