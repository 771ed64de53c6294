import { pointsModuleName } from "@kexin/core";
import type { ModuleDefinition } from "../../execution/interface.ts";
import { acceptAgreement, endAgreement, proposeAgreement } from "./agreements.ts";
import { exchange } from "./exchange.ts";
import { programBurn, programIssue, programTransfer } from "./issuance.ts";
import { issue, plainQueries, transfer } from "./plain.ts";
import { registerProgram } from "./programs.ts";
import { confirmRedemption, redeem, refundRedemption } from "./redemptions.ts";
import { publishReward } from "./rewards.ts";
import { pointsPlatformQueries } from "./queries.ts";
import { closePeriod, confirmSettlement } from "./settlement.ts";
import { PointsRecords } from "./recordCache.ts";
import { settlementQueries } from "./settlementQueries.ts";

/** The points module of one node: its records cache lives as long as the node executes blocks. */
export function createPointsModule(): ModuleDefinition {
  const records = new PointsRecords();
  return {
  name: pointsModuleName,
  description: "Loyalty points: the plain points of merchant organisations, and the points platform's programs, lots, transfers, burns, exchanges between programs, rewards redeemed in points, and the settlement of what programs owe each other.",
  // The plain points' types come first, as on every chain already running; new types go at the end.
  txTypes: {
    issue,
    transfer,
    register_program: registerProgram(records),
    program_issue: programIssue,
    program_transfer: programTransfer,
    program_burn: programBurn,
    propose_agreement: proposeAgreement(records),
    accept_agreement: acceptAgreement(records),
    exchange: exchange(records),
    publish_reward: publishReward,
    redeem,
    confirm_redemption: confirmRedemption,
    refund_redemption: refundRedemption,
    end_agreement: endAgreement(records),
    close_period: closePeriod,
    confirm_settlement: confirmSettlement,
  },
  queries: { ...plainQueries, ...pointsPlatformQueries, ...settlementQueries },
  };
}
