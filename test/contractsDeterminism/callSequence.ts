import type { CborValue } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import type { Random } from "../../sim/random.ts";

/** An account that sends calls, and the validator whose API it sends them through. */
export interface CallerAccount {
  readonly name: string;
  readonly wallet: Wallet;
  readonly org: string;
  readonly roles: readonly string[];
  readonly validator: number;
}

export interface PlannedCall {
  readonly caller: CallerAccount;
  readonly contract: string;
  readonly method: string;
  readonly args: CborValue;
  readonly gasLimit: number;
  /** What the draw meant to exercise, for the run's summary. */
  readonly kind: string;
}

export interface PlannedQuery {
  readonly contract: string;
  readonly method: string;
  readonly args: CborValue;
}

/** The example contracts as deployed for the run: names, the organisations and the token's supply. */
export interface CallUniverse {
  readonly members: readonly CallerAccount[];
  readonly admins: readonly CallerAccount[];
  readonly tokenOwner: CallerAccount;
  readonly tokenSupply: number;
  readonly organisations: readonly string[];
  readonly gasLimit: number;
  /** The chain's callGasMax: a gasLimit above it is refused at execution. */
  readonly callGasMax: number;
}

export const riskFactors = ["arrears", "income", "age"] as const;
export const subjectCount = 24;
const transferAmountMax = 3_000;
const smallGasMax = 2_500;

function subject(random: Random): string {
  return `subject-${random.integer(1, subjectCount)}`;
}

function record(random: Random): Record<string, CborValue> {
  const values: Record<string, CborValue> = {};
  for (const factor of riskFactors) if (random.chance(0.8)) values[factor] = random.integer(0, 1_000);
  // A factor the model does not weigh makes the contract throw.
  if (random.chance(0.1)) values.debts = random.integer(0, 100);
  return values;
}

/**
 * Draws random contract calls against the token, approval and risk-score examples: mostly ones
 * that succeed, and failures of every kind a block can hold (arguments the schema refuses, throws
 * such as an overdraft or an expired request, gas limits too small to finish, methods outside the
 * policy), plus read-only methods run as transactions. The same seed draws the same calls for the
 * same heights.
 */
export class CallSequence {
  private opened = 0;

  constructor(
    private readonly random: Random,
    private readonly universe: CallUniverse,
  ) {}

  /** One call; `height` is the chain's latest height as the sender sees it, for approval deadlines. */
  next(height: number): PlannedCall {
    const random = this.random;
    const roll = random.next();
    const call =
      roll < 0.3 ? this.transfer()
      : roll < 0.36 ? this.badTransfer()
      : roll < 0.46 ? this.open(height)
      : roll < 0.49 ? this.badOpen(height)
      : roll < 0.63 ? this.approve()
      : roll < 0.76 ? this.assess()
      : roll < 0.79 ? this.badAssess()
      : roll < 0.96 ? this.readOnlyCall()
      : this.outsidePolicy();
    const gas = random.next();
    if (gas < 0.08) return { ...call, gasLimit: random.integer(1, smallGasMax), kind: `${call.kind}, small gas` };
    if (gas < 0.09) return { ...call, gasLimit: this.universe.callGasMax + random.integer(1, 1_000), kind: `${call.kind}, gas limit above the chain's` };
    return call;
  }

  /** A query of a read-only method, sometimes with arguments its schema refuses. */
  query(): PlannedQuery {
    const { contract, method, args } = this.readOnlyCall();
    if (!this.random.chance(0.15)) return { contract, method, args };
    return this.random.pick<PlannedQuery>([
      { contract: "token", method: "balanceOf", args: { owner: "not an address" } },
      { contract: "approval", method: "status", args: { id: 0 } },
      { contract: "risk", method: "score", args: { record: { arrears: 1_000_001 } } },
    ]);
  }

  private member(): CallerAccount {
    return this.random.pick(this.universe.members);
  }

  private planned(caller: CallerAccount, contract: string, method: string, args: CborValue, kind: string): PlannedCall {
    return { caller, contract, method, args, gasLimit: this.universe.gasLimit, kind };
  }

  private transfer(): PlannedCall {
    const random = this.random;
    const { members, tokenOwner, tokenSupply } = this.universe;
    const from = random.chance(0.35) ? tokenOwner : this.member();
    const target = random.next();
    const to = target < 0.04 ? from.wallet.address : target < 0.1 ? "contract:approval" : random.pick(members.filter((member) => member !== from)).wallet.address;
    // Some transfers ask for more than there is: the contract throws for insufficient balance.
    const amount = random.chance(0.1) ? tokenSupply + random.integer(1, 1_000) : random.integer(1, transferAmountMax);
    return this.planned(from, "token", "transfer", { to, amount }, "transfer");
  }

  private badTransfer(): PlannedCall {
    const to = this.member().wallet.address;
    const args = this.random.pick<CborValue>([
      { to, amount: 0 },
      { to, amount: -5 },
      { to, amount: "12" },
      { to },
      { to, amount: 3, memo: "extra" },
      { to: "ABCDEF", amount: 1 },
    ]);
    return this.planned(this.member(), "token", "transfer", args, "transfer refused by the schema");
  }

  private open(height: number): PlannedCall {
    const random = this.random;
    const orgs = this.universe.organisations.filter(() => random.chance(0.5));
    if (orgs.length === 0) orgs.push(random.pick(this.universe.organisations));
    // Sometimes more approvals than organisations named, which the contract refuses.
    const needed = random.chance(0.08) ? orgs.length + 1 : random.integer(1, orgs.length);
    // Deadlines close to the current height: some requests expire before their approvals arrive.
    const deadline = Math.max(1, height + random.integer(-1, 12));
    const caller = random.chance(0.8) ? this.member() : random.pick(this.universe.admins);
    this.opened += 1;
    return this.planned(caller, "approval", "open", { subject: `request ${this.opened}`, orgs, needed, deadline }, "open");
  }

  private badOpen(height: number): PlannedCall {
    const deadline = height + 5;
    const args = this.random.pick<CborValue>([
      { subject: "x", orgs: [], needed: 1, deadline },
      { subject: "x", orgs: ["bureau", "bureau"], needed: 1, deadline },
      { subject: "x", orgs: ["bureau"], needed: 0, deadline },
      { subject: "", orgs: ["bureau"], needed: 1, deadline },
      { subject: "x", orgs: ["bureau"], needed: 1 },
    ]);
    return this.planned(this.member(), "approval", "open", args, "open refused by the schema");
  }

  private approve(): PlannedCall {
    const random = this.random;
    const caller = random.chance(0.85) ? random.pick(this.universe.admins) : this.member();
    // Ids past the last request opened name no request: the contract throws.
    const id = random.integer(1, this.opened + 2);
    return this.planned(caller, "approval", "approve", { id }, "approve");
  }

  private assess(): PlannedCall {
    return this.planned(this.member(), "risk", "assess", { subject: subject(this.random), record: record(this.random) }, "assess");
  }

  private badAssess(): PlannedCall {
    const args = this.random.pick<CborValue>([
      { subject: "", record: { arrears: 1 } },
      { subject: subject(this.random), record: { Arrears: 1 } },
      { subject: subject(this.random), record: { arrears: 2_000_000 } },
      { subject: subject(this.random) },
    ]);
    return this.planned(this.member(), "risk", "assess", args, "assess refused by the schema");
  }

  private readOnlyCall(): PlannedCall {
    const random = this.random;
    const caller = this.member();
    const choice = random.integer(0, 4);
    if (choice === 0) return this.planned(caller, "token", "balanceOf", { owner: this.member().wallet.address }, "read-only call");
    if (choice === 1) return this.planned(caller, "token", "totalSupply", {}, "read-only call");
    if (choice === 2) return this.planned(caller, "approval", "status", { id: random.integer(1, this.opened + 2) }, "read-only call");
    if (choice === 3) return this.planned(caller, "risk", "score", { record: record(random) }, "read-only call");
    return this.planned(caller, "risk", "assessment", { subject: subject(random) }, "read-only call");
  }

  private outsidePolicy(): PlannedCall {
    const [contract, method] = this.random.pick<[string, string]>([
      ["token", "init"],
      ["token", "mint"],
      ["risk", "migrate"],
      ["nowhere", "transfer"],
    ]);
    return this.planned(this.member(), contract, method, {}, "method outside the policy");
  }
}
