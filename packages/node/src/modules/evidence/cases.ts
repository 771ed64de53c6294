import type { CryptoSuite } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { caseDigest } from "./anchor.ts";
import { evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { pageParameters, readPage } from "./pagination.ts";
import { type AnchorRecord, type CaseEntry, type SessionRecord, readAnchor, readSession } from "./records.ts";

export function createCaseQuery(suite: CryptoSuite): QueryDefinition {
  return defineQuery({
    description: "Everything filed under a case number, oldest first: anchors and recording sessions.",
    parameters: Type.Object({ caseNumber: Type.String({ minLength: 1, maxLength: evidenceModuleLimits.caseNumberLengthMax }), ...pageParameters }, { additionalProperties: false }),
    run: (state, query) => {
      const digest = caseDigest(suite, query.caseNumber);
      const page = readPage<CaseEntry>(state, evidenceKeys.caseCount(digest), (position) => evidenceKeys.caseEntry(digest, position), query, evidenceModuleLimits.listPageMax);
      const entries = page.entries.map((entry) =>
        entry.kind === "anchor"
          ? { kind: "anchor" as const, anchor: readAnchor(state, entry.hash, entry.index) as AnchorRecord }
          : { kind: "session" as const, session: readSession(state, entry.sessionId) as SessionRecord },
      );
      return { caseNumber: query.caseNumber, total: page.total, start: page.start, entries, next: page.next };
    },
  });
}
