import type { CryptoSuite } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { anchorQueries, createAnchorTxType } from "./anchor.ts";
import { createCaseQuery } from "./cases.ts";
import { createDrawQueries, createRegisterDrawTxType } from "./lottery.ts";
import { sessionQueries } from "./sessionQueries.ts";
import { createSessionTxTypes } from "./sessions.ts";

export { EvidenceModuleError, type EvidenceModuleErrorType } from "./errors.ts";
export { evidenceKeys } from "./keys.ts";
export { evidenceModuleLimits } from "./limits.ts";
export { type AnchorRecord, type DrawRecord, type SessionRecord, type Submitter, readAnchor } from "./records.ts";
export { notaryRole } from "./lottery.ts";

export const evidenceModuleName = "evidence";

export interface EvidenceModuleParameters {
  /** The chain's suite: chunk links, case keys and draws hash with it. */
  readonly suite: CryptoSuite;
}

/**
 * The evidence service (存证/核验): anchors of content hashed on the client, recording sessions of
 * registered devices whose chunks are linked one to the next, and notarised draws (公证摇号)
 * decided by a future block's hash. The stream and draw rules are @kexin/core's (docs/evidence.md).
 */
export function createEvidenceModule(parameters: EvidenceModuleParameters): ModuleDefinition {
  const { suite } = parameters;
  return {
    name: evidenceModuleName,
    description: "Evidence anchoring, device recording sessions and notarised draws.",
    txTypes: {
      anchor: createAnchorTxType(suite),
      ...createSessionTxTypes(suite),
      register_draw: createRegisterDrawTxType(),
    },
    queries: {
      ...anchorQueries,
      case: createCaseQuery(suite),
      ...sessionQueries,
      ...createDrawQueries(suite),
    },
  };
}
