import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { riskNodes } from "./risk.nodes";
import { createRiskLoaders } from "./risk.loaders";
import { riskRules } from "./risk.rules";
import { RiskIndicatorResolver, RiskResolver, RiskWarningResolver } from "./risk.resolver";
import { Risk, RiskIndicator, RiskWarning } from "./risk.entity";

/** The risk register of seed 004 §7: risks, indicators and their warnings. */
export const risksModule: ModuleDescriptor = {
  name: "risks",
  entities: [Risk, RiskIndicator, RiskWarning],
  resolvers: [RiskIndicatorResolver, RiskResolver, RiskWarningResolver],
  rules: riskRules,
  loaders: { risks: createRiskLoaders },
  nodeTypes: riskNodes,
};
