import { type NodeType, loadedBy } from "../nodes/node";
import { Risk, RiskIndicator, RiskWarning } from "./risk.entity";

export const riskNodes: NodeType[] = [
  loadedBy(Risk, (session) => session.loaders.riskById),
  loadedBy(RiskIndicator, (session) => session.loaders.riskIndicatorById),
  loadedBy(RiskWarning, (session) => session.loaders.riskWarningById),
];
