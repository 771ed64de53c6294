import { StateProofError, type Validator, fromHex, isHex, verifyStateProof } from "@kexin/core";
import type { CliContext, GlobalOptions } from "../context.ts";
import { badInput } from "../errors.ts";
import { readJson } from "../files.ts";
import { formatFields, printResult } from "../output.ts";

/** A genesis file is small; anything much larger is not one. */
const genesisFileBytesMax = 4 * 1024 * 1024;

/** The chain id and validator set a genesis file names: what a state proof is checked against. */
async function trustedGenesis(path: string): Promise<{ chainId: string; validators: Validator[] }> {
  const genesis = (await readJson(path, genesisFileBytesMax, "genesis")) as { chainId?: unknown; validators?: unknown };
  const listed = genesis?.validators;
  if (typeof genesis?.chainId !== "string" || !Array.isArray(listed) || listed.length === 0) throw badInput("genesis", `${path} has no chainId and validators`);
  const validators = listed.map((entry: { publicKey?: unknown; power?: unknown }) => {
    if (!isHex(entry?.publicKey) || typeof entry.power !== "number") throw badInput("genesis", `${path} lists a validator without a hex publicKey and a power`);
    return { publicKey: fromHex(entry.publicKey), power: entry.power };
  });
  return { chainId: genesis.chainId, validators };
}

/** Checks a state proof against the chain and validators of a genesis file and prints the verdict; exit code 1 when it fails. */
export async function verifyStateProofFile(context: CliContext, globals: GlobalOptions, document: unknown, genesisPath: string): Promise<void> {
  const trust = await trustedGenesis(genesisPath);
  try {
    const verified = verifyStateProof(document, trust);
    const summary = { valid: true, kind: "state-proof", chainId: trust.chainId, height: verified.height, signers: verified.signers, validators: verified.validators, entries: verified.entries };
    printResult(context, globals, summary, () =>
      formatFields([
        ["valid", `state after block ${verified.height}, verified against block ${verified.height + 1}, signed by ${verified.signers} of ${verified.validators} validators`],
        ["chain", trust.chainId],
        ...verified.entries.map((entry): [string, string] => [entry.key, entry.value === null ? "absent" : JSON.stringify(entry.value, (_key, value: unknown) => (value instanceof Uint8Array ? `0x${Buffer.from(value).toString("hex")}` : typeof value === "bigint" ? value.toString() : value))]),
      ]),
    );
  } catch (error) {
    if (!(error instanceof StateProofError)) throw error;
    const message = `state proof is not valid: ${error.message}`;
    printResult(context, globals, { valid: false, kind: "state-proof", error: { code: error.code, message } }, () => `✗ ${message}`);
    if (!globals.json) context.stderr.write(`error: ${message} (${error.code})\n`);
    context.exitCode = 1;
  }
}
