import { ApprovalPolicy } from "../approvals/approval-policies";
import { FEE_SETTLEMENT_SUBJECT, recordFeeSettlementDecision, recordFeeSettlementReview } from "./fee-settlement.service";

/**
 * Seed 003 §6 "審核 → 審批": the partner's centre reviews (staff or higher), then approves
 * (deputy or president); one person never decides both. Both steps are already the parent's,
 * so there is nowhere further to escalate.
 */
export const FEE_SETTLEMENT_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: FEE_SETTLEMENT_SUBJECT,
  chain: () => [
    { tenant: "PARENT", minAuthorityLevel: 4 },
    { tenant: "PARENT", minAuthorityLevel: 2 },
  ],
  escalationLevel: () => null,
  escalatesOnSla: false,
  onStepApproved: ({ db, request, position }) => recordFeeSettlementReview(db, request, position),
  onDecided: ({ db, request, result }) => recordFeeSettlementDecision(db, request, result),
};
