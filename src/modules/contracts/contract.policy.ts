import { ApprovalOutcome, ApprovalPolicy } from "../approvals/approval-policies";
import { PARTNER_CONTRACT_SUBJECT, recordLegalReviewOutcome } from "./contract.service";

/**
 * Seed 003 §3 legal review, in the centre's own tenant by a department head or higher. It does
 * not escalate: the contract row lives in the partner's tenant, and only the partner's direct
 * parent (the centre) may write it, so a grandparent's decision could not sign it.
 */
export const PARTNER_CONTRACT_APPROVAL_POLICY: ApprovalPolicy = {
  subjectType: PARTNER_CONTRACT_SUBJECT,
  chain: () => [{ tenant: "OWN", minAuthorityLevel: 3 }],
  escalationLevel: () => null,
  escalatesOnSla: false,
  onDecided: ({ db, request, result }: ApprovalOutcome) => recordLegalReviewOutcome(db, request, result),
};
