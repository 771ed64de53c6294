import { type SubjectAuditAnswer, type SubjectAuditPayload, type SubjectAuditViewer, datashareAuditorRole, datashareError, datashareModuleName, datashareSubjectAuditAuthorisation, subjectAuditPayloadSchema, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../../api/context.ts";
import { identityModuleName, readAccount } from "../identity/index.ts";
import { type ReleaseChallenges, challengeUnknown } from "./challenges.ts";
import { signedRequestHexLengthMax } from "./limits.ts";
import { datashareLists } from "./lists.ts";
import { accessesPage } from "./accessEntries.ts";
import { readSignedRequest } from "./signedRequest.ts";
import { readSubjectKey } from "./subjectKeys.ts";

const signedRequestBody = Type.Object({ request: Type.String({ maxLength: signedRequestHexLengthMax, description: "hex of the signed, never-submitted audit_subject body" }) }, { additionalProperties: false });

/**
 * The per-subject audit view: every access to an organisation's records of one subject reference,
 * shown only to the holder of the citizen's key the organisation bound to the reference, to the
 * organisation's own accounts, and to auditors. The request is signed and spends a fresh challenge
 * (the key-release challenges), so a captured request shows nothing when sent again.
 */
export function registerSubjectAuditRoute(app: FastifyInstance, context: ApiContext, challenges: ReleaseChallenges): void {
  const { suite, chainId, executor } = context;
  app.post(
    "/v1/datashare/subjects/audit",
    { schema: { summary: "The accesses to an organisation's records of one subject, for the citizen's bound key, the organisation or an auditor (signed, against a challenge)", tags: [datashareModuleName], body: signedRequestBody } },
    async (request) => {
      const { signer, payload, tx } = readSignedRequest<SubjectAuditPayload>(suite, chainId, datashareSubjectAuditAuthorisation, subjectAuditPayloadSchema, (request.body as { request: string }).request);
      if (!challenges.consume(payload.challenge)) throw challengeUnknown();
      const state = executor.readCommitted(datashareModuleName);
      const viewer = viewerOf(readSubjectKey(state, payload.organisation, payload.subject)?.publicKey === toHex(tx.signer), readAccount(executor.readCommitted(identityModuleName), signer), payload.organisation);
      if (viewer === undefined) {
        throw datashareError("DATASHARE_AUDIT_NOT_ALLOWED", `${signer} may not read this subject's audit list: sign with the key "${payload.organisation}" bound to the subject, as an account of "${payload.organisation}", or as an auditor`, { organisation: payload.organisation });
      }
      const parameters = { start: payload.start === undefined ? undefined : String(payload.start), limit: payload.limit === undefined ? undefined : String(payload.limit) };
      const page = accessesPage(state, executor.readCommittedIndex(datashareModuleName), datashareLists.subjectAccesses(payload.organisation, payload.subject), parameters);
      const answer: SubjectAuditAnswer = { organisation: payload.organisation, subject: payload.subject, viewer, ...page };
      return answer;
    },
  );
}

/** Who the signer is to the subject's list, or undefined when it may not see it. */
function viewerOf(signedByBoundKey: boolean, account: { readonly org: string; readonly roles: readonly string[]; readonly active: boolean } | undefined, organisation: string): SubjectAuditViewer | undefined {
  if (signedByBoundKey) return "subject";
  if (account?.active !== true) return undefined;
  if (account.org === organisation) return "organisation";
  return account.roles.includes(datashareAuditorRole) ? "auditor" : undefined;
}
