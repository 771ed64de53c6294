import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { isHex } from "@kexin/core";
import { createKexinClient, evidence } from "@kexin/sdk";
import { type CliContext, globalOptions } from "../../context.ts";
import { badInput } from "../../errors.ts";
import { type Row, formatFields, formatTime, printResult } from "../../output.ts";
import { wholeNumber } from "../../parsing.ts";

function anchorRows(anchor: evidence.AnchorView): Row[] {
  return [
    ["hash", anchor.hash],
    ["anchor", `#${anchor.index} in block ${anchor.height} at ${formatTime(anchor.time)}`],
    ["submitter", `${anchor.submitter.address} (${anchor.submitter.org})`],
    ["size", `${anchor.size} bytes, ${anchor.mediaType}`],
    ["title", anchor.title || "—"],
    ["case", anchor.caseNumber || "—"],
    ["tags", anchor.tags.length > 0 ? anchor.tags.join(", ") : "—"],
  ];
}

export function registerGetCommand(command: Command, context: CliContext): void {
  command
    .command("get")
    .description("show every anchoring of a hash; with --proof, save the proof of one")
    .argument("<hash>", "the content hash (64 hex digits)")
    .option("--proof <path>", "save the proof of the anchor to this file")
    .option("--index <n>", "which anchoring --proof saves (default 0, the first-seen one)", wholeNumber(0, 999), 0)
    .action(async (hash: string, options: { proof?: string; index: number }, sub: Command) => {
      const globals = globalOptions(sub);
      if (!isHex(hash, 32)) throw badInput("hash", `"${hash}" is not a hash of 64 hex digits`);
      const client = createKexinClient({ url: globals.node });
      const anchors = await evidence.getAnchors(client, { hash });
      let proofPath: string | undefined;
      if (options.proof !== undefined) {
        proofPath = resolve(options.proof);
        await writeFile(proofPath, `${JSON.stringify(await evidence.getEvidenceProof(client, { hash, index: options.index }), null, 2)}\n`);
      }
      printResult(context, globals, { ...anchors, ...(proofPath ? { proof: proofPath } : {}) }, () =>
        [
          `${anchors.total} anchoring${anchors.total === 1 ? "" : "s"}; first seen in block ${anchors.firstSeen.height} at ${formatTime(anchors.firstSeen.time)}`,
          ...anchors.anchors.map((anchor) => formatFields(anchorRows(anchor), "  ")),
          ...(anchors.next !== null ? [`… more: ${anchors.total - anchors.next} not shown`] : []),
          ...(proofPath ? [`proof of anchoring #${options.index} saved to ${proofPath}`] : []),
        ].join("\n\n"),
      );
    });
}
