import { getMetadataStorage } from "type-graphql";
import { affiliateNodes } from "../affiliates/affiliate.nodes";
import { approvalNodes } from "../approvals/approval.nodes";
import { assessmentNodes } from "../assessments/assessment.nodes";
import { auditNodes } from "../audit/audit.nodes";
import { caseNodes } from "../cases/case.nodes";
import { complaintNodes } from "../complaints/complaint.nodes";
import { contractNodes } from "../contracts/contract.nodes";
import { crmNodes } from "../crm/crm.nodes";
import { feeSettlementNodes } from "../fee-settlements/fee-settlement.nodes";
import { grantNodes } from "../grants/grant.nodes";
import { identityNodes } from "../identity/identity.nodes";
import { operationsNodes } from "../operations/operations.nodes";
import { partnerNodes } from "../partners/partner.nodes";
import { reportingNodes } from "../reporting/reporting.nodes";
import { riskNodes } from "../risks/risk.nodes";
import { settlementNodes } from "../settlements/settlement.nodes";
import { tenancyNodes } from "../tenancy/tenancy.nodes";
import { Node, NodeType } from "./node";

/** Every type `node(id)` answers with, as each module lists them; the first listed wins an id two tables share. */
export const NODE_TYPES: readonly NodeType[] = [
  ...tenancyNodes,
  ...identityNodes,
  ...crmNodes,
  ...caseNodes,
  ...auditNodes,
  ...approvalNodes,
  ...grantNodes,
  ...reportingNodes,
  ...riskNodes,
  ...operationsNodes,
  ...affiliateNodes,
  ...settlementNodes,
  ...contractNodes,
  ...feeSettlementNodes,
  ...complaintNodes,
  ...partnerNodes,
  ...assessmentNodes,
];

/**
 * Makes each listed type implement Node, here rather than in each `@ObjectType`, so the list that
 * `node(id)` reads from and the types that claim the interface are one and the same.
 */
export function declareNodeTypes(): void {
  const types = new Set<Function>(NODE_TYPES.map((node) => node.type));
  for (const objectType of getMetadataStorage().objectTypes) {
    if (!types.has(objectType.target)) continue;
    const interfaces = objectType.interfaceClasses ?? [];
    if (!interfaces.includes(Node)) objectType.interfaceClasses = [...interfaces, Node];
  }
}
