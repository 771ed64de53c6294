import assert from "node:assert/strict";
import { test } from "node:test";
import type { SettlementLine } from "@kexin/core";
import { netPositions, nettedPayments } from "../../src/modules/points/netting.ts";
import { seededRandom as random } from "../trace/fixtures.ts";

const seed = Number(process.env.KEXIN_POINTS_SEED ?? 18);
const rounds = 400;

/** The reference: each merchant's net summed line by line over every line, without grouping. */
function referenceNet(lines: readonly SettlementLine[], merchant: string): number {
  let net = 0;
  for (const line of lines) {
    if (line.fromMerchant === line.toMerchant) continue;
    if (line.toMerchant === merchant) net += line.fen;
    if (line.fromMerchant === merchant) net -= line.fen;
  }
  return net;
}

test(`property: netting matches a brute-force reference; payments bring every position to zero with at most n − 1 payments, never more than the gross (seed ${seed}, KEXIN_POINTS_SEED to replay)`, () => {
  const next = random(seed);
  const upTo = (maximum: number) => Math.floor(next() * maximum);
  let multiPayment = 0;
  for (let round = 0; round < rounds; round++) {
    const merchants = Array.from({ length: 2 + upTo(5) }, (_, index) => `m${index}`);
    const programs = merchants.flatMap((merchant) => Array.from({ length: 1 + upTo(2) }, (_, index) => ({ id: `${merchant}.p${index}`, merchant })));
    const lines: SettlementLine[] = [];
    for (let count = upTo(12); count > 0; count--) {
      const from = programs[upTo(programs.length)]!;
      const to = programs[upTo(programs.length)]!;
      if (from.id === to.id || lines.some((line) => line.from === from.id && line.to === to.id)) continue;
      // Mostly amounts owed, sometimes a period where refunds outweigh them, now and then a tie.
      const fen = next() < 0.15 ? -upTo(500) : next() < 0.1 ? 100 : upTo(10_000);
      lines.push({ from: from.id, to: to.id, fromMerchant: from.merchant, toMerchant: to.merchant, fen, exchanges: 1, redemptions: 0 });
    }
    const positions = netPositions(lines);
    const context = `round ${round}: ${JSON.stringify(lines)}`;
    for (const merchant of merchants) assert.equal(positions.find((position) => position.merchant === merchant)?.netFen ?? 0, referenceNet(lines, merchant), `${context}: net of ${merchant}`);
    assert.deepEqual(positions.map((position) => position.merchant), [...positions.map((position) => position.merchant)].sort(), "positions sorted by merchant");
    assert.deepEqual(netPositions([...lines].reverse()), positions, "the order of the lines does not matter");

    const payments = nettedPayments(positions);
    assert.deepEqual(nettedPayments([...positions].reverse()), payments, "the order of the positions does not matter");
    const balance = new Map(positions.map((position) => [position.merchant, position.netFen]));
    for (const payment of payments) {
      assert.ok(payment.fen > 0 && payment.payer !== payment.payee && Number.isSafeInteger(payment.fen), `${context}: ${JSON.stringify(payment)}`);
      balance.set(payment.payer, (balance.get(payment.payer) ?? 0) + payment.fen);
      balance.set(payment.payee, (balance.get(payment.payee) ?? 0) - payment.fen);
    }
    assert.ok([...balance.values()].every((fen) => fen === 0), `${context}: positions left after the payments ${JSON.stringify([...balance])}`);
    const nonZero = positions.filter((position) => position.netFen !== 0).length;
    assert.ok(payments.length <= Math.max(0, nonZero - 1), `${context}: ${payments.length} payments for ${nonZero} positions`);
    const paid = payments.reduce((sum, payment) => sum + payment.fen, 0);
    const gross = lines.filter((line) => line.fromMerchant !== line.toMerchant).reduce((sum, line) => sum + Math.abs(line.fen), 0);
    assert.equal(paid, positions.reduce((sum, position) => sum + Math.max(0, position.netFen), 0), `${context}: payments move the positive positions`);
    assert.ok(paid <= gross, `${context}: ${paid} paid against ${gross} gross`);
    if (payments.length > 1) multiPayment++;
  }
  assert.ok(multiPayment >= rounds / 4, `too few rounds needed several payments: ${multiPayment}`);
});

test("error: amounts whose sum passes 2^53 − 1 are refused with POINTS_AMOUNT_TOO_LARGE", () => {
  const line = (from: string, fen: number): SettlementLine => ({ from: `${from}.p`, to: "z.p", fromMerchant: from, toMerchant: "z", fen, exchanges: 1, redemptions: 0 });
  assert.throws(() => netPositions([line("a", Number.MAX_SAFE_INTEGER), line("b", 1)]), { code: "POINTS_AMOUNT_TOO_LARGE" });
});
