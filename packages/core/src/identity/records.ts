import { Type } from "@sinclair/typebox";
import type { WireStatic } from "../wireCheck.ts";

/*
 * The identity module's records as its queries and the account route answer them: the one
 * definition the node and the SDK share. Answers may gain fields.
 */

export const accountKinds = ["admin", "member", "device"] as const;
export type AccountKind = (typeof accountKinds)[number];

/** A registered account's membership, as GET /v1/accounts/:address shows it. */
export const memberViewSchema = Type.Object({
  org: Type.String(),
  roles: Type.Array(Type.String()),
  kind: Type.Unsafe<AccountKind>(Type.Union(accountKinds.map((kind) => Type.Literal(kind)))),
  name: Type.String(),
});
export type MemberView = WireStatic<typeof memberViewSchema>;

/** The member query's answer: the membership with the address, whether it is active, and a device's model. */
export const memberAnswerSchema = Type.Object({
  ...memberViewSchema.properties,
  address: Type.String(),
  active: Type.Boolean(),
  /** The device model for devices; empty otherwise. */
  model: Type.String(),
});
export type MemberAnswer = WireStatic<typeof memberAnswerSchema>;

export const organisationRecordSchema = Type.Object({ id: Type.String(), name: Type.String(), admins: Type.Array(Type.String()) });
export type OrganisationRecord = WireStatic<typeof organisationRecordSchema>;

export const organisationsAnswerSchema = Type.Object({ organisations: Type.Array(organisationRecordSchema) });
export type OrganisationsAnswer = WireStatic<typeof organisationsAnswerSchema>;

/** The accounts query's answer: one page of an organisation's accounts (admins, members, devices) in address order. */
export const accountsAnswerSchema = Type.Object({
  org: Type.String(),
  /** The organisation's accounts of the kind asked for (all kinds by default). */
  total: Type.Integer(),
  offset: Type.Integer(),
  accounts: Type.Array(memberAnswerSchema),
  /** The `offset` of the following page, or null after the last. */
  next: Type.Union([Type.Integer(), Type.Null()]),
});
export type AccountsAnswer = WireStatic<typeof accountsAnswerSchema>;

/** A node key an organisation registered (in genesis or later) and may run a node with. */
export const nodeKeyRecordSchema = Type.Object({ publicKey: Type.String(), org: Type.String(), name: Type.String() });
export type NodeKeyRecord = WireStatic<typeof nodeKeyRecordSchema>;

/** The node_keys query's answer: one page of an organisation's node keys in key order. */
export const nodeKeysAnswerSchema = Type.Object({
  org: Type.String(),
  total: Type.Integer(),
  offset: Type.Integer(),
  nodeKeys: Type.Array(nodeKeyRecordSchema),
  next: Type.Union([Type.Integer(), Type.Null()]),
});
export type NodeKeysAnswer = WireStatic<typeof nodeKeysAnswerSchema>;
