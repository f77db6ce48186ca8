import type { ModuleDescriptor } from "../../shared/module-descriptor";
import { contractNodes } from "./contract.nodes";
import { createContractLoaders } from "./contract.loaders";
import { contractRules } from "./contract.rules";
import { ContractVersionResolver, PartnerContractResolver } from "./contract.resolver";
import { ContractVersion, PartnerContract } from "./contract.entity";
import { PARTNER_CONTRACT_APPROVAL_POLICY } from "./contract.policy";

/** Partner contracts and their versions, from draft through legal review to termination (seed 003 §3). */
export const contractsModule: ModuleDescriptor = {
  name: "contracts",
  entities: [ContractVersion, PartnerContract],
  resolvers: [ContractVersionResolver, PartnerContractResolver],
  rules: contractRules,
  loaders: { contracts: createContractLoaders },
  approvalPolicies: [PARTNER_CONTRACT_APPROVAL_POLICY],
  nodeTypes: contractNodes,
};
