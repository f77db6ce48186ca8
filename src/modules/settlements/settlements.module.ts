import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { settlementNodes } from "./settlement.nodes";
import { createSettlementLoaders } from "./settlement.loaders";
import { settlementRules } from "./settlement.rules";
import { InterCentreSettlementResolver } from "./settlement.resolver";
import { InterCentreSettlement, SettlementLineItem } from "./settlement.entity";
import { INTER_CENTRE_SETTLEMENT_APPROVAL_POLICY } from "./settlement.policy";

/** Inter-centre settlements between a national centre and its centres and companies. */
export const settlementsModule: ModuleDescriptor = {
  name: "settlements",
  entities: [InterCentreSettlement, SettlementLineItem],
  resolvers: [InterCentreSettlementResolver],
  rules: settlementRules,
  loaders: { settlements: createSettlementLoaders },
  approvalPolicies: [INTER_CENTRE_SETTLEMENT_APPROVAL_POLICY],
  nodeTypes: settlementNodes,
};
