// A short device history on a development chain, for the Traceability page's screenshots: a
// manufacturer makes and ships an infusion pump, the hospital receives it, the regulator recalls
// its lot. Returns the human-readable UDI to look up.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type KexinClient, type TxCall, type Wallet, createWallet, identity, importKeyFile, trace } from "@kexin/sdk";
import { commission, epcisDocument, gtinOf, receive, sgln, sgtin, ship } from "../packages/node/test/trace/fixtures.ts";

const devPassphrase = "kexin-dev";

/** Sends the calls in order and waits until each has committed successfully. */
export async function send(client: KexinClient, from: Wallet, calls: readonly TxCall[]): Promise<void> {
  const hashes: string[] = [];
  for (const call of calls) hashes.push((await client.buildAndSend(from, call)).hash);
  for (const hash of hashes) {
    const committed = await client.waitForCommit({ hash, timeoutMs: 30_000 });
    if (committed.result.status !== "ok") throw new Error(`${hash} failed: ${committed.result.code} ${committed.result.message}`);
  }
}

export async function recordTraceStory(client: KexinClient, home: string): Promise<string> {
  const key = (name: string) => importKeyFile(readFileSync(join(home, "keys", `${name}.key`), "utf8"), devPassphrase);
  const [merchantAdmin, hospitalAdmin, bureauAdmin, bob] = await Promise.all([key("merchant-admin"), key("hospital-admin"), key("bureau-admin"), key("bob")]);
  const suite = (await client.getStatus()).suite;
  const manufacturer = createWallet(suite);
  const regulator = createWallet(suite);
  const plant = { id: sgln("00001"), org: "merchant", region: "CN-32", name: "Suzhou plant 苏州工厂" };
  const ward = { id: sgln("00004"), org: "hospital", region: "CN-31", name: "Cardiology ward 心内科病区" };
  const gtin = gtinOf("10734");
  const unit = sgtin(gtin, "SN-0042");

  await Promise.all([
    send(client, merchantAdmin, [identity.registerMember({ org: "merchant", address: manufacturer.address, name: "pump maker", roles: ["manufacturer"] }), trace.registerLocation(plant)]),
    send(client, hospitalAdmin, [trace.registerLocation(ward)]),
    send(client, bureauAdmin, [identity.registerMember({ org: "bureau", address: regulator.address, name: "device regulator", roles: ["regulator"] })]),
  ]);
  await send(client, manufacturer, [
    trace.registerProduct({ gtin, name: "Infusion pump IP-7 输液泵", deviceClass: "II", registrationNumber: "国械注准20263140001" }),
    trace.importEpcis({
      document: epcisDocument([
        commission([unit], { time: 0, location: plant.id, lot: "LOT-2026-03", expiry: "2031-03-31" }),
        ship([unit], { time: 90, location: plant.id, destination: ward.id }),
      ]),
    }),
  ]);
  await send(client, bob, [trace.importEpcis({ document: epcisDocument([receive([unit], { time: 1_500, location: ward.id, temperatures: [22] })]) })]);
  await send(client, regulator, [trace.recall({ gtin, lot: "LOT-2026-03", reason: "Occlusion alarm may fail to sound 堵塞报警可能失效" })]);
  return `(01)${gtin}(10)LOT-2026-03(21)SN-0042`;
}
