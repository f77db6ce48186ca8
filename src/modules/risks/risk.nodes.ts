import { type NodeType, loadedBy } from "../nodes/node";
import { Risk, RiskIndicator, RiskReview, RiskWarning } from "./risk.entity";

export const riskNodes: NodeType[] = [
  loadedBy(Risk, (session) => session.loaders.risks.riskById),
  loadedBy(RiskIndicator, (session) => session.loaders.risks.riskIndicatorById),
  loadedBy(RiskWarning, (session) => session.loaders.risks.riskWarningById),
  loadedBy(RiskReview, (session) => session.loaders.risks.riskReviewById),
];
