// The token example on a development chain, for the Contracts page's screenshots: proposed by the
// bureau, approved by the hospital and the notary office, then called twice. A freeze proposal is
// left open, so the page shows approvals still needed. Returns the contract's name.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type KexinClient, contracts, importKeyFile } from "@kexin/sdk";
import { bundleContract } from "../packages/cli/src/commands/contract/bundle.ts";
import { send } from "./screenshotTrace.ts";

const devPassphrase = "kexin-dev";

export async function recordContractsStory(client: KexinClient, home: string, repositoryRoot: string): Promise<string> {
  const key = (name: string) => importKeyFile(readFileSync(join(home, "keys", `${name}.key`), "utf8"), devPassphrase);
  const [bureauAdmin, hospitalAdmin, notaryAdmin, alice, bob] = await Promise.all([key("bureau-admin"), key("hospital-admin"), key("notary-admin"), key("alice"), key("bob")]);
  const source = await bundleContract(join(repositoryRoot, "examples/contracts/token/contract.ts"));
  const name = "token";
  await send(client, bureauAdmin, [contracts.proposeDeploy({ id: "deploy-token", name, suite: alice.suite, code: source, policy: { transfer: [] }, init: { owner: alice.address, supply: 1_000_000 } })]);
  await send(client, hospitalAdmin, [contracts.approveProposal({ id: "deploy-token" })]);
  await send(client, notaryAdmin, [contracts.approveProposal({ id: "deploy-token" })]);
  await send(client, alice, [
    contracts.contractCall({ contract: name, method: "transfer", args: { to: bob.address, amount: 2_500 }, gasLimit: 100_000 }),
    contracts.contractCall({ contract: name, method: "transfer", args: { to: bob.address, amount: 120 }, gasLimit: 100_000 }),
  ]);
  await send(client, bureauAdmin, [contracts.proposeFreeze({ id: "freeze-token", name })]);
  return name;
}
