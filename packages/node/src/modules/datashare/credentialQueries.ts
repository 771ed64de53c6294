import { type CredentialVerificationRecord, credentialIdSchema, credentialStatusPurposes, datashareError, statusListIndexSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, type StateRead, defineQuery } from "../../execution/interface.ts";
import { credentialKeys } from "./credentialKeys.ts";
import { encodedStatusList } from "./credentialStatusList.ts";
import { requireCredential } from "./credentials.ts";
import { datashareListLimitMax } from "./limits.ts";

const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const limit = Type.Optional(integerParameter({ minimum: 1, maximum: datashareListLimitMax }, `entries to list (default ${datashareListLimitMax})`));

function verificationsListed(state: StateRead, prefix: string, limitText: string | undefined): CredentialVerificationRecord[] {
  const count = Math.min(datashareListLimitMax, limitText === undefined ? datashareListLimitMax : Number(limitText));
  return state.list(prefix, count).map((entry) => state.get(credentialKeys.verification(entry.key.slice(entry.key.lastIndexOf("/") + 1))) as unknown as CredentialVerificationRecord);
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
    description: "The recorded verifications of a credential, by an organisation, or of an issuer's credentials, oldest first.",
    parameters: Type.Object({ credential: Type.Optional(credentialIdSchema), organisation: Type.Optional(organisation), issuer: Type.Optional(organisation), limit }),
    run: (state, parameters) => {
      const selectors = [parameters.credential, parameters.organisation, parameters.issuer].filter((value) => value !== undefined);
      if (selectors.length !== 1) throw datashareError("DATASHARE_QUERY_INVALID", "name exactly one of credential, organisation or issuer");
      const prefix =
        parameters.credential !== undefined
          ? credentialKeys.verificationOfCredentialPrefix(parameters.credential)
          : parameters.organisation !== undefined
            ? credentialKeys.verificationByOrganisationPrefix(parameters.organisation)
            : credentialKeys.verificationOfIssuerPrefix(parameters.issuer as string);
      return { verifications: verificationsListed(state, prefix, parameters.limit) };
    },
  }),
};
