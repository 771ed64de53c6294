import { type CredentialVerificationRecord, credentialIdSchema, credentialStatusPurposes, statusListIndexSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { encodedStatusList } from "./credentialStatusList.ts";
import { requireCredential } from "./credentials.ts";
import { datashareListLimitMax } from "./limits.ts";
import { type NamedList, datashareLists, exactlyOneList, readListPage } from "./lists.ts";

const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const limit = Type.Optional(integerParameter({ minimum: 1, maximum: datashareListLimitMax }, `entries in the page (at most ${datashareListLimitMax})`));
const start = Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "0-based position of the page's first entry (default 0)"));

/** The one list of verifications the query names: of a credential, by an organisation, or of an issuer's credentials. */
function verificationListOf(parameters: { readonly credential?: string; readonly organisation?: string; readonly issuer?: string }): NamedList {
  return exactlyOneList(
    [
      parameters.credential === undefined ? undefined : datashareLists.credentialVerifications(parameters.credential),
      parameters.organisation === undefined ? undefined : datashareLists.organisationVerifications(parameters.organisation),
      parameters.issuer === undefined ? undefined : datashareLists.issuerVerifications(parameters.issuer),
    ],
    "credential, organisation or issuer",
  );
}

export const credentialQueries: Readonly<Record<string, QueryDefinition>> = {
  credential: defineQuery({
    description: "An issued credential as the chain holds it: its hash, issuer, status-list index and status.",
    parameters: Type.Object({ id: credentialIdSchema }),
    run: (state, parameters) => requireCredential(state, parameters.id),
  }),
  credential_status_list: defineQuery({
    description: "An issuing organisation's revocation list (or, with purpose=suspension, its suspension list), as a Bitstring Status List encodedList (GZIP, multibase base64url).",
    parameters: Type.Object({ issuer: organisation, purpose: Type.Optional(Type.Union(credentialStatusPurposes.map((purpose) => Type.Literal(purpose)))) }),
    run: (state, parameters, _readModule, blocks) => {
      const purpose = parameters.purpose ?? "revocation";
      return { issuer: parameters.issuer, statusPurpose: purpose, encodedList: encodedStatusList(state, purpose, parameters.issuer), height: blocks.height };
    },
  }),
  credential_status_index: defineQuery({
    description: "Which credential, if any, holds an index of an issuer's status list: issuers draw a free one before signing.",
    parameters: Type.Object({ issuer: organisation, index: integerParameter({ minimum: 0, maximum: statusListIndexSchema.maximum as number }, "the index") }),
    run: (state, parameters) => {
      const index = Number(parameters.index);
      const credential = state.get(credentialKeys.statusIndex(parameters.issuer, index)) as string | undefined;
      return { issuer: parameters.issuer, index, ...(credential !== undefined ? { credential } : {}) };
    },
  }),
  credential_verifications: defineQuery({
    description: "The recorded verifications of a credential, by an organisation, or of an issuer's credentials, oldest first, a page at a time.",
    parameters: Type.Object({ credential: Type.Optional(credentialIdSchema), organisation: Type.Optional(organisation), issuer: Type.Optional(organisation), start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const { entries, ...page } = readListPage<string>(index, verificationListOf(parameters), parameters);
      return { ...page, verifications: entries.map((tx) => state.get(credentialKeys.verification(tx)) as unknown as CredentialVerificationRecord) };
    },
  }),
};
