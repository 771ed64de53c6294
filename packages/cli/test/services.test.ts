import assert from "node:assert/strict";
import { test } from "node:test";
import { serviceCommands } from "../src/commands/services.ts";
import type { CliContext } from "../src/context.ts";
import { buildProgram } from "../src/main.ts";

function silentContext(): CliContext {
  const sink = { write: () => true };
  return { stdout: sink, stderr: sink, stdin: process.stdin, env: {}, exitCode: 0 };
}

test("default: the program has every listed service's commands, between the chain's own, in help order", () => {
  const commands = buildProgram(silentContext()).commands;
  const names = commands.map((command) => command.name());
  assert.deepEqual(names, ["init", "start", "keys", "tx", "block", "status", "query", "verify", "evidence", "lottery", "trace", "contract", "datashare", "points", "workflow", "gov", "stake", "testnet", "index"]);
  const namesAndAliases = commands.flatMap((command) => [command.name(), ...command.aliases()]);
  for (const service of serviceCommands) assert.ok(namesAndAliases.includes(service.service), `the ${service.service} service should have a command (or an alias) of its name`);
});

test("behavior: each service keeps its subcommands, in help order", () => {
  const program = buildProgram(silentContext());
  const subcommands = (name: string) => program.commands.find((command) => command.name() === name)?.commands.map((command) => command.name());
  assert.deepEqual(subcommands("evidence"), ["add", "get", "fetch", "certificate", "verify", "stream", "diagnose", "list"]);
  assert.deepEqual(subcommands("lottery"), ["register", "get", "verify"]);
  assert.deepEqual(subcommands("contract"), ["new", "build", "propose", "freeze", "unfreeze", "approve", "list", "show", "call", "query", "events"]);
  assert.deepEqual(subcommands("datashare"), ["dataset", "record", "grant", "revoke", "grants", "access", "credits", "compute", "compute-result", "audit", "key", "subject", "credential"]);
  assert.deepEqual(subcommands("points"), ["program", "programs", "issue", "transfer", "burn", "balances", "totals", "history", "propose", "accept", "agreements", "quote", "exchange", "obligation", "reward", "rewards", "redeem", "confirm", "refund", "redemptions", "end-agreement", "close-period", "periods", "period", "statement", "statement-transactions", "paid", "received"]);
  assert.deepEqual(subcommands("gov"), ["propose-validators", "propose-parameters", "approve", "veto", "list", "validators", "parameters"]);
  assert.deepEqual(subcommands("trace"), ["register", "lot", "location", "event", "import", "history", "export", "alerts", "stock", "shortage", "rule", "recall", "demand"]);
  assert.deepEqual(subcommands("stake"), ["candidate", "delegate", "unbond", "withdraw", "candidates", "account", "epoch", "jailed"]);
});
