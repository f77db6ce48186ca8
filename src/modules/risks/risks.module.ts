import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { riskNodes } from "./risk.nodes";
import { createRiskLoaders } from "./risk.loaders";
import { riskRules } from "./risk.rules";
import { RiskIndicatorResolver, RiskResolver, RiskReviewResolver, RiskWarningResolver } from "./risk.resolver";
import { Risk, RiskIndicator, RiskReview, RiskWarning } from "./risk.entity";

/** The risk register of seed 004 §7: risks with their reviews, indicators and warnings. */
export const risksModule: ModuleDescriptor = {
  name: "risks",
  entities: [Risk, RiskIndicator, RiskReview, RiskWarning],
  resolvers: [RiskIndicatorResolver, RiskResolver, RiskReviewResolver, RiskWarningResolver],
  rules: riskRules,
  loaders: { risks: createRiskLoaders },
  nodeTypes: riskNodes,
};
