export { type ExportHistoryErrorType, type ExportHistoryParameters, type ExportHistoryReturnType, exportHistory } from "./exportHistory.ts";
export { type BlockTimeParameter, type GetAlertsErrorType, type GetAlertsParameters, type GetAlertsReturnType, getAlerts } from "./getAlerts.ts";
export { type GetHistoryErrorType, type GetHistoryParameters, type GetHistoryReturnType, getHistory } from "./getHistory.ts";
export { type GetShortageErrorType, type GetShortageParameters, type GetShortageReturnType, getShortage } from "./getShortage.ts";
export { type GetStockErrorType, type GetStockParameters, type GetStockReturnType, getStock } from "./getStock.ts";
export { type GetUnitErrorType, type GetUnitParameters, type GetUnitReturnType, getUnit } from "./getUnit.ts";
export { type ImportEpcisCall, type ImportEpcisErrorType, type ImportEpcisParameters, type ImportEpcisPayload, importEpcis } from "./importEpcis.ts";
export { type RecallCall, type RecallParameters, type RecallPayload, recall } from "./recall.ts";
export { type RegisterDemandCall, type RegisterDemandParameters, type RegisterDemandPayload, registerDemand } from "./registerDemand.ts";
export { type RegisterLocationCall, type RegisterLocationParameters, type RegisterLocationPayload, registerLocation } from "./registerLocation.ts";
export { type RegisterLotCall, type RegisterLotParameters, type RegisterLotPayload, registerLot } from "./registerLot.ts";
export { type RegisterProductCall, type RegisterProductParameters, type RegisterProductPayload, registerProduct } from "./registerProduct.ts";
export { type SetRuleCall, type SetRuleParameters, type SetRulePayload, setRule } from "./setRule.ts";
export {
  type EpcisDocumentPart,
  type SplitEpcisDocumentErrorType,
  type SplitEpcisDocumentParameters,
  type SplitEpcisDocumentReturnType,
  splitEpcisDocument,
} from "./splitEpcisDocument.ts";
export {
  type AlertRule,
  type AlertView,
  type DeviceClass,
  type EpcisDocumentJson,
  type HistoryView,
  type KnownUnitView,
  type ProductView,
  type RecallView,
  type RegionBalanceView,
  type StepProofView,
  type StepView,
  type StockRowView,
  type TransferSuggestionView,
  type TransitView,
  type UnitFlag,
  type UnitStateView,
  type UnitView,
  type UnknownUnitView,
  alertRules,
  deviceClasses,
  traceLimits,
} from "./types.ts";
export { actions } from "./actions.ts";
