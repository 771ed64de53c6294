import type { CryptoSuite } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { caseDigest, readCaseEntries } from "./anchor.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { pageParameters } from "./pagination.ts";
import { type SessionRecord, anchorsBySequence, readSession } from "./records.ts";

export function createCaseQuery(suite: CryptoSuite): QueryDefinition {
  return defineQuery({
    description: "Everything filed under a case number, oldest first: anchors and recording sessions.",
    parameters: Type.Object({ caseNumber: Type.String({ minLength: 1, maxLength: evidenceModuleLimits.caseNumberLengthMax }), ...pageParameters }, { additionalProperties: false }),
    run: (state, query, _readModule, _blocks, index) => {
      const digest = caseDigest(suite, query.caseNumber);
      const page = readCaseEntries(index, digest, query);
      const anchorAt = anchorsBySequence(index);
      const entries = page.entries.map((entry) =>
        typeof entry === "number" ? { kind: "anchor" as const, anchor: anchorAt(entry) } : { kind: "session" as const, session: readSession(state, entry) as SessionRecord },
      );
      return { caseNumber: query.caseNumber, total: page.total, start: page.start, entries, next: page.next };
    },
  });
}
