import { exportHistory } from "./exportHistory.ts";
import { getAlerts } from "./getAlerts.ts";
import { getHistory } from "./getHistory.ts";
import { getShortage } from "./getShortage.ts";
import { getStock } from "./getStock.ts";
import { getUnit } from "./getUnit.ts";

/** The trace actions that read from or write to a node: createKexinClient binds each to its client. */
export const actions = { exportHistory, getAlerts, getHistory, getShortage, getStock, getUnit } as const;
