import assert from "node:assert/strict";
import { test } from "node:test";
import type { CborValue, MemberBalancesAnswer, ObligationAnswer, ProgramTotalsAnswer } from "@kexin/core";
import { seededRandom as random } from "../trace/fixtures.ts";
import { type Account, type Merchant, type PointsLedger, dayMs, programPayload, startPointsLedger } from "./ledger.ts";

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

test(`property: per program issued = balances + burnt + expired after every block, and what one program owes another is the sum of their exchanges and redemptions less refunds (seed ${seed}, KEXIN_POINTS_SEED to replay)`, async () => {
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
    for (let block = 0; block < blocks; block++) {
      const txs = upTo(8);
      for (let index = 0; index < txs; index++) {
        const roll = next();
        const member = pick(members);
        if (roll < 0.3) {
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
      for (const outcome of ledger.commitBlock(advanceMs)) {
        const code = outcome.status === "ok" ? "ok" : outcome.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        for (const event of outcome.events) {
          events.set(event.type, (events.get(event.type) ?? 0) + 1);
          if (event.type === "redeemed") pending.push({ hash: outcome.hash, merchant: merchantOf(rewards.find((reward) => reward.id === event.attributes.reward)?.program ?? "") });
          const pair = pairOf(event, rewards);
          if (pair === undefined) continue;
          const sign = event.type === "redemption_refunded" ? -1 : 1;
          owedByExchanges.set(pair, (owedByExchanges.get(pair) ?? 0) + sign * (event.attributes.owedFen as number));
        }
      }
      checkConservation(ledger, members, block);
      for (const agreement of agreements) {
        const owed = ledger.query<ObligationAnswer>("obligation", { from: agreement.from, to: agreement.to });
        assert.equal(owed.fen, owedByExchanges.get(`${agreement.from}>${agreement.to}`) ?? 0, `after block ${block}, what ${agreement.from} owes ${agreement.to}`);
        assert.equal(ledger.query<ObligationAnswer>("obligation", { from: agreement.from, to: agreement.to, height: ledger.height() }).fen, owed.fen, "the obligation read at the newest height");
      }
    }
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
