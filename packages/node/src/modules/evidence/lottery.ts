import { type CryptoSuite, type DrawRegistration, drawWinners, fromHex, lotteryLimits, toHex, validateDrawRegistration } from "@kexin/core";
import { type Static, Type } from "@sinclair/typebox";
import { type QueryDefinition, type TxTypeDefinition, defineQuery, defineTxType } from "../../execution/interface.ts";
import { requireRole } from "../identity/index.ts";
import { EvidenceModuleError } from "./errors.ts";
import { address, drawId, hashHex } from "./fields.ts";
import { evidenceKeys } from "./keys.ts";
import { evidenceModuleLimits } from "./limits.ts";
import { appendEntry, pageParameters, readPage } from "./pagination.ts";
import { type DrawRecord, asCbor, readDraw } from "./records.ts";

/** The role an organiser of a notarised draw needs. */
export const notaryRole = "notary";

export const registerDrawPayload = Type.Object(
  {
    drawId,
    participantsRoot: hashHex,
    participantCount: Type.Integer({ minimum: 1, maximum: lotteryLimits.participantsMax }),
    winnerCount: Type.Integer({ minimum: 1, maximum: lotteryLimits.participantsMax }),
    rulesText: Type.String({ maxLength: lotteryLimits.rulesTextLengthMax }),
    drawHeight: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  },
  { additionalProperties: false },
);

function registrationOf(draw: Static<typeof registerDrawPayload> | DrawRecord): DrawRegistration {
  return {
    drawId: draw.drawId,
    participantsRoot: fromHex(draw.participantsRoot),
    participantCount: draw.participantCount,
    winnerCount: draw.winnerCount,
    rulesText: draw.rulesText,
    drawHeight: draw.drawHeight,
  };
}

export function createRegisterDrawTxType(): TxTypeDefinition {
  return defineTxType({
    description: `A notary registers a draw: the participant list's root and count, the number of winners, the rules, and the height whose block hash decides it (at least ${lotteryLimits.drawHeightMarginMin} blocks ahead).`,
    schema: registerDrawPayload,
    costUnits: 20,
    authorise: (context, payload) => {
      requireRole(context, notaryRole);
      if (payload.winnerCount > evidenceModuleLimits.winnersPerDrawMax) {
        throw new EvidenceModuleError(
          { code: "EVIDENCE_TOO_MANY_WINNERS", winnerCount: payload.winnerCount, limit: evidenceModuleLimits.winnersPerDrawMax },
          `a draw may have at most ${evidenceModuleLimits.winnersPerDrawMax} winners`,
        );
      }
      // At admission the height is the last committed one and at execution the including block's,
      // so a registration admitted here can still be refused when it executes, never the reverse.
      validateDrawRegistration(registrationOf(payload), context.block.height);
    },
    execute: (context, payload) => {
      const organiser = requireRole(context, notaryRole);
      const { state } = context;
      if (readDraw(state, payload.drawId)) {
        throw new EvidenceModuleError({ code: "EVIDENCE_DRAW_EXISTS", drawId: payload.drawId }, `draw "${payload.drawId}" is already registered; a draw cannot be replaced`);
      }
      const record: DrawRecord = {
        ...payload,
        organiser: { org: organiser.org, address: context.caller.address },
        registeredHeight: context.block.height,
        registeredTime: context.block.time,
      };
      state.set(evidenceKeys.draw(payload.drawId), asCbor(record));
      const organiserAddress = context.caller.address;
      appendEntry(state, evidenceKeys.organiserDrawCount(organiserAddress), (position) => evidenceKeys.organiserDraw(organiserAddress, position), payload.drawId);
      context.emit("draw_registered", { drawId: payload.drawId, drawHeight: payload.drawHeight, participantsRoot: payload.participantsRoot, org: organiser.org });
    },
  });
}

export function createDrawQueries(suite: CryptoSuite): { readonly [name: string]: QueryDefinition } {
  return {
    draw: defineQuery({
      description: "A registered draw, with status waiting (the draw block is not committed yet) or drawn.",
      parameters: Type.Object({ drawId }, { additionalProperties: false }),
      run: (state, query, _readModule, blocks) => {
        const draw = readDraw(state, query.drawId);
        return draw ? { ...draw, status: blocks.height >= draw.drawHeight ? "drawn" : "waiting", height: blocks.height } : null;
      },
    }),
    draw_winners: defineQuery({
      description:
        "The winners of a draw, derived from the hash of the committed block at its draw height (docs/evidence.md); computed on every read, never stored. Status waiting until that block exists.",
      parameters: Type.Object({ drawId }, { additionalProperties: false }),
      run: (state, query, _readModule, blocks) => {
        const draw = readDraw(state, query.drawId);
        if (!draw) return null;
        if (blocks.height < draw.drawHeight) {
          return { drawId: draw.drawId, status: "waiting", drawHeight: draw.drawHeight, height: blocks.height, blocksToGo: draw.drawHeight - blocks.height };
        }
        const blockHash = blocks.blockHash(draw.drawHeight);
        if (!blockHash) throw new Error(`block ${draw.drawHeight} is below the committed height ${blocks.height} but not stored`);
        const { participantsRoot, participantCount, winnerCount } = registrationOf(draw);
        const winnerIndices = drawWinners(suite, { drawId: draw.drawId, blockHash, participantsRoot, participantCount, winnerCount });
        return {
          drawId: draw.drawId,
          status: "drawn",
          drawHeight: draw.drawHeight,
          blockHash: toHex(blockHash),
          participantsRoot: draw.participantsRoot,
          participantCount: draw.participantCount,
          winnerCount: draw.winnerCount,
          winnerIndices,
        };
      },
    }),
    draws_by_organiser: defineQuery({
      description: "Every draw an account registered, oldest first: a notary should look at all of an organiser's draws, not only the one it publicises.",
      parameters: Type.Object({ organiser: address, ...pageParameters }, { additionalProperties: false }),
      run: (state, query) => {
        const page = readPage<string>(state, evidenceKeys.organiserDrawCount(query.organiser), (position) => evidenceKeys.organiserDraw(query.organiser, position), query, evidenceModuleLimits.listPageMax);
        return { organiser: query.organiser, total: page.total, start: page.start, draws: page.entries.map((id) => readDraw(state, id) as DrawRecord), next: page.next };
      },
    }),
  };
}
