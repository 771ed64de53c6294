/*
 * The typed contract client's types, checked by `tsc -p tsconfig.json` (npm run typecheck): each
 * `@ts-expect-error` line must fail to compile, so loosening the types (a method name, an argument
 * or a call read as a query accepted) fails the type check. Nothing here runs.
 */
import type { Context } from "@kexin/sdk/contract";
import type { Client } from "../src/clients/createClient.ts";
import { contractClient } from "../src/contracts/contractClient.ts";
import type { JsonValue } from "../src/types.ts";
import type { Wallet } from "../src/wallet/wallet.ts";
import type * as approval from "../../../examples/contracts/approval/contract.ts";
import type * as riskScore from "../../../examples/contracts/risk-score/contract.ts";
import type * as token from "../../../examples/contracts/token/contract.ts";

type Token = typeof token;
type Equal<Left, Right> = (<Probe>() => Probe extends Left ? 1 : 2) extends <Probe>() => Probe extends Right ? 1 : 2 ? true : false;
/** `exactly<Expected>()(value)` compiles only when value's type is Expected itself, not merely assignable to it or from it. */
function exactly<Expected>(): <Actual>(value: Actual, ...mismatch: Equal<Actual, Expected> extends true ? [] : [never]) => void {
  return () => {};
}

/** What `methods` declared with `satisfies MethodsDeclaration` is typed as. */
type DigestMethods = { digest: { args: { type: "object" } }; count: { args: { type: "object" }; readOnly: true } };
/** A contract whose results cross the wire in JSON form: bytes as hex, bigints as decimal strings, nothing as null. */
type Digests = {
  methods: DigestMethods;
  digest(args: { data: Uint8Array }, ctx: Context): Promise<{ hash: Uint8Array; sizes: bigint[] }>;
  count(args: undefined, ctx: Context): void;
};

/** A contract whose `methods` was declared without `satisfies`, so its readOnly is typed boolean. */
type Undecided = { methods: { status: { args: { type: string }; readOnly: boolean } }; status(args: { id: number }, ctx: Context): number };

export async function tokenClientTypes(client: Client, wallet: Wallet): Promise<void> {
  const token = contractClient<Token>(client, { contract: "token", wallet });

  const transfer = await token.call.transfer({ to: "ab".repeat(20), amount: 5 }, { gasLimit: 10_000 });
  exactly<{ readonly from: number; readonly to: number }>()(transfer.value);
  exactly<string>()(transfer.hash);
  exactly<number>()(transfer.cost);
  exactly<readonly { readonly contract: string; readonly type: string; readonly data: JsonValue }[]>()(transfer.events);
  const balance = await token.query.balanceOf({ owner: "ab".repeat(20) });
  exactly<number>()(balance.value);
  exactly<number>()(balance.gasUsed);
  const supply = await token.query.totalSupply();
  exactly<number>()(supply.value);

  // @ts-expect-error a method the contract does not declare
  await token.call.mint({ to: "ab".repeat(20), amount: 5 });
  // @ts-expect-error a method name misspelt
  await token.query.balanceof({ owner: "ab".repeat(20) });
  // @ts-expect-error an argument of the wrong type
  await token.call.transfer({ to: "ab".repeat(20), amount: "5" });
  // @ts-expect-error an argument missing
  await token.call.transfer({ to: "ab".repeat(20) });
  // @ts-expect-error an argument the method does not take
  await token.query.balanceOf({ owner: "ab".repeat(20), at: 3 });
  // @ts-expect-error the arguments left out of a method that needs them
  await token.query.balanceOf();
  // @ts-expect-error a call read as a query
  await token.query.transfer({ to: "ab".repeat(20), amount: 5 });
  // @ts-expect-error a query sent as a call
  await token.call.balanceOf({ owner: "ab".repeat(20) });
  // @ts-expect-error init runs only at activation
  await token.call.init({ owner: "ab".repeat(20), supply: 5 });
  // @ts-expect-error a result read as another type
  const wrong: string = (await token.query.balanceOf({ owner: "ab".repeat(20) })).value;
  exactly<string>()(wrong);
}

export async function otherExampleTypes(client: Client, wallet: Wallet): Promise<void> {
  const requests = contractClient<typeof approval>(client, { contract: "approval", wallet });
  const opened = await requests.call.open({ subject: "housing", orgs: ["bureau"], needed: 1, deadline: 90 });
  exactly<{ readonly id: number }>()(opened.value);
  const status = await requests.query.status({ id: opened.value.id });
  exactly<"open" | "approved" | "expired">()(status.value.state);
  exactly<readonly string[]>()(status.value.approvals);
  // @ts-expect-error approve changes state: it is a call
  await requests.query.approve({ id: 1 });

  const risk = contractClient<typeof riskScore>(client, { contract: "risk" });
  const assessment = await risk.query.assessment({ subject: "applicant-7" });
  exactly<JsonValue>()(assessment.value);
  // @ts-expect-error record's values are numbers
  await risk.query.score({ record: { arrears: "30" } });
}

export async function jsonFormTypes(client: Client): Promise<void> {
  const digests = contractClient<Digests>(client, { contract: "digests" });
  const digest = await digests.call.digest({ data: new Uint8Array(4) });
  exactly<{ readonly hash: string; readonly sizes: readonly string[] }>()(digest.value);
  const count = await digests.query.count();
  exactly<null>()(count.value);
}

export async function undecidedKindTypes(client: Client): Promise<void> {
  const undecided = contractClient<Undecided>(client, { contract: "undecided" });
  exactly<typeof undecided.call.status>()(undecided.query.status);
  // @ts-expect-error readOnly typed boolean says neither call nor query: the method shows how to declare methods instead
  await undecided.query.status({ id: 1 });
}
