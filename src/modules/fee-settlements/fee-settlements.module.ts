import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { feeSettlementNodes } from "./fee-settlement.nodes";
import { createFeeSettlementLoaders } from "./fee-settlement.loaders";
import { feeSettlementRules } from "./fee-settlement.rules";
import { FeeSettlementResolver } from "./fee-settlement.resolver";
import { FeeSettlement } from "./fee-settlement.entity";
import { FEE_SETTLEMENT_APPROVAL_POLICY } from "./fee-settlement.policy";

/** Partners' fee settlements, applied for, reviewed, approved and paid (seed 003 §6). */
export const feeSettlementsModule: ModuleDescriptor = {
  name: "fee-settlements",
  entities: [FeeSettlement],
  resolvers: [FeeSettlementResolver],
  rules: feeSettlementRules,
  loaders: { feeSettlements: createFeeSettlementLoaders },
  approvalPolicies: [FEE_SETTLEMENT_APPROVAL_POLICY],
  nodeTypes: feeSettlementNodes,
};
