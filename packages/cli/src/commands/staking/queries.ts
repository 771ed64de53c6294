import type { Command } from "commander";
import { createKexinClient, staking } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { formatFields, formatTable, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

/** What staking state reads: candidates, an account, the epoch's sets, jailed validators. */
export function registerStakingQueryCommands(command: Command, context: CliContext): void {
  command
    .command("candidates")
    .description("every candidate with its stake, in election order")
    .action(async (_options: object, sub: Command) => {
      const globals = globalOptions(sub);
      const candidates = await staking.getCandidates(createKexinClient({ url: globals.node }));
      printResult(context, globals, candidates, () =>
        formatTable(
          ["PUBLIC KEY", "OWNER", "SELF", "DELEGATED", "TOTAL"],
          candidates.map((candidate) => [candidate.publicKey, candidate.owner, String(candidate.selfStake), String(candidate.delegated), String(candidate.total)]),
        ),
      );
    });

  command
    .command("account")
    .description("an account's liquid stake, delegations and unbondings")
    .requiredOption("--address <address>", "the account")
    .action(async (options: { address: string }, sub: Command) => {
      const globals = globalOptions(sub);
      const account = await staking.getStakingAccount(createKexinClient({ url: globals.node }), { address: options.address.toLowerCase() });
      printResult(context, globals, account, () =>
        formatFields([
          ["balance", String(account.balance)],
          ["delegations", account.delegations.map((entry) => `${entry.candidate}=${entry.amount}`).join(" ") || "none"],
          ["unbondings", account.unbondings.map((entry) => `${entry.amount} from ${entry.candidate} (epoch ${entry.releaseEpoch})`).join("; ") || "none"],
        ]),
      );
    });

  command
    .command("epoch")
    .description("the current epoch, its validators, the next epoch's and the last election")
    .action(async (_options: object, sub: Command) => {
      const globals = globalOptions(sub);
      const epoch = await staking.getEpoch(createKexinClient({ url: globals.node }));
      printResult(context, globals, epoch, () =>
        epoch === null
          ? "this chain does not elect its validators by stake"
          : formatFields([
              ["epoch", `${epoch.epoch} (${epoch.epochBlocks} blocks)`],
              ["current", epoch.current.join(" ")],
              ["next", `${epoch.next.join(" ")}${epoch.nextEffectiveHeight === undefined ? "" : ` from height ${epoch.nextEffectiveHeight}`}`],
              ["last election", epoch.lastElection === undefined ? "none yet" : `epoch ${epoch.lastElection.epoch}: ${epoch.lastElection.outcome} (${epoch.lastElection.reason})`],
            ]),
      );
    });

  command
    .command("jailed")
    .description("validators sitting out an epoch for missed proposer turns")
    .option("--epoch <n>", "the epoch (default: the current)", wholeNumber(0, Number.MAX_SAFE_INTEGER))
    .action(async (options: { epoch?: number }, sub: Command) => {
      const globals = globalOptions(sub);
      const jailed = await staking.getJailed(createKexinClient({ url: globals.node }), options.epoch === undefined ? {} : { epoch: options.epoch });
      printResult(context, globals, jailed, () => formatTable(["PUBLIC KEY", "EPOCH", "MISSED TURNS"], jailed.map((entry) => [entry.publicKey, String(entry.epoch), String(entry.missedTurns)])));
    });
}
