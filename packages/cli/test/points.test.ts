import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { getSuite, toHex } from "@kexin/core";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

const passphrase = { KEXIN_PASSPHRASE: "secret" };
const keyNames = ["airline-admin", "hotel-admin", "member"] as const;
type KeyName = (typeof keyNames)[number];

describe("kexin points against a real chain", () => {
  const suite = getSuite("intl");
  const validatorKey = suite.generatePrivateKey();
  let directory: string;
  let home: string;
  let chain: TestChain;
  const keys = {} as Record<KeyName, { address: string; publicKey: string }>;

  const cli = (args: readonly string[]) => runCli([...args, "--home", home, "--node", chain.url], passphrase);
  async function json(args: readonly string[]): Promise<Record<string, unknown>> {
    const run = await cli([...args, "--json"]);
    assert.equal(run.code, 0, `kexin ${args.join(" ")} succeeds: ${run.stdout}${run.stderr}`);
    return parseJson(run.stdout);
  }

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-points-"));
    home = join(directory, "home");
    const created = await Promise.all(keyNames.map((name) => runCli(["keys", "new", name, "--home", home, "--json"], passphrase)));
    for (const [index, name] of keyNames.entries()) {
      assert.equal(created[index]?.code, 0, `key ${name} is created: ${created[index]?.stderr}`);
      const info = parseJson(created[index]?.stdout ?? "{}");
      keys[name] = { address: info.address as string, publicKey: info.publicKey as string };
    }
    const genesis = parseGenesis({
      chainId: "kexin-cli-points",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [
        { id: "airline", name: "Airline", admins: [keys["airline-admin"].publicKey] },
        { id: "hotel", name: "Hotel", admins: [keys["hotel-admin"].publicKey] },
      ],
      members: [{ org: "airline", address: keys.member.address, name: "member", roles: [] }],
    });
    chain = await startTestChain({ genesis, validatorKey });
  });
  after(async () => {
    await chain?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  test("default: programs, issue, an agreement both merchants sign, quote and exchange, a reward redeemed and refunded", async () => {
    await Promise.all([
      json(["points", "program", "--key", "airline-admin", "--id", "air.miles", "--name-zh", "航空里程", "--name-en", "Air miles", "--face-value-fen", "4", "--expiry-days", "365"]),
      json(["points", "program", "--key", "hotel-admin", "--id", "hotel.stars", "--name-zh", "酒店星值", "--name-en", "Hotel stars", "--face-value-fen", "10", "--not-transferable"]),
    ]);
    // Each run of the CLI starts a process: what does not depend on another runs beside it.
    const [proposed] = await Promise.all([
      json(["points", "issue", "--key", "airline-admin", "--program", "air.miles", "--to", keys.member.address, "--amount", "1000"]).then(() =>
        json([
          "points", "propose", "--key", "airline-admin", "--id", "air-hotel", "--from", "air.miles", "--to", "hotel.stars", "--rate", "5:1",
          "--settlement-fen", "8", "--member-daily-cap", "500", "--total-daily-cap", "5000", "--valid-from", "0", "--valid-until", "2100-01-01T00:00:00+08:00",
        ]),
      ),
      json(["points", "reward", "--key", "hotel-admin", "--id", "hotel.spa", "--program", "hotel.stars", "--title-zh", "水疗", "--title-en", "Spa", "--price", "20", "--stock", "5"]),
    ]);
    assert.deepEqual(proposed.rate, { from: 5, to: 1 });
    await json(["points", "accept", "--key", "hotel-admin", "--id", "air-hotel"]);
    const [quote, redeemed] = await Promise.all([
      json(["points", "quote", "--agreement", "air-hotel", "--amount", "300", "--address", keys.member.address]),
      json(["points", "exchange", "--key", "member", "--agreement", "air-hotel", "--amount", "300"]).then(() => json(["points", "redeem", "--key", "member", "--reward", "hotel.spa"])),
    ]);
    assert.deepEqual([quote.received, quote.owedFen], [60, 480]);
    await json(["points", "refund", "--key", "hotel-admin", "--redemption", redeemed.hash as string]);
    const [balances, owed, redemptions, human] = await Promise.all([
      json(["points", "balances", "--address", keys.member.address]),
      json(["points", "obligation", "--from", "air.miles", "--to", "hotel.stars"]),
      json(["points", "redemptions", "--program", "hotel.stars"]),
      cli(["points", "totals", "--program", "hotel.stars"]),
    ]);
    assert.deepEqual((balances.balances as { program: string; balance: number }[]).map((entry) => [entry.program, entry.balance]), [["air.miles", 700], ["hotel.stars", 60]]);
    assert.equal(owed.fen, 480);
    assert.deepEqual((redemptions.redemptions as { status: string }[]).map((entry) => entry.status), ["refunded"]);
    assert.match(human.stdout, /outstanding\s+60\n/);
    assert.match(human.stdout, /liability\s+600 fen/);
  });

  test("error: an exchange over the member's daily cap is refused with its code", async () => {
    const run = await cli(["points", "exchange", "--key", "member", "--agreement", "air-hotel", "--amount", "201", "--json"]);
    assert.notEqual(run.code, 0);
    assert.equal((parseJson(run.stdout).error as { code: string }).code, "POINTS_MEMBER_DAILY_CAP_EXCEEDED");
  });

  test("behavior: close a period, read the statements, confirm the payment from both sides, end the agreement", async () => {
    const closed = await json(["points", "close-period", "--key", "hotel-admin"]);
    assert.deepEqual((closed.events as { type: string }[]).map((event) => event.type), ["period_closed"]);
    // The payer's confirmation runs beside the reads; the payee's and the agreement's end beside each other.
    const [period, statement, behind, wrong] = await Promise.all([
      json(["points", "period", "--number", "1"]),
      json(["points", "statement", "--period", "1", "--merchant", "airline"]),
      json(["points", "statement-transactions", "--period", "1", "--from", "air.miles", "--to", "hotel.stars"]),
      cli(["points", "paid", "--key", "hotel-admin", "--period", "1", "--payment", "0", "--json"]),
      json(["points", "paid", "--key", "airline-admin", "--period", "1", "--payment", "0"]),
    ]);
    assert.deepEqual((period.payments as { payer: string; payee: string; fen: number }[]).map((payment) => [payment.payer, payment.payee, payment.fen]), [["airline", "hotel", 480]]);
    assert.deepEqual([statement.owesFen, statement.netFen], [480, -480]);
    assert.deepEqual((behind.transactions as { kind: string; fen: number }[]).map((entry) => [entry.kind, entry.fen]), [["exchange", 480]]);
    assert.notEqual(wrong.code, 0);
    assert.equal((parseJson(wrong.stdout).error as { code: string }).code, "POINTS_STATEMENT_WRONG_MERCHANT");
    await Promise.all([json(["points", "received", "--key", "hotel-admin", "--period", "1", "--payment", "0"]), json(["points", "end-agreement", "--key", "airline-admin", "--id", "air-hotel"])]);
    const [periods, human, refused] = await Promise.all([
      json(["points", "periods"]),
      cli(["points", "statement", "--period", "1", "--merchant", "hotel"]),
      cli(["points", "exchange", "--key", "member", "--agreement", "air-hotel", "--amount", "5", "--json"]),
    ]);
    assert.deepEqual((periods.periods as { status: string; unsettled: number }[]).map((entry) => [entry.status, entry.unsettled]), [["settled", 0]]);
    assert.match(human.stdout, /owes 0 fen, is owed 480 fen, net 480 fen/);
    assert.match(human.stdout, /air\.miles → hotel\.stars: 480 fen/);
    assert.equal((parseJson(refused.stdout).error as { code: string }).code, "POINTS_AGREEMENT_ENDED");
  });
});
