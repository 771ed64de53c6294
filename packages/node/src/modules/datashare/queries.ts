import { type GrantRecord, type Grantee, datasetIdSchema, recordIdSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { integerParameter } from "../../execution/integerParameter.ts";
import { type QueryDefinition, defineQuery } from "../../execution/interface.ts";
import { accessesPage } from "./accessEntries.ts";
import { requireDataset } from "./catalogue.ts";
import { creditsOf } from "./credits.ts";
import { readEncryptionKey } from "./encryptionKeys.ts";
import { readGrant } from "./grants.ts";
import { type NamedList, datashareLists, exactlyOneList, readListPage } from "./lists.ts";
import { datashareListLimitMax } from "./limits.ts";
import { requireSharedRecord } from "./records.ts";

const limit = Type.Optional(integerParameter({ minimum: 1, maximum: datashareListLimitMax }, `entries in the page (at most ${datashareListLimitMax})`));
const start = Type.Optional(integerParameter({ maximum: Number.MAX_SAFE_INTEGER }, "0-based position of the page's first entry (default 0)"));
const organisation = Type.String({ pattern: "^[a-z][a-z0-9_]{0,31}$" });
const address = Type.String({ pattern: "^[0-9a-f]{40}$" });

/** The one audit list the `accesses` query names: of a dataset, by an organisation, or by a requesting account. */
function accessListOf(parameters: { readonly dataset?: string; readonly organisation?: string; readonly requester?: string }): NamedList {
  return exactlyOneList(
    [
      parameters.dataset === undefined ? undefined : datashareLists.datasetAccesses(parameters.dataset),
      parameters.organisation === undefined ? undefined : datashareLists.organisationAccesses(parameters.organisation),
      parameters.requester === undefined ? undefined : datashareLists.requesterAccesses(parameters.requester),
    ],
    "dataset, organisation or requester",
  );
}

export const datashareQueries: Readonly<Record<string, QueryDefinition>> = {
  datasets: defineQuery({
    description: "The catalogue: registered datasets in the order registered, a page at a time.",
    parameters: Type.Object({ start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      const { entries, ...page } = readListPage<string>(index, datashareLists.datasets(), parameters);
      return { ...page, datasets: entries.map((id) => requireDataset(state, id)) };
    },
  }),
  dataset: defineQuery({
    description: "One dataset of the catalogue.",
    parameters: Type.Object({ id: datasetIdSchema }),
    run: (state, parameters) => requireDataset(state, parameters.id),
  }),
  records: defineQuery({
    description: "The records published to a dataset in the order published, a page at a time.",
    parameters: Type.Object({ dataset: datasetIdSchema, start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      requireDataset(state, parameters.dataset);
      const { entries, ...page } = readListPage<string>(index, datashareLists.records(parameters.dataset), parameters);
      return { ...page, records: entries.map((id) => requireSharedRecord(state, id)) };
    },
  }),
  record: defineQuery({
    description: "One published record: its dataset, ciphertext hash and size, subject reference and publisher.",
    parameters: Type.Object({ id: recordIdSchema }),
    run: (state, parameters) => requireSharedRecord(state, parameters.id),
  }),
  grants: defineQuery({
    description: "The grants of a dataset in the order first granted, revoked ones included, with the accesses each has used; a page at a time.",
    parameters: Type.Object({ dataset: datasetIdSchema, start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => {
      requireDataset(state, parameters.dataset);
      const { entries, ...page } = readListPage<readonly [Grantee["kind"], string]>(index, datashareLists.grants(parameters.dataset), parameters);
      return { ...page, grants: entries.map(([kind, id]) => readGrant(state, parameters.dataset, { kind, id } as Grantee) as GrantRecord) };
    },
  }),
  credits: defineQuery({
    description: "An organisation's credit balance.",
    parameters: Type.Object({ organisation }),
    run: (state, parameters) => ({ organisation: parameters.organisation, balance: creditsOf(state, parameters.organisation) }),
  }),
  encryption_key: defineQuery({
    description: "The encryption public key an account registered, if any.",
    parameters: Type.Object({ address }),
    run: (state, parameters) => readEncryptionKey(state, parameters.address) ?? null,
  }),
  accesses: defineQuery({
    description: "The audited accesses and credential verifications of a dataset, by an organisation or by an account, oldest first, a page at a time.",
    parameters: Type.Object({ dataset: Type.Optional(datasetIdSchema), organisation: Type.Optional(organisation), requester: Type.Optional(address), start, limit }),
    run: (state, parameters, _readModule, _blocks, index) => accessesPage(state, index, accessListOf(parameters), parameters),
  }),
};
