import { getAgreement } from "./getAgreement.ts";
import { getAgreements } from "./getAgreements.ts";
import { getBalance } from "./getBalance.ts";
import { getExchangeQuote } from "./getExchangeQuote.ts";
import { getMemberBalances } from "./getMemberBalances.ts";
import { getObligation } from "./getObligation.ts";
import { getPointsHistory } from "./getPointsHistory.ts";
import { getProgram } from "./getProgram.ts";
import { getPrograms } from "./getPrograms.ts";
import { getProgramTotals } from "./getProgramTotals.ts";
import { getRedemption } from "./getRedemption.ts";
import { getRedemptions } from "./getRedemptions.ts";
import { getReward } from "./getReward.ts";
import { getRewards } from "./getRewards.ts";
import { getSettlementPeriod } from "./getSettlementPeriod.ts";
import { getSettlementPeriods } from "./getSettlementPeriods.ts";
import { getStatement } from "./getStatement.ts";
import { getStatementTransactions } from "./getStatementTransactions.ts";

/** The points actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = {
  getBalance,
  getAgreement,
  getAgreements,
  getExchangeQuote,
  getMemberBalances,
  getObligation,
  getPointsHistory,
  getProgram,
  getPrograms,
  getProgramTotals,
  getRedemption,
  getRedemptions,
  getReward,
  getRewards,
  getSettlementPeriod,
  getSettlementPeriods,
  getStatement,
  getStatementTransactions,
} as const;
