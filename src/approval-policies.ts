import { registerApprovalPolicy } from "./modules/approvals/approval-policies";
import { GRANT_APPROVAL_POLICY } from "./modules/grants/grant.policy";
import { SERVICE_STANDARD_APPROVAL_POLICY } from "./modules/affiliates/service-standard.policy";
import { INTER_CENTRE_SETTLEMENT_APPROVAL_POLICY } from "./modules/settlements/settlement.policy";
import { PARTNER_CONTRACT_APPROVAL_POLICY } from "./modules/contracts/contract.policy";
import { FEE_SETTLEMENT_APPROVAL_POLICY } from "./modules/fee-settlements/fee-settlement.policy";
import { PARTNER_QUALIFICATION_APPROVAL_POLICY } from "./modules/partners/partner-qualification.policy";

/** Every subject type the approvals engine decides; a new one is a policy object and a line here. */
export const APPROVAL_POLICIES = [
  GRANT_APPROVAL_POLICY,
  SERVICE_STANDARD_APPROVAL_POLICY,
  INTER_CENTRE_SETTLEMENT_APPROVAL_POLICY,
  PARTNER_CONTRACT_APPROVAL_POLICY,
  FEE_SETTLEMENT_APPROVAL_POLICY,
  PARTNER_QUALIFICATION_APPROVAL_POLICY,
];

let registered = false;

export function registerApprovalPolicies(): void {
  if (registered) return;
  registered = true;
  for (const policy of APPROVAL_POLICIES) registerApprovalPolicy(policy);
}
