import type { CborValue } from "@kexin/core";
import { BenchFailure } from "../errors.ts";
import { isRecord } from "../http.ts";
import { log } from "../output.ts";
import type { Account, TxSigner } from "./accounts.ts";
import type { KexinApi } from "./api.ts";
import { type SetupOptions, refreshNonces, submitAndWaitOk } from "./setup.ts";
import type { TxCall } from "./transfers.ts";

/**
 * The points platform as the points mode sets it up: two merchants' programs with a one-year
 * expiry (so every exchange moves lots and the expiry schedule), an agreement from A to B at 1:1
 * with caps no run reaches, and members holding A points.
 */
export const pointsBench = {
  /** Merchant organisations of a development chain: A's runs the members, B's is the partner. */
  merchantA: "merchant",
  merchantB: "bureau",
  programA: "bench.miles",
  programB: "bench.stars",
  agreement: "bench.miles-stars",
  settlementFenPerPoint: 3,
  /** A points each member holds: the whole issue (5,000 members at most) stays far below 2^53 fen. */
  pointsEach: 1_000_000_000,
} as const;

const expiryDays = 365;
/** Far above what one member or all members give in a run, so no exchange meets a cap. */
const memberDailyCap = 10 ** 12;
const totalDailyCap = 10 ** 15;

function programCall(id: string, zh: string, en: string): CborValue {
  return { id, name: { zh, en }, faceValueFen: 1, expiry: { kind: "days", days: expiryDays }, transferable: true };
}

/** One exchange of one A point: the measured transaction. */
export function exchangeCall(): TxCall {
  return { module: "points", type: "exchange", payload: { agreement: pointsBench.agreement, amount: 1 } };
}

/**
 * Both merchants register their programs, A's admin proposes the agreement and B's accepts it;
 * A's admin registers `count` fresh members and issues each `pointsEach` A points. Returns the
 * members with their next nonces read back from the node.
 */
export async function setUpPointsExchange(
  api: KexinApi,
  signer: TxSigner,
  admins: { readonly a: Account; readonly b: Account },
  count: number,
  options: SetupOptions,
): Promise<Account[]> {
  const { a, b } = admins;
  await refreshNonces(api, [a, b]);
  log("setup: registering two programs and their agreement");
  await submitAndWaitOk(
    api,
    [signer.sign(a, "points", "register_program", programCall(pointsBench.programA, "航空里程", "Bench miles")), signer.sign(b, "points", "register_program", programCall(pointsBench.programB, "酒店星级", "Bench stars"))],
    "points.register_program",
    options,
  );
  const terms = {
    id: pointsBench.agreement,
    from: pointsBench.programA,
    to: pointsBench.programB,
    rate: { from: 1, to: 1 },
    rounding: "down",
    fee: { fixed: 0, basisPoints: 0 },
    settlementFenPerPoint: pointsBench.settlementFenPerPoint,
    memberDailyCap,
    totalDailyCap,
    validFrom: 0,
    validUntil: Number.MAX_SAFE_INTEGER,
  };
  await submitAndWaitOk(api, [signer.sign(a, "points", "propose_agreement", terms)], "points.propose_agreement", options);
  await submitAndWaitOk(api, [signer.sign(b, "points", "accept_agreement", { id: pointsBench.agreement })], "points.accept_agreement", options);

  const members = Array.from({ length: count }, () => signer.newAccount());
  log("setup: registering members", { members: count });
  const registrations = members.map((member, index) =>
    signer.sign(a, "identity", "register_member", { org: pointsBench.merchantA, address: member.address, name: `bench-member-${index}`, roles: [] } satisfies CborValue),
  );
  await submitAndWaitOk(api, registrations, "identity.register_member", options);
  log("setup: issuing A points", { members: count, pointsEach: pointsBench.pointsEach });
  const issues = members.map((member) => signer.sign(a, "points", "program_issue", { program: pointsBench.programA, to: member.address, amount: pointsBench.pointsEach }));
  await submitAndWaitOk(api, issues, "points.program_issue", options);
  await refreshNonces(api, members);
  return members;
}

function numberField(answer: unknown, field: string, where: string): number {
  const value = isRecord(answer) ? answer[field] : undefined;
  if (typeof value !== "number") throw new BenchFailure(`${where}: no number "${field}" in ${JSON.stringify(answer)}`);
  return value;
}

/**
 * A committed exchange may still have failed in execution; every successful one of 1 point at 1:1
 * adds exactly one to B's points exchanged in, A's exchanged out, the obligation's exchanges, and
 * `settlementFenPerPoint` to what A owes B. Those four figures prove all `exchanges` executed.
 */
export async function assertExchangesExecuted(api: KexinApi, exchanges: number): Promise<void> {
  const totalsA = await api.query("points", "program_totals", { program: pointsBench.programA });
  const totalsB = await api.query("points", "program_totals", { program: pointsBench.programB });
  const owed = await api.query("points", "obligation", { from: pointsBench.programA, to: pointsBench.programB });
  const found = {
    exchangedOut: numberField(totalsA, "exchangedOut", "A's totals"),
    exchangedIn: numberField(totalsB, "exchangedIn", "B's totals"),
    exchanges: numberField(owed, "exchanges", "the obligation"),
    fen: numberField(owed, "fen", "the obligation"),
  };
  const expected = { exchangedOut: exchanges, exchangedIn: exchanges, exchanges, fen: exchanges * pointsBench.settlementFenPerPoint };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new BenchFailure(`measured exchanges were committed but did not all execute: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
  }
}
