import { getAnchors } from "./getAnchors.ts";
import { getAnchorsBySubmitter } from "./getAnchorsBySubmitter.ts";
import { getAnchorsByTime } from "./getAnchorsByTime.ts";
import { getCase } from "./getCase.ts";
import { getChunks } from "./getChunks.ts";
import { getDraw } from "./getDraw.ts";
import { getDrawWinners } from "./getDrawWinners.ts";
import { getEvidenceProof } from "./getEvidenceProof.ts";
import { getRecording } from "./getRecording.ts";
import { getSealed } from "./getSealed.ts";
import { getSession } from "./getSession.ts";
import { hasSealed } from "./hasSealed.ts";
import { uploadSealed } from "./uploadSealed.ts";
import { verifyLotteryDraw } from "./verifyLotteryDraw.ts";
import { verifyRecording } from "./verifyRecording.ts";

/** The evidence actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { getAnchors, getAnchorsBySubmitter, getAnchorsByTime, getCase, getChunks, getDraw, getDrawWinners, getEvidenceProof, getRecording, getSealed, getSession, hasSealed, uploadSealed, verifyLotteryDraw, verifyRecording } as const;
