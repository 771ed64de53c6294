import assert from "node:assert/strict";
import { test } from "node:test";
import type { CborValue, MemberBalancesAnswer, ObligationAnswer, ProgramTotalsAnswer, SettlementPeriod, StatementAnswer, StatementTransactionsAnswer } from "@kexin/core";
import { seededRandom as random } from "../trace/fixtures.ts";
import { type Account, type Merchant, type PointsLedger, dayMs, merchants, programPayload, startPointsLedger } from "./ledger.ts";

const programs: readonly { readonly id: string; readonly merchant: Merchant; readonly days?: number; readonly transferable: boolean }[] = [
  { id: "air.miles", merchant: "airline", days: 3, transferable: true },
  { id: "hotel.stars", merchant: "hotel", days: 70, transferable: false },
  { id: "tel.points", merchant: "telecom", transferable: true },
];
const agreements = [
  { id: "air-hotel", from: "air.miles", to: "hotel.stars", rate: { from: 3, to: 2 }, rounding: "down", fee: { fixed: 1, basisPoints: 250 }, settlementFenPerPoint: 3 },
  { id: "hotel-air", from: "hotel.stars", to: "air.miles", rate: { from: 1, to: 1 }, rounding: "half_up", fee: { fixed: 0, basisPoints: 0 }, settlementFenPerPoint: 1 },
  { id: "tel-air", from: "tel.points", to: "air.miles", rate: { from: 7, to: 5 }, rounding: "exact", fee: { fixed: 0, basisPoints: 1_000 }, settlementFenPerPoint: 2 },
] as const;

const seed = Number(process.env.KEXIN_POINTS_SEED ?? 18);
const blocks = 80;
/** The block in which the hotel ends its agreement with the airline: exchanges and redemptions under it stop with the next. */
const endBlock = 55;

/** A settlement period as the test saw it close: what each pair came to owe since the previous close, and through how many transactions. */
interface ClosedPeriod {
  readonly number: number;
  readonly fen: ReadonlyMap<string, number>;
  readonly changes: ReadonlyMap<string, number>;
}

/**
 * Checks a closed period against the reference: its lines are what each pair came to owe over the
 * period (summed from the transactions' events), each merchant's net is summed again from those,
 * the payments bring every net to zero and move no more than the gross, each line's transactions
 * add up to it, and each merchant's statement carries its position.
 */
function checkPeriod(ledger: PointsLedger, closed: ClosedPeriod, merchantOf: (program: string) => Merchant): SettlementPeriod {
  const period = ledger.query<SettlementPeriod>("period", { number: closed.number });
  const context = `period ${closed.number}`;
  for (const [pair, fen] of closed.fen) if (fen !== 0) assert.ok(period.lines.some((line) => `${line.from}>${line.to}` === pair), `${context}: no line for ${pair} (${fen} fen)`);
  for (const line of period.lines) {
    const pair = `${line.from}>${line.to}`;
    assert.equal(line.fen, closed.fen.get(pair) ?? 0, `${context}: the line of ${pair}`);
    const behind = ledger.query<StatementTransactionsAnswer>("statement_transactions", { period: closed.number, from: line.from, to: line.to });
    assert.equal(behind.total, closed.changes.get(pair) ?? 0, `${context}: transactions behind ${pair}`);
    assert.equal(behind.transactions.reduce((sum, entry) => sum + entry.fen, 0), line.fen, `${context}: the transactions behind ${pair} add up to its line`);
  }
  const net = new Map<string, number>(merchants.map((merchant) => [merchant, 0]));
  let gross = 0;
  for (const [pair, fen] of closed.fen) {
    const [from, to] = pair.split(">") as [string, string];
    if (merchantOf(from) === merchantOf(to)) continue;
    net.set(merchantOf(from), (net.get(merchantOf(from)) ?? 0) - fen);
    net.set(merchantOf(to), (net.get(merchantOf(to)) ?? 0) + fen);
    gross += Math.abs(fen);
  }
  for (const merchant of merchants) {
    assert.equal(period.positions.find((position) => position.merchant === merchant)?.netFen ?? 0, net.get(merchant), `${context}: the net of ${merchant}`);
    assert.equal(ledger.query<StatementAnswer>("statement", { period: closed.number, merchant }).netFen, net.get(merchant), `${context}: the statement of ${merchant}`);
  }
  for (const payment of period.payments) {
    net.set(payment.payer, (net.get(payment.payer) ?? 0) + payment.fen);
    net.set(payment.payee, (net.get(payment.payee) ?? 0) - payment.fen);
  }
  assert.ok([...net.values()].every((fen) => fen === 0), `${context}: the payments leave ${JSON.stringify([...net])}`);
  assert.ok(period.payments.reduce((sum, payment) => sum + payment.fen, 0) <= gross, `${context}: the payments move more than the gross ${gross}`);
  return period;
}

function checkConservation(ledger: PointsLedger, members: readonly Account[], block: number): void {
  for (const program of programs) {
    const totals = ledger.query<ProgramTotalsAnswer>("program_totals", { program: program.id });
    const held = members.reduce((sum, member) => sum + (ledger.query<MemberBalancesAnswer>("member_balances", { address: member.address }).balances.find((entry) => entry.program === program.id)?.balance ?? 0), 0);
    assert.equal(totals.issued, held + totals.burnt + totals.expired, `after block ${block}, ${program.id}: issued ${totals.issued} ≠ balances ${held} + burnt ${totals.burnt} + expired ${totals.expired}`);
    assert.equal(totals.outstanding, held, `after block ${block}, ${program.id}: outstanding ${totals.outstanding} ≠ balances ${held}`);
  }
}

/** The program pair an event changes the obligation of: exchanges, and redemptions (and their refunds) priced in partner points. */
function pairOf(event: { readonly type: string; readonly attributes: Record<string, unknown> }, rewards: readonly { readonly id: string; readonly program: string; readonly price: { readonly program: string } }[]): string | undefined {
  if (event.type === "exchanged") return `${String(event.attributes.from)}>${String(event.attributes.to)}`;
  if (event.type !== "redeemed" && event.type !== "redemption_refunded") return undefined;
  const reward = rewards.find((candidate) => candidate.id === event.attributes.reward);
  return reward === undefined || reward.price.program === reward.program ? undefined : `${reward.price.program}>${reward.program}`;
}

test(`property: per program issued = balances + burnt + expired after every block; what one program owes another is the sum of their exchanges and redemptions less refunds, at every height sampled; settlement periods net to a reference (seed ${seed}, KEXIN_POINTS_SEED to replay)`, async () => {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const upTo = (maximum: number) => 1 + Math.floor(next() * maximum);
  const ledger = startPointsLedger({ members: 6 });
  try {
    const { members } = ledger;
    for (const program of programs) ledger.queue(ledger.admins[program.merchant], "register_program", programPayload(program.id, { transferable: program.transferable, ...(program.days === undefined ? {} : { days: program.days }) }));
    ledger.commitBlock();
    const merchantOf = (id: string) => programs.find((program) => program.id === id)?.merchant as Merchant;
    for (const agreement of agreements) {
      ledger.queue(ledger.admins[merchantOf(agreement.from)], "propose_agreement", { ...agreement, memberDailyCap: 600, totalDailyCap: 1_500, validFrom: ledger.time(), validUntil: ledger.time() + 2_000 * dayMs });
    }
    ledger.commitBlock();
    for (const agreement of agreements) ledger.queue(ledger.admins[merchantOf(agreement.to)], "accept_agreement", { id: agreement.id });
    assert.ok(ledger.commitBlock().every((outcome) => outcome.status === "ok"));
    const rewards = [
      { id: "air.lounge", program: "air.miles", title: { zh: "贵宾室", en: "Lounge" }, price: { program: "air.miles", points: 150 }, stock: 20 },
      { id: "air.upgrade", program: "air.miles", title: { zh: "升舱", en: "Upgrade" }, price: { program: "hotel.stars", points: 90 }, agreement: "hotel-air" },
      { id: "hotel.spa", program: "hotel.stars", title: { zh: "水疗", en: "Spa" }, price: { program: "air.miles", points: 120 }, agreement: "air-hotel" },
    ];
    for (const reward of rewards) ledger.queue(ledger.admins[merchantOf(reward.program)], "publish_reward", reward as unknown as CborValue);
    assert.ok(ledger.commitBlock().every((outcome) => outcome.status === "ok"));
    const pending: { readonly hash: string; readonly merchant: Merchant }[] = [];

    const owedByExchanges = new Map<string, number>();
    const codes = new Map<string, number>();
    const events = new Map<string, number>();
    // What each pair came to owe since the last close, and through how many transactions.
    let sinceClose = { fen: new Map<string, number>(), changes: new Map<string, number>() };
    const closedPeriods: ClosedPeriod[] = [];
    // Confirmations still to give: [period, payment, side, merchant].
    const confirmations: [number, number, "paid" | "received", Merchant][] = [];
    let confirmationsTried = 0;
    const afterBlock: { readonly height: number; readonly owed: ReadonlyMap<string, number>; readonly issued: readonly number[]; readonly burnt: readonly number[] }[] = [];
    for (let block = 0; block < blocks; block++) {
      const txs = upTo(8);
      if (block === endBlock) ledger.queue(ledger.admins.hotel, "end_agreement", { id: "hotel-air" });
      for (let index = 0; index < txs; index++) {
        const roll = next();
        const member = pick(members);
        if (next() < 0.06) {
          ledger.queue(ledger.admins[pick(merchants)], "close_period", {}, false);
        } else if (confirmations.length > 0 && next() < 0.12) {
          const [period, payment, side, merchant] = confirmations.splice(Math.floor(next() * confirmations.length), 1)[0]!;
          // Every third confirmation, another merchant tries first, and is refused.
          const wrong = ++confirmationsTried % 3 === 1 ? merchants.find((other) => other !== merchant) : undefined;
          if (wrong !== undefined) ledger.queue(ledger.admins[wrong], "confirm_settlement", { period, payment, side }, false);
          ledger.queue(ledger.admins[merchant], "confirm_settlement", { period, payment, side }, false);
        } else if (roll < 0.3) {
          const program = pick(programs);
          ledger.queue(ledger.clerks[program.merchant], "program_issue", { program: program.id, to: member.address, amount: upTo(500) });
        } else if (roll < 0.45) {
          const others = members.filter((other) => other !== member);
          ledger.queue(member, "program_transfer", { program: pick(programs).id, to: pick(others).address, amount: upTo(300) }, false);
        } else if (roll < 0.55) {
          ledger.queue(member, "program_burn", { program: pick(programs).id, amount: upTo(200) }, false);
        } else if (roll < 0.75) {
          ledger.queue(member, "exchange", { agreement: pick(agreements).id, amount: 5 + upTo(400) }, false);
        } else if (roll < 0.9 || pending.length === 0) {
          ledger.queue(member, "redeem", { reward: pick(rewards).id, quantity: upTo(2) }, false);
        } else {
          const [settled] = pending.splice(Math.floor(next() * pending.length), 1);
          ledger.queue(ledger.clerks[settled!.merchant], next() < 0.5 ? "confirm_redemption" : "refund_redemption", { redemption: settled!.hash }, false);
        }
      }
      // Mostly hours apart, sometimes days, now and then past the sweep's per-transaction bound.
      const gap = next();
      const advanceMs = gap < 0.7 ? upTo(6) * 3_600_000 : gap < 0.95 ? upTo(3) * dayMs : upTo(120) * dayMs;
      const closedNow: ClosedPeriod[] = [];
      for (const outcome of ledger.commitBlock(advanceMs)) {
        const code = outcome.status === "ok" ? "ok" : outcome.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === "POINTS_PERIOD_EMPTY") assert.ok([...sinceClose.fen.values()].every((fen) => fen === 0), `after block ${block}: a close refused as empty with ${JSON.stringify([...sinceClose.fen])} owed`);
        for (const event of outcome.events) {
          events.set(event.type, (events.get(event.type) ?? 0) + 1);
          if (event.type === "period_closed") {
            closedNow.push({ number: event.attributes.period as number, ...sinceClose });
            sinceClose = { fen: new Map(), changes: new Map() };
          }
          if ((event.type === "exchanged" && event.attributes.agreement === "hotel-air") || (event.type === "redeemed" && event.attributes.reward === "air.upgrade")) {
            assert.ok(block <= endBlock, `after block ${block}: ${event.type} under the agreement ended in block ${endBlock}`);
          }
          if (event.type === "redeemed") pending.push({ hash: outcome.hash, merchant: merchantOf(rewards.find((reward) => reward.id === event.attributes.reward)?.program ?? "") });
          const pair = pairOf(event, rewards);
          if (pair === undefined) continue;
          const fen = (event.type === "redemption_refunded" ? -1 : 1) * (event.attributes.owedFen as number);
          owedByExchanges.set(pair, (owedByExchanges.get(pair) ?? 0) + fen);
          sinceClose.fen.set(pair, (sinceClose.fen.get(pair) ?? 0) + fen);
          sinceClose.changes.set(pair, (sinceClose.changes.get(pair) ?? 0) + 1);
        }
      }
      for (const closed of closedNow) {
        const period = checkPeriod(ledger, closed, merchantOf);
        closedPeriods.push(closed);
        for (const [index, payment] of period.payments.entries()) confirmations.push([closed.number, index, "paid", payment.payer as Merchant], [closed.number, index, "received", payment.payee as Merchant]);
      }
      checkConservation(ledger, members, block);
      afterBlock.push({
        height: ledger.height(),
        owed: new Map(owedByExchanges),
        issued: programs.map((program) => ledger.query<ProgramTotalsAnswer>("program_totals", { program: program.id }).issued),
        burnt: programs.map((program) => ledger.query<ProgramTotalsAnswer>("program_totals", { program: program.id }).burnt),
      });
      for (const agreement of agreements) {
        const owed = ledger.query<ObligationAnswer>("obligation", { from: agreement.from, to: agreement.to });
        assert.equal(owed.fen, owedByExchanges.get(`${agreement.from}>${agreement.to}`) ?? 0, `after block ${block}, what ${agreement.from} owes ${agreement.to}`);
        assert.equal(ledger.query<ObligationAnswer>("obligation", { from: agreement.from, to: agreement.to, height: ledger.height() }).fen, owed.fen, "the obligation read at the newest height");
      }
    }
    // Read back at past heights: what was owed, and what was issued and burnt, as each block left it.
    for (let sample = 0; sample < 16; sample++) {
      const then = pick(afterBlock);
      for (const agreement of agreements) {
        const pair = `${agreement.from}>${agreement.to}`;
        assert.equal(ledger.query<ObligationAnswer>("obligation", { from: agreement.from, to: agreement.to, height: then.height }).fen, then.owed.get(pair) ?? 0, `at height ${then.height}, what ${pair} owed`);
      }
      for (const [index, program] of programs.entries()) {
        const totals = ledger.query<ProgramTotalsAnswer>("program_totals", { program: program.id, height: then.height });
        assert.deepEqual([totals.issued, totals.burnt], [then.issued[index], then.burnt[index]], `at height ${then.height}, ${program.id}'s totals`);
      }
    }
    // A period is settled exactly when both sides confirmed each of its payments.
    for (const closed of closedPeriods) {
      const period = ledger.query<SettlementPeriod>("period", { number: closed.number });
      const open = confirmations.filter(([number]) => number === closed.number).length;
      assert.equal(period.status, open === 0 ? "settled" : "open", `period ${closed.number} with ${open} confirmations missing`);
      assert.ok(period.payments.every((payment) => (payment.paid === null) === confirmations.some(([number, index, side]) => number === closed.number && period.payments[index] === payment && side === "paid")));
    }
    assert.ok(closedPeriods.length >= 3, `too few periods closed: ${closedPeriods.length}`);
    assert.ok((events.get("period_settled") ?? 0) >= 1, `no period settled: ${JSON.stringify([...events])}`);
    assert.ok((codes.get("POINTS_STATEMENT_WRONG_MERCHANT") ?? 0) > 0 && (codes.get("POINTS_AGREEMENT_ENDED") ?? 0) > 0, `settlement refusals missing: ${JSON.stringify([...codes])}`);
    // The sequence must have exercised exchanges, expiry and refusals, or the property says little.
    assert.ok((codes.get("ok") ?? 0) >= 100, `too few successful operations: ${JSON.stringify([...codes])}`);
    assert.ok([...owedByExchanges.values()].filter((fen) => fen > 0).length >= 2, `too few exchanges: ${JSON.stringify([...owedByExchanges])}`);
    assert.ok(ledger.query<ProgramTotalsAnswer>("program_totals", { program: "air.miles" }).expired > 0, "no point expired");
    assert.ok((events.get("redeemed") ?? 0) >= 3 && (events.get("redemption_refunded") ?? 0) >= 1, `too few redemptions and refunds: ${JSON.stringify([...events])}`);
    assert.ok((codes.get("POINTS_INSUFFICIENT_BALANCE") ?? 0) > 0 && (codes.get("POINTS_NOT_TRANSFERABLE") ?? 0) > 0, `refusals missing: ${JSON.stringify([...codes])}`);
  } finally {
    await ledger.close();
  }
});
